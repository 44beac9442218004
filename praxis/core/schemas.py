"""Schemas shared by every API router."""

from datetime import date
from typing import Annotated, Any

from django.db.models import TextChoices
from ninja import Schema
from pydantic import BeforeValidator, WithJsonSchema

from praxis.core.patterns import client_pattern

_ISO_DATE = client_pattern(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_date_text(value: Any) -> Any:
    # pydantic would read a number as seconds since 1970; a date here is written as a date.
    if (isinstance(value, str) and _ISO_DATE.fullmatch(value)) or isinstance(value, date):
        return value
    raise ValueError("Give a date as YYYY-MM-DD.")


#: A calendar date written YYYY-MM-DD (as its OpenAPI format says), never a number.
IsoDate = Annotated[date, BeforeValidator(_iso_date_text)]


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
