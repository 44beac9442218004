"""Load the shipped skeletons of WHO's two competency frameworks (CASE 1.1 packages)."""

from django.db import migrations

from praxis.competencies import skeletons


def load(apps, schema_editor):
    skeletons.ensure_loaded(
        apps.get_model("competencies", "Framework"),
        apps.get_model("competencies", "CompetencyItem"),
        apps.get_model("competencies", "Association"),
        apps.get_model("competencies", "ProficiencyScale"),
    )


def unload(apps, schema_editor):
    slugs = [slug for slug, _package in skeletons.skeleton_packages()]
    apps.get_model("competencies", "Framework").objects.filter(slug__in=slugs).delete()


class Migration(migrations.Migration):
    dependencies = [("competencies", "0001_frameworks_targets_evidence")]
    operations = [migrations.RunPython(load, unload)]
