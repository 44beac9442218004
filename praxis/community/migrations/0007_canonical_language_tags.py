"""Language tags stored in the canonical case of BCP 47 ("zh-hans" becomes "zh-Hans"), as the
field now writes every new one."""

from django.db import migrations

from praxis.core.migration_tags import canonical, canonical_tags


def _canonical_lists(apps, write):
    Community = apps.get_model("community", "Community")
    for community in Community.objects.exclude(languages=[]):
        languages = [write(code) for code in community.languages]
        if languages != community.languages:
            community.languages = languages
            community.save(update_fields=["languages"])


def forwards(apps, schema_editor):
    _canonical_lists(apps, canonical)


def backwards(apps, schema_editor):
    _canonical_lists(apps, str.lower)


class Migration(migrations.Migration):
    dependencies = [("community", "0006_language_tags")]

    operations = [
        canonical_tags("community", [("thread", "language"), ("resource", "language")]),
        migrations.RunPython(forwards, backwards),
    ]
