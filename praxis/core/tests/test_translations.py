"""Every language the interface offers is complete, and what is served is what was written."""

from __future__ import annotations

import gettext
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils.translation import to_locale

import praxis

LOCALE = Path(praxis.__file__).parent / "locale"
TRANSLATED = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _catalogue(language: str) -> Path:
    return LOCALE / to_locale(language) / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_a_guess(language: str) -> None:
    catalogue = polib.pofile(str(_catalogue(language)))

    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    guessed = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert (missing, guessed) == ([], [])


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_messages_have_every_form_the_language_needs(language: str) -> None:
    catalogue = polib.pofile(str(_catalogue(language)))
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])

    short = [
        entry.msgid
        for entry in catalogue.translated_entries()
        if entry.msgid_plural and sum(1 for text in entry.msgstr_plural.values() if text) < forms
    ]

    assert short == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_the_written_one(language: str) -> None:
    written = polib.pofile(str(_catalogue(language)))
    compiled = polib.mofile(str(_catalogue(language).with_suffix(".mo")))

    def pairs(catalogue: polib._BaseFile) -> set[tuple[str, str, str]]:
        return {
            (entry.msgctxt or "", entry.msgid, entry.msgstr or repr(entry.msgstr_plural))
            for entry in catalogue
            if entry.msgid and not entry.obsolete and "fuzzy" not in getattr(entry, "flags", [])
        }

    assert pairs(written) == pairs(compiled)


# Which numbers read as "one" follows the Unicode CLDR plural rules. In these languages the
# "one" form also covers zero (CLDR: French and Brazilian Portuguese `i = 0,1`; Persian, Hindi
# and Bengali `i = 0 or n = 1`); in the other two-form languages only 1 is singular.
ZERO_IS_SINGULAR = {"fr", "fa", "pt", "hi", "bn"}


def _plural_rule(language: str) -> str:
    return str(polib.pofile(str(_catalogue(language))).metadata["Plural-Forms"])


TWO_FORMS = [language for language in TRANSLATED if "nplurals=2;" in _plural_rule(language)]


@pytest.mark.parametrize("language", TWO_FORMS)
def test_the_plural_rule_chooses_the_form_cldr_gives(language: str) -> None:
    choose = gettext.c2py(_plural_rule(language).split("plural=")[1].rstrip(";"))

    chosen = {n: choose(n) for n in (0, 1, 2, 5, 21, 100)}

    singular_zero = 0 if language in ZERO_IS_SINGULAR else 1
    assert chosen == {0: singular_zero, 1: 0, 2: 1, 5: 1, 21: 1, 100: 1}
