"""Language tags (BCP 47): which are valid, one way to write them, one way to compare them, and
what follows from them (script, direction, names).

Content (courses, events, threads, resources...) may be written in any language of the IANA
Language Subtag Registry, which the `langcodes` library carries. A tag from a person is checked
with `clean_language_tag` (or `validate_language_tag`, the same check as a Django validator) and
kept in its canonical form ("zh-hans" → "zh-Hans", "iw" → "he", "pt_br" → "pt-BR"). Django names
its interface languages in lower case ("zh-hans"); standards and browsers expect the canonical
case of RFC 5646, so every layer that outputs a tag writes it with `canonical_tag`, and every
comparison of a person's language with a content's language goes through `languages_match`.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable
from typing import Any

import langcodes
from django import forms
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.functional import Promise
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from langcodes.tag_parser import LanguageTagError

from praxis.core import language_names
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.patterns import client_pattern

# langcodes reads the names of languages from Praxis's compact copy of its table (4 MB, not 16).
language_names.install()

_TAG = client_pattern(r"^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$")
# RFC 5646 asks implementations to hold tags of at least 35 characters (section 4.4.1); a
# language, extended language, script, region and a variant or two fit in it.
MAX_TAG_LENGTH = 35
# Scripts written from right to left (ISO 15924 codes, Unicode's bidirectional class R or AL).
RIGHT_TO_LEFT_SCRIPTS = frozenset(
    {
        "Adlm", "Arab", "Aran", "Armi", "Avst", "Chrs", "Cprt", "Elym", "Hatr", "Hebr", "Hung",
        "Khar", "Lydi", "Mand", "Mani", "Mend", "Merc", "Mero", "Narb", "Nbat", "Nkoo", "Orkh",
        "Ougr", "Palm", "Phli", "Phlp", "Phnx", "Prti", "Rohg", "Samr", "Sarb", "Sogd", "Sogo",
        "Syrc", "Thaa", "Yezi",
    }
)  # fmt: skip
# Tags that name no language a text can be written in: undetermined, no linguistic content.
_NOT_A_CONTENT_LANGUAGE = frozenset({"und", "zxx", "mis", "mul"})


class LanguageTagProblem(ValueError):
    """Why a value is not a language tag content may carry: a stable code and a message."""

    def __init__(self, code: ErrorCode, message: str | Promise) -> None:
        self.code = code
        self.message = message
        super().__init__(str(code))


def standard_tag(value: object) -> str:
    """The canonical form of the BCP 47 tag `value` (deprecated subtags replaced by their
    preferred ones, redundant scripts dropped, case as RFC 5646 recommends), or
    `LanguageTagProblem` when it is not a string, empty, too long, malformed, has a subtag the
    IANA registry does not know, or names no language."""
    if not isinstance(value, str):
        raise LanguageTagProblem(
            ErrorCode.INVALID_LANGUAGE_TAG, _("Give the language as a language tag, e.g. pt-BR.")
        )
    text = value.strip().replace("_", "-")
    if not text:
        raise LanguageTagProblem(ErrorCode.INVALID_LANGUAGE_TAG, _("Choose a language."))
    if len(text) > MAX_TAG_LENGTH or not _TAG.match(text):
        raise LanguageTagProblem(
            ErrorCode.INVALID_LANGUAGE_TAG,
            _("This is not a language tag: write it like sw, pt-BR or zh-Hans."),
        )
    try:
        language = langcodes.Language.get(text, normalize=True)
    except LanguageTagError as error:
        raise LanguageTagProblem(
            ErrorCode.INVALID_LANGUAGE_TAG,
            _("This is not a language tag: write it like sw, pt-BR or zh-Hans."),
        ) from error
    if not language.is_valid():
        raise LanguageTagProblem(
            ErrorCode.UNKNOWN_LANGUAGE,
            _("This language tag has a part the language registry does not know."),
        )
    if (
        not language.language
        or language.language in _NOT_A_CONTENT_LANGUAGE
        or "-" in language.language
    ):
        raise LanguageTagProblem(ErrorCode.UNKNOWN_LANGUAGE, _("Name the language of the text."))
    return canonical_tag(langcodes.standardize_tag(text))


def is_language_tag(value: object) -> bool:
    """Whether `value` is a tag `standard_tag` accepts."""
    try:
        standard_tag(value)
    except LanguageTagProblem:
        return False
    return True


def clean_language_tag(value: object, *, field: str = "language") -> str:
    """`standard_tag(value)`, or `ValidationFailed` naming `field` with the problem."""
    try:
        return standard_tag(value)
    except LanguageTagProblem as problem:
        raise ValidationFailed(problem.code, fields={field: [problem.message]}) from problem


def validate_language_tag(value: object) -> None:
    """The check of `standard_tag` as a Django validator (forms, models)."""
    try:
        standard_tag(value)
    except LanguageTagProblem as problem:
        raise ValidationError(str(problem.message), code=str(problem.code)) from problem


@functools.lru_cache(maxsize=4096)
def script_of(tag: str) -> str:
    """The script a text in `tag` is written in (ISO 15924): the tag's own script subtag, else
    the likely one for its language and region ("ur" → "Arab", "pa-PK" → "Arab", "sr" →
    "Cyrl"); "" for a tag that is not valid."""
    try:
        language = langcodes.Language.get(str(tag or ""))
        return str(language.maximize().script or "") if language.language else ""
    except LanguageTagError:
        return ""


def direction_of(tag: str) -> str:
    """ "rtl" for a language written right to left (Arabic, Urdu, Persian, Pashto, Hebrew,
    Yiddish, Dhivehi, Syriac, N'Ko...), "ltr" otherwise: for HTML's dir attribute."""
    return "rtl" if script_of(tag) in RIGHT_TO_LEFT_SCRIPTS else "ltr"


# Unicode's first strong isolate and pop directional isolate (UAX #9): what lies between them is
# laid out on its own, in its own direction, without reordering the sentence around it.
FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2068", "\u2069"


def text_direction(text: str) -> str | None:
    """ "rtl" or "ltr": the direction of the first strongly directional character of `text`, as
    HTML's dir="auto" reads it; None when it has none (digits, punctuation)."""
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def isolated(text: str, direction: str) -> str:
    """`text`, to be set inside a sentence written in `direction` ("rtl" or "ltr"): between
    directional isolates when it runs the other way, so that the English title of a thread
    keeps its punctuation in place inside an Arabic sentence, and an Arabic one inside an
    English sentence; as it is otherwise."""
    found = text_direction(text)
    if found is None or found == direction:
        return text
    return f"{FIRST_STRONG_ISOLATE}{text}{POP_DIRECTIONAL_ISOLATE}"


def in_sentence(text: str) -> str:
    """`text` (a name, a title, an address) isolated for a sentence in the active language's
    direction (`isolated`): an e-mail address told in an Arabic message keeps its "@", "-" and
    "." in place."""
    return isolated(text, direction_of(get_language() or "en"))


@functools.lru_cache(maxsize=4096)
def _name(tag: str, reader: str) -> str:
    try:
        language = langcodes.Language.get(tag)
    except LanguageTagError:
        return tag
    if not language.language:
        return tag
    name = str(language.display_name(reader or "en"))
    return name[:1].upper() + name[1:] if name else tag


def language_name(tag: str, reader: str | None = None) -> str:
    """The name of the language of `tag` in the language `reader` (default: the active one):
    "bn" is "Bengali" to an English reader, "বাংলা" to itself, "孟加拉语" to a Chinese one. The
    tag itself when no name is known."""
    return _name(str(tag or ""), reader or get_language() or "en")


def load_language_names() -> None:
    """Read the registry's language names now rather than on the first page that shows one: the
    WSGI entry point calls it, so that workers forked by `gunicorn --preload` share them."""
    language_name("en", "en")


def autonym(tag: str) -> str:
    """The name of the language of `tag` in that language ("sw" → "Kiswahili")."""
    return _name(str(tag or ""), str(tag or ""))


def describe_interface_languages(codes: Iterable[str]) -> None:
    """Give Django's table of language names (`LANG_INFO`, read by the language chooser and
    `get_language_info`) an entry for each interface language it lacks (Pashto, Amharic,
    Hausa...): its name in English and in itself, and its direction. Adding a language is then
    one line of settings."""
    for code in codes:
        if code.lower() in LANG_INFO:
            continue
        LANG_INFO[code.lower()] = {
            "bidi": direction_of(code) == "rtl",
            "code": code.lower(),
            "name": language_name(code, "en"),
            "name_local": autonym(code),
        }


class LanguageTagField(models.CharField):  # type: ignore[type-arg]  # CharField's generics are the stubs'
    """A BCP 47 tag, checked against the registry by forms and stored in canonical case (so
    that a lookup written "zh-hans" finds "zh-Hans" too)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", MAX_TAG_LENGTH)
        kwargs.setdefault("validators", [validate_language_tag])
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == MAX_TAG_LENGTH:
            del kwargs["max_length"]
        kwargs.pop("validators", None)
        return name, path, args, kwargs

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        return canonical_tag(value) if isinstance(value, str) else value

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"form_class": LanguageTagFormField, **kwargs})


def _subtags(tag: str) -> list[str]:
    return [part for part in str(tag or "").strip().replace("_", "-").split("-") if part]


def canonical_tag(tag: str) -> str:
    """`tag` in the case RFC 5646 recommends: "zh-hans" → "zh-Hans", "PT-br" → "pt-BR".

    Language in lower case, a four-letter script in title case, a region (two letters) in
    upper case, everything else in lower case. Subtags after a singleton ("x", "u") keep
    lower case. An empty tag stays empty.
    """
    parts = _subtags(tag)
    written: list[str] = []
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


def primary_language(tag: str) -> str:
    """The language subtag alone, in lower case: "zh-Hans-CN" → "zh"."""
    parts = _subtags(tag)
    return parts[0].lower() if parts else ""


def languages_match(wanted: str, offered: str) -> bool:
    """Whether content in `offered` serves a reader asking for `wanted` (BCP 47 basic filtering
    both ways, case-insensitive): "zh" matches "zh-Hans" and "zh-Hant", "zh-Hans" matches "zh",
    "pt" matches "pt-BR"; "zh-Hans" does not match "zh-Hant". Empty tags match nothing."""
    first = [part.lower() for part in _subtags(wanted)]
    second = [part.lower() for part in _subtags(offered)]
    if not first or not second:
        return False
    shorter = min(len(first), len(second))
    return first[:shorter] == second[:shorter]


def best_match(wanted: str, offered: Iterable[str]) -> str | None:
    """The one of `offered` that best serves a reader of `wanted`: the same tag (any case),
    else the first that `languages_match`; None when none does."""
    offered_list = [tag for tag in offered if tag]
    for tag in offered_list:
        if tag.lower() == str(wanted or "").lower():
            return tag
    for tag in offered_list:
        if languages_match(wanted, tag):
            return tag
    return None


def preference_rank(wanted: Iterable[str], offered: str) -> int:
    """The position of the first of `wanted` (in order of preference) that `offered` matches;
    the number of wanted languages when none does. For sorting content by a reader's languages."""
    wanted_list = list(wanted)
    for position, tag in enumerate(wanted_list):
        if languages_match(tag, offered):
            return position
    return len(wanted_list)


def _match_patterns(wanted: Iterable[str]) -> tuple[list[str], list[str]]:
    """(tags a matching value equals, prefixes it starts with), lower case, for queries: a tag
    matches its own prefixes ("zh-hans" → "zh", "zh-hans") and any longer tag ("zh-hans-…")."""
    exact: list[str] = []
    prefixes: list[str] = []
    for tag in wanted:
        parts = [part.lower() for part in _subtags(tag)]
        if not parts or not _TAG.match("-".join(parts)):
            continue
        exact += ["-".join(parts[: end + 1]) for end in range(len(parts))]
        prefixes.append("-".join(parts) + "-")
    return list(dict.fromkeys(exact)), list(dict.fromkeys(prefixes))


def language_q(field: str, wanted: Iterable[str]) -> Q:
    """A filter on the language tag in `field` that keeps what `languages_match` would keep
    for any of `wanted`. Matches nothing when no tag is wanted."""
    exact, prefixes = _match_patterns(wanted)
    condition = Q(pk__in=[])
    for tag in exact:
        condition |= Q(**{f"{field}__iexact": tag})
    for prefix in prefixes:
        condition |= Q(**{f"{field}__istartswith": prefix})
    return condition


def reading_order(spoken: Iterable[str], interface: str, saved: str = "") -> list[str]:
    """The languages a person reads, most preferred first: those they declared speaking, in
    their order, then the interface language they use, then the interface language saved on
    their profile when it is another (each once, canonical)."""
    ordered = [canonical_tag(tag) for tag in [*spoken, interface, saved] if tag]
    return list(dict.fromkeys(ordered))


def readers_of(person: object, interface: str | None = None) -> list[str]:
    """The languages `person` reads, most preferred first (`reading_order`): those they declared
    speaking (none for a visitor), then `interface`, the active language when not given, then
    the language saved on their profile (an API caller asking in another language still reads
    it)."""
    spoken = getattr(person, "languages", None) or []
    saved = getattr(person, "preferred_language", "") or ""
    return reading_order(spoken, interface or get_language() or "en", saved)


def language_rank(field: str, wanted: str | Iterable[str]) -> Case:
    """An ordering value for rows by the tag in `field`: 0 for a match of the first of `wanted`
    (one tag, or tags in order of preference), 1 for the second..., len(wanted) for none (what
    `preference_rank` says, in SQL)."""
    wanted_list = [wanted] if isinstance(wanted, str) else list(wanted)
    whens = [
        When(language_q(field, [tag]), then=Value(position))
        for position, tag in enumerate(wanted_list)
    ]
    return Case(*whens, default=Value(len(wanted_list)), output_field=IntegerField())


def language_sql(column: str, wanted: Iterable[str]) -> tuple[str, list[Any]]:
    """The same filter as `language_q` for a raw SQL query: (condition, parameters). `column`
    is trusted SQL; tags go as parameters (they hold letters, digits and hyphens only)."""
    exact, prefixes = _match_patterns(wanted)
    if not exact:
        return "1 = 0", []
    clauses = [f"lower({column}) IN ({', '.join(['%s'] * len(exact))})"]
    clauses += [f"lower({column}) LIKE %s" for _prefix in prefixes]
    return "(" + " OR ".join(clauses) + ")", [*exact, *(prefix + "%" for prefix in prefixes)]


def matching_tags(wanted: Iterable[str], offered: Iterable[str]) -> list[str]:
    """The tags of `offered` that match any of `wanted`, in the order offered."""
    wanted_list = [tag for tag in wanted if tag]
    return [tag for tag in offered if any(languages_match(w, tag) for w in wanted_list)]


# Offered first wherever a language is chosen (any other tag may be typed): the six UN
# languages, then the languages most spoken by the health workforce of the regions served.
SUGGESTED_TAGS = (
    "ar", "zh-Hans", "zh-Hant", "en", "fr", "ru", "es", "es-419", "pt", "pt-BR", "hi", "bn", "ur",
    "id", "ms", "sw", "am", "ha", "yo", "ig", "zu", "so", "de", "it", "tr", "fa", "ps", "uk",
    "pl", "ja", "ko", "vi", "th", "fil", "ta", "te", "mr", "pa", "ne", "my", "km", "he",
)  # fmt: skip


def suggested_languages() -> list[tuple[str, str]]:
    """(tag, label) for `SUGGESTED_TAGS`, each named in itself and in the reader's language:
    "বাংলা (Bengali)"; just one name when both are the same."""
    choices = []
    for tag in SUGGESTED_TAGS:
        own, translated = autonym(tag), language_name(tag)
        choices.append((tag, own if own == translated else f"{own} ({translated})"))
    return choices


class LanguageTagInput(forms.TextInput):
    """A text box for a language tag, with the suggested languages offered as it is typed."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        attrs = {"autocomplete": "off", "spellcheck": "false", "dir": "ltr", **(attrs or {})}
        super().__init__(attrs)

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        attrs = dict(attrs or {})
        suggestions = f"{attrs.get('id') or name}-suggestions"
        attrs["list"] = suggestions
        options = format_html_join("", '<option value="{}">{}</option>', suggested_languages())
        box = super().render(name, value, attrs, renderer)
        return format_html('{}<datalist id="{}">{}</datalist>', box, suggestions, options)


class LanguageTagFormField(forms.CharField):
    """A language tag in a form: any tag of the registry, cleaned to its canonical form."""

    widget = LanguageTagInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "help_text", _("Any language: choose one offered, or type its tag (e.g. pt-BR, sw).")
        )
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> str:
        value = super().to_python(value)
        if value in self.empty_values:
            return ""
        try:
            return standard_tag(value)
        except LanguageTagProblem as problem:
            raise ValidationError(str(problem.message), code=str(problem.code)) from problem
