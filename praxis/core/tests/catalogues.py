"""A translation catalogue for one test: proves a string goes through gettext in the reader's
language without depending on the translations shipped in praxis/locale/."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils.translation import trans_real


def add_test_translations(
    monkeypatch: pytest.MonkeyPatch, language: str, messages: dict[Any, str]
) -> None:
    """Let `language` translate `messages` for the current test, ahead of its own catalogue.

    Keys as gettext stores them: "msgid"; ("msgid", plural form index) for ngettext;
    "context\\x04msgid" for pgettext (and ("context\\x04msgid", index) for npgettext).
    """
    translation = trans_real.translation(language)
    shipped = translation._catalog  # type: ignore[attr-defined]  # Django private, not in stubs
    catalogue = trans_real.TranslationCatalog()
    catalogue._catalogs = [dict(messages), *shipped._catalogs]
    catalogue._plurals = [shipped._plurals[0], *shipped._plurals]  # type: ignore[attr-defined]  # private
    monkeypatch.setattr(translation, "_catalog", catalogue)
