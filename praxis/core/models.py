"""Base models every app builds on."""

from typing import Any

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Records when a row was created and last changed (UTC)."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def in_language(names: dict[str, Any], fallback: str) -> str:
    """The entry of a language-code → text map for the active language, else English, else
    `fallback`."""
    language = (get_language() or "en").lower()
    return str(names.get(language) or names.get("en") or fallback)
