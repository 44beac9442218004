"""Language tags stored in the canonical case of BCP 47 ("zh-hans" becomes "zh-Hans"), as the
field now writes every new one."""

from django.db import migrations

from praxis.core.migration_tags import canonical_tags


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_language_tags")]

    operations = [
        canonical_tags("assessments", [("questionbank", "language"), ("pathway", "language")])
    ]
