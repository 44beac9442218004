"""The search index holds a thread's language tag as the thread does: up to 35 characters (a
BCP 47 tag with script, region and variant), not the 10 of the six UN languages' codes."""

from django.db import migrations


def widen(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE community_search ALTER COLUMN language TYPE varchar(35)")


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE community_search ALTER COLUMN language TYPE varchar(10)")


class Migration(migrations.Migration):
    dependencies = [("community", "0007_canonical_language_tags")]

    operations = [migrations.RunPython(widen, narrow)]
