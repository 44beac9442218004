"""The credit systems Praxis knows out of the box; staff add more in the back office."""

from decimal import Decimal

from django.db import migrations

SYSTEMS = [
    {
        "code": "cpd-hours",
        "name": "CPD hours",
        "unit": "hours",
        "credits_per_hour": Decimal("1"),
        "step": Decimal("0.5"),
        "rounding": "down",
        "daily_cap": None,
        "accreditation_statement": "",
    },
    {
        "code": "ama-pra-1",
        "name": "AMA PRA Category 1 Credits™",
        "unit": "credits",
        "credits_per_hour": Decimal("1"),
        "step": Decimal("0.25"),
        "rounding": "down",
        "daily_cap": None,
        "accreditation_statement": (
            "The accredited provider designates this activity for a maximum of the AMA PRA "
            "Category 1 Credits™ shown. Physicians should claim only the credit commensurate "
            "with the extent of their participation in the activity."
        ),
    },
    {
        "code": "eaccme",
        "name": "European CME credits (ECMEC®s)",
        "unit": "ECMEC®s",
        "credits_per_hour": Decimal("1"),
        "step": Decimal("0.5"),
        "rounding": "down",
        "daily_cap": Decimal("8"),
        "accreditation_statement": (
            "This activity is accredited by the European Accreditation Council for Continuing "
            "Medical Education (EACCME®) for the European CME credits (ECMEC®s) shown. Each "
            "medical specialist should claim only those hours of credit actually spent."
        ),
    },
    {
        "code": "iacet-ceu",
        "name": "IACET CEUs",
        "unit": "CEUs",
        "credits_per_hour": Decimal("0.1"),
        "step": Decimal("0.1"),
        "rounding": "nearest",
        "daily_cap": None,
        "accreditation_statement": (
            "The provider is accredited by the International Accreditors for Continuing "
            "Education and Training (IACET); one CEU is ten contact hours."
        ),
    },
]


def add_systems(apps, schema_editor):
    CreditSystem = apps.get_model("credentials", "CreditSystem")
    for system in SYSTEMS:
        CreditSystem.objects.update_or_create(code=system["code"], defaults=system)


def remove_systems(apps, schema_editor):
    CreditSystem = apps.get_model("credentials", "CreditSystem")
    CreditSystem.objects.filter(code__in=[s["code"] for s in SYSTEMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("credentials", "0001_initial")]

    operations = [migrations.RunPython(add_systems, remove_systems)]
