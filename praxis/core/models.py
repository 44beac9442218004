"""Base models every app builds on."""

from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from praxis.core.languages import best_match


class TimeStampedModel(models.Model):
    """Records when a row was created and last changed (UTC)."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def in_language(names: dict[str, Any], fallback: str) -> str:
    """The entry of a language-code → text map for the active language (compared by BCP 47:
    "zh" serves "zh-hans"), else English, else `fallback`."""
    filled = [code for code, text in names.items() if text]
    code = best_match(get_language() or "en", filled) or best_match("en", filled)
    return str(names[code]) if code is not None else fallback
