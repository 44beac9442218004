"""Each clinical case gets a key that names it across a course's versions."""

import uuid

from django.db import migrations, models


def give_keys(apps, schema_editor):
    Case = apps.get_model("assessments", "Case")
    for case in Case.objects.only("id").iterator():
        Case.objects.filter(pk=case.pk).update(key=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [("assessments", "0004_quiz_position")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="key",
            field=models.UUIDField(null=True, editable=False),
        ),
        migrations.RunPython(give_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="case",
            name="key",
            field=models.UUIDField(db_index=True, default=uuid.uuid4, editable=False),
        ),
    ]
