# Schema half of recording which course version an enrolment is on; 0005 fills it in.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('catalog', '0003_course_versions'),
    ]

    operations = [
        migrations.AddField(
            model_name='enrolment',
            name='completed_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.courseversion', verbose_name='version completed'),
        ),
        migrations.AddField(
            model_name='enrolment',
            name='seen_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.courseversion', verbose_name='newest version whose changes the learner has seen'),
        ),
        migrations.AddField(
            model_name='enrolment',
            name='version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalog.courseversion', verbose_name='version enrolled on'),
        ),
    ]
