"""The registry of personal data: what each app holds about a person, how it is exported and how
it is erased.

Each app declares, in its own `privacy.py`, one `Holding` per model that names a person (a
relation to the user model) or stores something identifying them as text (an e-mail address, a
name, an xAPI actor):

    register(Holding(Enrolment, ("learner",), Erasure.DELETE, kind="enrolments",
                     label=_("Enrolments"), fields=("course__slug", "status", "enrolled_at")))

`accounts` runs export and erasure through `holdings()`; it never needs to know the apps above
it, which register here at start-up as they answer hooks. A test walks every installed model and
fails when a relation to the user model, or an e-mail field, is declared by no holding.
"""

from __future__ import annotations

import datetime
import decimal
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

from praxis.core.people import Person

Row = dict[str, Any]
File = tuple[str, bytes]


class Erasure(StrEnum):
    """What erasure does to the rows that name the person."""

    DELETE = "delete"  # the rows go
    DETACH = "detach"  # the rows stay, the field no longer names anyone (set to null)
    REASSIGN = "reassign"  # the rows stay, credited to the shared "former member" account
    CUSTOM = "custom"  # the holding's own `erase` function decides


@dataclass(frozen=True)
class Erasing:
    """One erasure, as each holding sees it: the person; the shared account that rows kept for
    others are credited to; whether the person chose to keep their posts (as "former member");
    and the anonymous account name that replaces them in the learning record."""

    person: Person
    former_member: Person
    keep_posts: bool
    anonymous_name: str


@dataclass(frozen=True)
class Holding:
    """What one model holds about a person.

    `person_fields` are the fields that name the person: relations to the user model (looked up
    by the person) or, for a CUSTOM holding, text fields the `erase` function clears. `kind` names
    the archive's section ("" when the rows are not the person's own record, such as the staff
    actions they took on others' work); `fields` are the exported columns (lookups allowed),
    `export` replaces the default rows, and `files` adds documents (PDFs, tickets) to the archive.
    `erase(erasing)` is required for CUSTOM and runs before the default otherwise.
    """

    model: type[models.Model]
    person_fields: tuple[str, ...]
    erasure: Erasure
    kind: str = ""
    label: str | Promise = ""
    fields: tuple[str, ...] = ()
    export: Callable[[Person], Iterable[Mapping[str, Any]]] | None = None
    files: Callable[[Person], Iterable[File]] | None = None
    erase: Callable[[Erasing], None] | None = None

    def __post_init__(self) -> None:
        if self.erasure is Erasure.CUSTOM and self.erase is None:
            raise ValueError(f"{self.model.__name__}: a custom erasure needs its erase function")
        if self.kind and not (self.fields or self.export):
            raise ValueError(f"{self.model.__name__}: an exported kind needs fields or export")

    def relations(self) -> list[models.Field[Any, Any]]:
        """The person fields that are relations to the user model."""
        named = [self.model._meta.get_field(name) for name in self.person_fields]
        return [f for f in named if isinstance(f, models.Field) and is_person_relation(f)]

    def rows_of(self, person: Person) -> models.QuerySet[Any]:
        """The rows naming `person` through a relation (none when there is no relation)."""
        match = Q()
        for relation in self.relations():
            match |= Q(**{relation.name: person})
        manager = self.model._default_manager
        return manager.filter(match).distinct() if match else manager.none()

    def export_rows(self, person: Person) -> list[Row]:
        """The person's rows of this kind, JSON-able, in a stable order."""
        if self.export is not None:
            return [jsonable_row(row) for row in self.export(person)]
        return [
            jsonable_row(row) for row in self.rows_of(person).order_by("pk").values(*self.fields)
        ]

    def apply_erasure(self, erasing: Erasing) -> None:
        """Erase what this holding keeps about the person, in the caller's transaction."""
        person, former_member = erasing.person, erasing.former_member
        if self.erase is not None:
            self.erase(erasing)
        if self.erasure is Erasure.CUSTOM:
            return
        for relation in self.relations():
            if isinstance(relation, models.ManyToManyField):
                through: Any = relation.remote_field.through
                column = relation.m2m_reverse_field_name()
                through._default_manager.filter(**{column: person}).delete()
                continue
            rows = self.model._default_manager.filter(**{relation.name: person})
            if self.erasure is Erasure.DELETE:
                rows.delete()
            elif self.erasure is Erasure.DETACH:
                rows.update(**{relation.name: None})
            elif self.erasure is Erasure.REASSIGN:
                rows.update(**{relation.name: former_member})


_holdings: list[Holding] = []


def register(*holdings: Holding) -> None:
    """Declare holdings (from an app's privacy.py); declaring one model twice is an error."""
    for holding in holdings:
        if any(h.model is holding.model for h in _holdings):
            raise ValueError(f"{holding.model.__name__} is declared twice")
        _holdings.append(holding)


def holdings() -> list[Holding]:
    """Every declared holding (each installed app's privacy.py is imported first), erasures that
    keep rows before those that delete them, so no deletion is refused by a protected row."""
    autodiscover_modules("privacy")
    return sorted(_holdings, key=lambda h: h.erasure is Erasure.DELETE)


def is_person_relation(model_field: Any) -> bool:
    """Whether a field is a concrete relation (FK, one-to-one, many-to-many) to the user model."""
    if not isinstance(model_field, models.Field) or not model_field.is_relation:
        return False  # reverse relations are declared by the model that holds the column
    related = model_field.related_model
    return related is not None and related._meta.label == settings.AUTH_USER_MODEL


def person_fields(model: type[models.Model]) -> Iterator[str]:
    """The fields of `model` that name or identify a person: relations to the user model and
    e-mail fields. Every one must be declared by a holding."""
    for model_field in model._meta.get_fields():
        if is_person_relation(model_field) or isinstance(model_field, models.EmailField):
            yield model_field.name


def jsonable(value: Any) -> Any:
    """A value as JSON can hold it: datetimes and dates in ISO 8601, decimals and UUIDs as text."""
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return None
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def jsonable_row(row: Mapping[str, Any]) -> Row:
    return {str(name).replace("__", "."): jsonable(value) for name, value in row.items()}
