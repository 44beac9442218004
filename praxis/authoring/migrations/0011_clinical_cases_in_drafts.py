"""Clinical cases are written in drafts: drafts still being written take the cases their
questions had in the published course, so publishing them keeps each question's vignette."""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def carry_cases(apps, schema_editor):
    DraftQuestion = apps.get_model("authoring", "DraftQuestion")
    DraftCase = apps.get_model("authoring", "DraftCase")
    Question = apps.get_model("assessments", "Question")
    questions = DraftQuestion.objects.exclude(quiz__draft__status="published").select_related(
        "quiz"
    )
    for draft_question in questions.iterator():
        found = (
            Question.objects.filter(uuid=draft_question.key, case__isnull=False)
            .select_related("case")
            .first()
        )
        if found is None:
            continue
        case, _created = DraftCase.objects.get_or_create(
            draft_id=draft_question.quiz.draft_id,
            key=found.case.key,
            defaults={"title": found.case.title[:200], "vignette": found.case.vignette},
        )
        DraftQuestion.objects.filter(pk=draft_question.pk).update(case_key=case.key)


class Migration(migrations.Migration):

    dependencies = [
        ('authoring', '0010_external_tools'),
        ('assessments', '0005_case_key'),
    ]

    operations = [
        migrations.AddField(
            model_name='draftquestion',
            name='case_key',
            field=models.UUIDField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name='DraftCase',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.UUIDField(default=uuid.uuid4, editable=False)),
                ('position', models.PositiveIntegerField(default=0)),
                ('title', models.CharField(max_length=200, verbose_name='title')),
                ('vignette', models.TextField(verbose_name='vignette')),
                ('revision', models.PositiveIntegerField(default=1)),
                ('draft', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='cases', to='authoring.draft')),
            ],
            options={
                'ordering': ['draft', 'position', 'id'],
                'constraints': [models.UniqueConstraint(fields=('draft', 'key'), name='authoring_case_key_once')],
            },
        ),
        migrations.RunPython(carry_cases, migrations.RunPython.noop),
    ]
