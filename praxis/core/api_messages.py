"""What the API says about input its schemas refuse, in the caller's language.

pydantic describes each refusal by a stable type ("string_too_long") with its limits in a
context ({"max_length": 20000}) and an English sentence; the API answers with the type's own
sentence, translated, the limit written as the caller's language writes numbers. A type not
named here keeps pydantic's sentence; a validator's own message (already translated when it
was raised) is given without pydantic's "Value error, " before it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.utils import formats
from django.utils.translation import gettext, gettext_noop, ngettext


def _number(value: Any) -> str:
    return str(formats.number_format(value, force_grouping=True))


def _count(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 2


def _at_most_characters(ctx: Mapping[str, Any]) -> str:
    limit = ctx.get("max_length")
    return ngettext(
        "Write at most %(limit)s character.", "Write at most %(limit)s characters.", _count(limit)
    ) % {"limit": _number(limit)}


def _at_least_characters(ctx: Mapping[str, Any]) -> str:
    limit = ctx.get("min_length")
    if _count(limit) == 1:
        return gettext("This field cannot be empty.")
    return ngettext(
        "Write at least %(limit)s character.", "Write at least %(limit)s characters.", _count(limit)
    ) % {"limit": _number(limit)}


def _at_most_items(ctx: Mapping[str, Any]) -> str:
    limit = ctx.get("max_length")
    return ngettext(
        "Give at most %(limit)s item.", "Give at most %(limit)s items.", _count(limit)
    ) % {"limit": _number(limit)}


def _at_least_items(ctx: Mapping[str, Any]) -> str:
    limit = ctx.get("min_length")
    return ngettext(
        "Give at least %(limit)s item.", "Give at least %(limit)s items.", _count(limit)
    ) % {"limit": _number(limit)}


def _bound(sentence: str, key: str) -> Callable[[Mapping[str, Any]], str]:
    def write(ctx: Mapping[str, Any]) -> str:
        return gettext(sentence) % {"limit": _number(ctx.get(key))}

    return write


def _fixed(sentence: str) -> Callable[[Mapping[str, Any]], str]:
    return lambda ctx: gettext(sentence)


def _one_of(ctx: Mapping[str, Any]) -> str:
    return gettext("Choose one of the values allowed: %(expected)s.") % {
        "expected": ctx.get("expected", "")
    }


def _validators_own(ctx: Mapping[str, Any]) -> str:
    return str(ctx.get("error", ""))


_WHOLE_NUMBER = _fixed(gettext_noop("Enter a whole number."))
_NUMBER = _fixed(gettext_noop("Enter a number."))
_DATE = _fixed(gettext_noop("Enter a date as YYYY-MM-DD."))
_DATE_TIME = _fixed(
    gettext_noop("Enter a date and time as YYYY-MM-DDTHH:MM, with its offset from UTC.")
)

# pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/).
WRITERS: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": _fixed(gettext_noop("This field is required.")),
    "string_too_long": _at_most_characters,
    "string_too_short": _at_least_characters,
    "too_long": _at_most_items,
    "too_short": _at_least_items,
    "greater_than_equal": _bound(gettext_noop("Enter a number of at least %(limit)s."), "ge"),
    "greater_than": _bound(gettext_noop("Enter a number greater than %(limit)s."), "gt"),
    "less_than_equal": _bound(gettext_noop("Enter a number of at most %(limit)s."), "le"),
    "less_than": _bound(gettext_noop("Enter a number less than %(limit)s."), "lt"),
    "int_parsing": _WHOLE_NUMBER,
    "int_type": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "float_parsing": _NUMBER,
    "float_type": _NUMBER,
    "decimal_parsing": _NUMBER,
    "decimal_type": _NUMBER,
    "finite_number": _NUMBER,
    "decimal_max_places": _bound(
        gettext_noop("Enter a number with at most %(limit)s digits after the decimal point."),
        "decimal_places",
    ),
    "decimal_max_digits": _bound(
        gettext_noop("Enter a number of at most %(limit)s digits."), "max_digits"
    ),
    "bool_parsing": _fixed(gettext_noop("Enter true or false.")),
    "bool_type": _fixed(gettext_noop("Enter true or false.")),
    "string_type": _fixed(gettext_noop("Enter text.")),
    "dict_type": _fixed(gettext_noop("Give a JSON object.")),
    "model_type": _fixed(gettext_noop("Give a JSON object.")),
    "model_attributes_type": _fixed(gettext_noop("Give a JSON object.")),
    "list_type": _fixed(gettext_noop("Give a list.")),
    "literal_error": _one_of,
    "enum": _one_of,
    "uuid_parsing": _fixed(gettext_noop("Enter a valid UUID.")),
    "uuid_type": _fixed(gettext_noop("Enter a valid UUID.")),
    "date_parsing": _DATE,
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_from_datetime_inexact": _DATE,
    "datetime_parsing": _DATE_TIME,
    "datetime_type": _DATE_TIME,
    "datetime_from_date_parsing": _DATE_TIME,
    "url_parsing": _fixed(gettext_noop("Enter a valid web address.")),
    "url_scheme": _fixed(gettext_noop("Enter a valid web address.")),
    "url_type": _fixed(gettext_noop("Enter a valid web address.")),
    "json_invalid": _fixed(gettext_noop("The request body is not valid JSON.")),
    "extra_forbidden": _fixed(gettext_noop("This field is not one the request takes.")),
    "value_error": _validators_own,
    "assertion_error": _validators_own,
}


def field_message(error: Mapping[str, Any]) -> str:
    """The sentence for one pydantic error, in the active language."""
    writer = WRITERS.get(str(error.get("type", "")))
    written = writer(error.get("ctx") or {}) if writer else ""
    return written or str(error.get("msg", ""))
