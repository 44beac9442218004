# The version of what a credential attests (a course version), and where to read it.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('credentials', '0002_credit_systems'),
    ]

    operations = [
        migrations.AddField(
            model_name='credential',
            name='achievement_version',
            field=models.CharField(blank=True, max_length=40, verbose_name='version achieved'),
        ),
        migrations.AddField(
            model_name='credential',
            name='achievement_version_url',
            field=models.URLField(blank=True, max_length=500, verbose_name='page of the version achieved'),
        ),
    ]
