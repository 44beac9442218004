"""Schemas shared by every API router."""

from datetime import date
from typing import Annotated, Any

from django.db.models import TextChoices
from ninja import Schema
from pydantic import AfterValidator, BeforeValidator, StringConstraints, WithJsonSchema

from praxis.core.languages import MAX_TAG_LENGTH, LanguageTagProblem, standard_tag
from praxis.core.patterns import client_pattern

_ISO_DATE = client_pattern(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_text(value: Any) -> Any:
    # pydantic would read a number as seconds since 1970; a date here is written as a date.
    if (isinstance(value, str) and _ISO_DATE.fullmatch(value)) or isinstance(value, date):
        return value
    raise ValueError("Give a date as YYYY-MM-DD.")


#: A calendar date written YYYY-MM-DD (as its OpenAPI format says), never a number.
IsoDate = Annotated[date, BeforeValidator(_iso_date_text)]


#: A BCP 47 language tag (any language of the IANA registry, e.g. "sw", "pt-BR", "zh-Hans"),
#: answered in canonical form. The pattern states the syntax; on input, a tag that is
#: well-formed but names no registered subtag is refused by the service with the code
#: "unknown_language", a malformed one with "invalid_language_tag".
LanguageTag = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": MAX_TAG_LENGTH,
            "pattern": "^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$",
            "description": "A BCP 47 language tag, e.g. sw, pt-BR, zh-Hans",
        }
    ),
]


#: A language tag to filter by: a malformed one is refused (400); a well-formed one outside the
#: registry filters nothing. "pt" also finds "pt-BR", "zh" finds "zh-Hans".
def _registered_tag(value: str) -> str:
    # A registered tag is compared in canonical form; a well-formed one the registry does not
    # know is kept as given (the catalogue then ignores it, as it ignores any unknown filter).
    try:
        return standard_tag(value)
    except LanguageTagProblem:
        return value


LanguageTagFilter = Annotated[
    str,
    StringConstraints(max_length=MAX_TAG_LENGTH, pattern=r"^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$"),
    AfterValidator(_registered_tag),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": MAX_TAG_LENGTH,
            "pattern": "^[A-Za-z0-9]{1,8}(-[A-Za-z0-9]{1,8})*$",
            "description": "A BCP 47 language tag, e.g. sw, pt-BR, zh-Hans",
        }
    ),
]


def choices_of(choices: type[TextChoices]) -> WithJsonSchema:
    """The OpenAPI schema of a field holding one of `choices`, written in place as the list of
    values: Ninja files an enum under its class name, and every model's `Status` would then share
    one component. Use as `Annotated[Event.Type, choices_of(Event.Type)]`."""
    return WithJsonSchema({"enum": list(choices.values), "type": "string"})


class ErrorBody(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


class ErrorOut(Schema):
    """The body of every refusal: {"error": {"code", "message", "fields"}}."""

    error: ErrorBody


def errors(*statuses: int) -> dict[int, Any]:
    """The error responses an operation declares, for its OpenAPI description."""
    return dict.fromkeys(statuses, ErrorOut)
