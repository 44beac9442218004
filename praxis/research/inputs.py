"""Typed inputs of the research services: a project and its data-access request.

The page's form and the API's schema each type what they read, then read it into this model
(`ProjectRequest.read`), which holds the rules the service's input keeps whoever calls it, with
the translated message each refusal shows.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from praxis.core.errors import ErrorCode
from praxis.core.inputs import Refusal, by_field, parse
from praxis.organisations.models import Organisation
from praxis.research.models import DEFAULT_K, ExportColumn, TimePrecision

MAX_K = 1000
KNOWN_VERBS_PREFIX = ("http://", "https://")

PROJECT_MESSAGES = {
    "title": _("Give the project a title."),
    "aims": _("Say what the project aims to find out."),
    "ethics_reference": _("Give the reference of the ethics approval."),
    "ethics_expires_on": _("Give the date the ethics approval expires."),
    "k": _("k must be a whole number from 2 to 1000."),
    "verbs": _("Name each statement type by its verb IRI."),
    "time_precision": _("Choose the day, the week or the month."),
    "columns": _("Give the data fields requested as a list of their names."),
    "date_from": _("Enter a valid date."),
    "date_to": _("Enter a valid date."),
    "partner": _("There is no partner organisation with this name."),
}
describe_project = by_field(PROJECT_MESSAGES)


def _text(value: str, *, longest: int, too_long: Any) -> str:
    text = value.strip()
    if len(text) > longest:
        raise Refusal(too_long)
    return text


class ProjectRequest(BaseModel):
    """A research project and its data-access request, as `submit_project` stores it."""

    model_config = ConfigDict(strict=True, extra="forbid", arbitrary_types_allowed=True)

    title: str = ""
    aims: str = ""
    ethics_reference: str = ""
    ethics_expires_on: datetime.date
    k: int = DEFAULT_K
    verbs: list[str] = []
    time_precision: TimePrecision = TimePrecision.WEEK
    columns: list[str] = []
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    partner: Organisation | None = None

    @classmethod
    def read(cls, fields: dict[str, Any]) -> ProjectRequest:
        """The request the page's form or the API's schema gives, or ValidationFailed naming
        each field refused."""
        return parse(cls, fields, describe_project)

    @field_validator("title", "aims", "ethics_reference", "verbs", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any, info: ValidationInfo) -> Any:
        if value is None:
            return [] if info.field_name == "verbs" else ""
        return value

    @field_validator("k", "time_precision", mode="before")
    @classmethod
    def _empty_is_default(cls, value: Any, info: ValidationInfo) -> Any:
        if not value:
            return DEFAULT_K if info.field_name == "k" else TimePrecision.WEEK
        # Given as the value a form or a schema reads, not as the enumeration's member.
        if info.field_name == "time_precision" and value in TimePrecision.values:
            return TimePrecision(value)
        return value

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        text = _text(value, longest=200, too_long=_("Keep the title under 200 characters."))
        if not text:
            raise Refusal(PROJECT_MESSAGES["title"])
        return text

    @field_validator("aims")
    @classmethod
    def _aims(cls, value: str) -> str:
        text = _text(value, longest=5000, too_long=_("Keep the aims under 5,000 characters."))
        if not text:
            raise Refusal(PROJECT_MESSAGES["aims"])
        return text

    @field_validator("ethics_reference")
    @classmethod
    def _reference(cls, value: str) -> str:
        reference = value.strip()
        if not reference or len(reference) > 100:
            raise Refusal(PROJECT_MESSAGES["ethics_reference"])
        return reference

    @field_validator("ethics_expires_on")
    @classmethod
    def _not_expired(cls, value: datetime.date) -> datetime.date:
        if value <= timezone.now().date():
            raise Refusal(_("This ethics approval has already expired."))
        return value

    @field_validator("k")
    @classmethod
    def _k(cls, value: int) -> int:
        if not 2 <= value <= MAX_K:
            raise Refusal(PROJECT_MESSAGES["k"])
        return value

    @field_validator("verbs")
    @classmethod
    def _verb_iris(cls, value: list[str]) -> list[str]:
        verbs = [verb.strip() for verb in value if verb.strip()]
        if any(not v.startswith(KNOWN_VERBS_PREFIX) or len(v) > 512 for v in verbs):
            raise Refusal(PROJECT_MESSAGES["verbs"])
        return verbs

    @field_validator("columns", mode="plain")
    @classmethod
    def _known_columns(cls, value: Any) -> list[str]:
        """Each a known export column, in the order exports write them."""
        if value is None:
            value = []
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise Refusal(PROJECT_MESSAGES["columns"], code=ErrorCode.UNKNOWN_EXPORT_COLUMN)
        unknown = sorted({v for v in value if v not in ExportColumn.values})
        if unknown:
            raise Refusal(
                _("These are not data fields an export can hold: %(names)s.")
                % {"names": ", ".join(name[:40] for name in unknown[:5])},
                code=ErrorCode.UNKNOWN_EXPORT_COLUMN,
            )
        if not value:
            raise Refusal(
                _("Choose at least one data field besides the pseudonym."),
                code=ErrorCode.NO_EXPORT_COLUMNS,
            )
        return [name for name in ExportColumn.values if name in value]

    @field_validator("date_to")
    @classmethod
    def _range_in_order(
        cls, value: datetime.date | None, info: ValidationInfo
    ) -> datetime.date | None:
        start = info.data.get("date_from")
        if start and value and start > value:
            raise Refusal(_("The end of the date range is before its start."))
        return value
