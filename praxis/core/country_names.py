"""Country names in the languages django-countries has no catalogue for.

django-countries names countries in most of Praxis's languages, but not in Bengali, Hindi,
Indonesian, Swahili or Urdu, where every list of countries would read in English. In those,
a country takes CLDR's name for it in that language, from the table of names Praxis keeps
for langcodes (`praxis.core.language_names`); every other language keeps django-countries'
own names. `every_country_named()` is the settings' `COUNTRIES_OVERRIDE`: one lazy name per
country, read in the language active when it is shown."""

from __future__ import annotations

import functools
import gettext as gettext_module
from pathlib import Path
from typing import Any

from django.utils.functional import lazy
from django.utils.translation import get_language, to_locale

from praxis.core.language_names import code_to_names


@functools.cache
def _has_catalogue(language: str) -> bool:
    import django_countries

    folder = Path(django_countries.__file__).resolve().parent / "locale"
    return gettext_module.find("django", str(folder), [to_locale(language)]) is not None


@functools.cache
def _as_shipped() -> Any:
    """django-countries without this override: its names as it gives them, common names and
    former names' translations included."""
    from django_countries import Countries

    shipped: Any = Countries()
    shipped.override = {}  # read before the settings' COUNTRIES_OVERRIDE
    return shipped


def country_name(code: str) -> str:
    """The name of the country `code` in the active language."""
    language = get_language() or "en"
    if language.startswith("en") or _has_catalogue(language):
        return str(_as_shipped().name(code))
    names = code_to_names(code)
    return names.get(language) or names.get(language.split("-")[0]) or _as_shipped().name(code)


def every_country_named() -> dict[str, Any]:
    """A lazy name for every country django-countries lists, keyed by its code."""
    from django_countries.data import COUNTRIES

    named = lazy(country_name, str)
    return {code: named(code) for code in COUNTRIES}
