"""Load the shipped ISCO-08 health occupations and WHO region memberships."""

from django.db import migrations

from praxis.reference import loading


def load(apps, schema_editor):
    loading.ensure_loaded(
        apps.get_model("reference", "Occupation"), apps.get_model("reference", "RegionMembership")
    )


def unload(apps, schema_editor):
    apps.get_model("reference", "RegionMembership").objects.all().delete()
    apps.get_model("reference", "Occupation").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
