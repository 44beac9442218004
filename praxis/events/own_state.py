"""What is a signed-in reader's own on an event's page: their live registration (with its
attendance and what attending earned) and whether they manage the event, read in one statement.

Every signed-in reader of an event's page asks both; the ORM took longer to build its queries
(about 0.8 ms for the registration and the reader's memberships) than the database takes to
answer them. The statement starts from the event's row and joins each of the reader's rows on a
unique key, so it answers one row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Model
from django.db.models.expressions import Col

from praxis.core.people import Visitor, signed_in
from praxis.core.permissions import is_staff
from praxis.events.models import Attendance, AttendanceAchievement, Event, Registration
from praxis.events.permissions import EVENT_MANAGER_ROLES
from praxis.organisations.models import Membership

M = TypeVar("M", bound=Model)
# The registrations that are no longer live: a person has at most one other per event
# (events_one_live_registration).
ENDED = (str(Registration.Status.CANCELLED), str(Registration.Status.DECLINED))


@dataclass(frozen=True)
class OwnState:
    """The reader's live registration for the event, None if they have none, and whether they
    manage the event (`permissions.manage_event`)."""

    registration: Registration | None = None
    manages: bool = False


def own_state(user: Visitor, event: Event) -> OwnState:
    """The reader's own state on `event`, in one query (none for a visitor)."""
    if not signed_in(user):
        return OwnState()
    person: int = user.pk
    roles = [str(role) for role in sorted(EVENT_MANAGER_ROLES)]
    # In the statement's order: the memberships, the registration, the event.
    parameters: list[int | str] = [
        person,
        *roles,
        str(Membership.Status.ACTIVE),
        person,
        *ENDED,
        int(event.pk),
    ]
    with connection.cursor() as cursor:
        cursor.execute(_OWN_STATE, parameters)
        row = cursor.fetchone()
    if row is None:  # the event was deleted meanwhile
        return OwnState(manages=is_staff(user))
    registrations, attendances = len(_REGISTRATION), len(_ATTENDANCE)
    registration = _row_of(Registration, row[:registrations])
    attendance = _row_of(Attendance, row[registrations : registrations + attendances])
    achievement = _row_of(AttendanceAchievement, row[registrations + attendances : -1])
    if registration is not None:
        # As select_related leaves them: a registration without attendance answers
        # RelatedObjectDoesNotExist for it without a query, and so does an attendance without
        # an achievement.
        Registration.attendance.related.set_cached_value(registration, attendance)
        if attendance is not None:
            Attendance.registration.field.set_cached_value(attendance, registration)
            Attendance.achievement.related.set_cached_value(attendance, achievement)
    return OwnState(registration=registration, manages=is_staff(user) or bool(row[-1]))


def _row_of(model: type[M], values: Sequence[Any]) -> M | None:
    """The row of `model` from its columns as the database gave them (converted as the ORM
    converts them), or None when the join found none (its id is NULL)."""
    fields = model._meta.concrete_fields
    if values[[field.attname for field in fields].index("id")] is None:
        return None
    converted = []
    for field, value in zip(fields, values, strict=True):
        column = field.get_col(model._meta.db_table)
        for convert in _converters(column):
            value = convert(value, column, connection)
        converted.append(value)
    return model.from_db(connection.alias, [field.attname for field in fields], converted)


def _converters(column: Col) -> list[Callable[..., Any]]:
    """The functions the ORM passes a value of this column through as it reads it (the
    backend's own, then the field's)."""
    return [*connection.ops.get_db_converters(column), *column.get_db_converters(connection)]


def _columns(model: type[Model], alias: str) -> list[str]:
    return [f'{alias}."{field.column}"' for field in model._meta.concrete_fields]


_REGISTRATION = _columns(Registration, "r")
_ATTENDANCE = _columns(Attendance, "a")
_ACHIEVEMENT = _columns(AttendanceAchievement, "p")


def _own_state_sql() -> str:
    registration = Registration._meta
    attendance = Attendance._meta
    achievement = AttendanceAchievement._meta
    membership = Membership._meta
    co_organisers = Event.co_organisers.through._meta
    roles = ", ".join(["%s"] * len(EVENT_MANAGER_ROLES))
    # The reader manages the event through an active membership with a manager's role in its
    # organiser or one of its co-organisers (permissions._organises); staff are told apart in
    # Python.
    manages = (
        f'EXISTS (SELECT 1 FROM "{membership.db_table}" m WHERE m."user_id" = %s'  # noqa: S608  # table names are the models'; values are bound
        f' AND m."role" IN ({roles}) AND m."status" = %s'
        ' AND (m."organisation_id" = e."organiser_id" OR m."organisation_id" IN'
        f' (SELECT c."organisation_id" FROM "{co_organisers.db_table}" c'
        ' WHERE c."event_id" = e."id")))'
    )
    return (
        f"SELECT {', '.join([*_REGISTRATION, *_ATTENDANCE, *_ACHIEVEMENT])}, {manages}"  # noqa: S608  # table and column names are the models'; values are bound
        f' FROM "{Event._meta.db_table}" e'
        f' LEFT JOIN "{registration.db_table}" r ON r."event_id" = e."id"'
        ' AND r."person_id" = %s AND r."status" NOT IN (%s, %s)'
        f' LEFT JOIN "{attendance.db_table}" a ON a."registration_id" = r."id"'
        f' LEFT JOIN "{achievement.db_table}" p ON p."attendance_id" = a."id"'
        ' WHERE e."id" = %s'
    )


_OWN_STATE = _own_state_sql()
