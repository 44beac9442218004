"""Courses whose survey already had enough answers were told so: record it, so that no later
answer tells them again."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.models import Count

SMALL_CELL = 5  # praxis.feedback.survey.SMALL_CELL when this was written


def record_notices_sent(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    response = apps.get_model("feedback", "SurveyResponse")
    notice = apps.get_model("feedback", "SurveyResultsNotice")
    answered = (
        response.objects.values("course_id")
        .annotate(n=Count("id"))
        .filter(n__gte=SMALL_CELL)
        .values_list("course_id", flat=True)
    )
    notice.objects.bulk_create(
        [notice(course_id=course_id) for course_id in answered], ignore_conflicts=True
    )


class Migration(migrations.Migration):
    dependencies = [("feedback", "0002_survey_results_notice")]

    operations = [migrations.RunPython(record_notices_sent, migrations.RunPython.noop)]
