"""Load the shipped ISCO-08 health occupations and WHO region memberships."""

from django.db import migrations

from praxis.reference import loading


def load(apps, schema_editor):
    Occupation = apps.get_model("reference", "Occupation")
    RegionMembership = apps.get_model("reference", "RegionMembership")
    for row in loading.occupation_rows():
        Occupation.objects.update_or_create(isco08=row["isco08"], defaults=row)
    RegionMembership.objects.all().delete()
    RegionMembership.objects.bulk_create(
        RegionMembership(**row) for row in loading.membership_rows()
    )


def unload(apps, schema_editor):
    apps.get_model("reference", "RegionMembership").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
