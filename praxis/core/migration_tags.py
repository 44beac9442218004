"""A migration step that rewrites stored language tags in the canonical case of BCP 47
("zh-hans" becomes "zh-Hans"), as `LanguageTagField` writes every new one. It is spelt out here,
apart from `praxis.core.languages`, so that migrations keep the rule they ran with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import migrations
from django.db.models import Value


def canonical(tag: str) -> str:
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


def canonical_tags(app_label: str, fields: Sequence[tuple[str, str]]) -> migrations.RunPython:
    """Rewrite each (model, field) of `app_label` in canonical case; backwards, in lower case."""

    def rewrite(write: Callable[[str], str]) -> Callable[[Any, Any], None]:
        def apply(apps: Any, schema_editor: Any) -> None:
            for model_name, field in fields:
                model = apps.get_model(app_label, model_name)
                for tag in model.objects.values_list(field, flat=True).distinct():
                    if tag and write(tag) != tag:
                        # Compared and written as plain text: the field would change the case.
                        model.objects.filter(**{f"{field}__iexact": tag}).update(
                            **{field: Value(write(tag))}
                        )

        return apply

    return migrations.RunPython(rewrite(canonical), rewrite(str.lower))
