"""Language tags stored in the canonical case of BCP 47 ("zh-hans" becomes "zh-Hans"), as the
field now writes every new one."""

from django.db import migrations
from django.db.models import Value


def canonical(tag):
    """RFC 5646's case: language lower, four-letter script title, two-letter region upper."""
    parts = [part for part in str(tag).replace("_", "-").split("-") if part]
    written = []
    after_singleton = False
    for position, part in enumerate(parts):
        if position == 0 or after_singleton:
            written.append(part.lower())
        elif len(part) == 1:
            after_singleton = True
            written.append(part.lower())
        elif len(part) == 4 and part.isalpha():
            written.append(part.title())
        elif len(part) == 2 and part.isalpha():
            written.append(part.upper())
        else:
            written.append(part.lower())
    return "-".join(written)


MODELS = [("achievement", "language")]


def _rewrite(apps, write):
    for model_name, field in MODELS:
        model = apps.get_model("credentials", model_name)
        for tag in model.objects.values_list(field, flat=True).distinct():
            if tag and write(tag) != tag:
                # Compared and written as plain text: the field itself would change the case.
                model.objects.filter(**{f"{field}__iexact": tag}).update(
                    **{field: Value(write(tag))}
                )


def forwards(apps, schema_editor):
    _rewrite(apps, canonical)


def backwards(apps, schema_editor):
    _rewrite(apps, str.lower)


class Migration(migrations.Migration):
    dependencies = [("credentials", "0004_achievement_language_tag")]

    operations = [migrations.RunPython(forwards, backwards)]
