"""Projects requested before the choice of fields existed were approved for every column an
export wrote then; they keep exactly those (the age band came later and is not added)."""

from django.db import migrations

COLUMNS_BEFORE_THE_CHOICE = [
    "who_region",
    "occupation_group",
    "organisation",
    "verb",
    "activity",
    "registration",
    "timestamp",
    "completion",
    "success",
    "score_scaled",
    "duration",
]


def every_column_written_until_now(apps, schema_editor):
    Project = apps.get_model("research", "Project")
    chosen_nothing = [p.pk for p in Project.objects.only("pk", "columns") if not p.columns]
    Project.objects.filter(pk__in=chosen_nothing).update(columns=COLUMNS_BEFORE_THE_CHOICE)


def nothing_to_undo(apps, schema_editor):
    # The schema migration before this one drops the column when going back further.
    pass


class Migration(migrations.Migration):
    dependencies = [("research", "0002_project_columns")]

    operations = [migrations.RunPython(every_column_written_until_now, nothing_to_undo)]
