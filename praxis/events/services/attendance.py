"""Attendance: check-in with a ticket's signed code, or joining online. Each attendance is an
xAPI `attended` statement and earns the event's CPD credits.

Attendance can only be recorded while the event is on: tickets are checked in from an hour before
the start until a day after the end (late scans after a long last day), and the online link is
given from half an hour before the start."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from praxis.competencies.models import Evidence
from praxis.competencies.services import record_evidence
from praxis.core.errors import Conflict, ErrorCode, NotAuthenticated, ValidationFailed
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.credentials.services import define_achievement, issue_credential
from praxis.events import xapi
from praxis.events.models import Attendance, AttendanceAchievement, Event, Registration
from praxis.events.permissions import manage_event
from praxis.events.services.registration import current_registration
from praxis.events.tickets import parse_ticket_code, ticket_matches

# Online participants may join a little before the start.
JOIN_EARLY = timedelta(minutes=30)
# The check-in desk opens an hour before the start and closes a day after the end.
CHECK_IN_OPENS_BEFORE = timedelta(hours=1)
CHECK_IN_CLOSES_AFTER = timedelta(days=1)
# The CPD system the event's credits count in (as for courses).
CPD_SYSTEM = "cpd-hours"


def online_link_opens_at(event: Event) -> datetime:
    """When a confirmed registrant is first given the event's online link."""
    return event.starts_at - JOIN_EARLY


def check_in_window(event: Event) -> tuple[datetime, datetime]:
    """The first and last moments at which tickets of `event` are checked in."""
    return event.starts_at - CHECK_IN_OPENS_BEFORE, event.ends_at + CHECK_IN_CLOSES_AFTER


def _in_event_zone(moment: datetime, event: Event) -> str:
    """`moment` as people read it, in the event's zone, named after it."""
    shown = date_format(moment.astimezone(event.zone), "DATETIME_FORMAT")
    return f"{shown} ({event.time_zone})"


def check_in_open(event: Event, now: datetime) -> None:
    """Raise unless the check-in desk of `event` is open at `now`."""
    if event.status != Event.Status.PUBLISHED:
        raise Conflict(ErrorCode.EVENT_NOT_OPEN, _("This event is not taking place."))
    opens, closes = check_in_window(event)
    if now < opens:
        raise Conflict(
            ErrorCode.CHECK_IN_NOT_OPEN,
            _("Check-in opens at %(time)s, an hour before the event starts.")
            % {"time": _in_event_zone(opens, event)},
        )
    if now > closes:
        raise Conflict(
            ErrorCode.CHECK_IN_NOT_OPEN,
            _("Check-in closed at %(time)s, a day after the event ended.")
            % {"time": _in_event_zone(closes, event)},
        )


def _invalid_ticket() -> ValidationFailed:
    return ValidationFailed(
        ErrorCode.TICKET_INVALID,
        _("This is not a valid ticket for this event."),
        fields={"code": [_("Check the code and try again.")]},
    )


def attend(registration: Registration, method: str, by: Person | None = None) -> Attendance:
    """Record attendance (the caller checked it is due) with its statement, credential and
    competency evidence."""
    now = timezone.now()
    attendance = Attendance.objects.create(
        registration=registration, method=method, recorded_at=now, recorded_by=by
    )
    xapi.attended(attendance)
    event, person = registration.event, registration.person
    credential = issue_credential(person, _achievement(event))
    AttendanceAchievement.objects.create(
        attendance=attendance,
        cpd_credits=event.cpd_credits,
        credential_id=str(credential.uuid),
        awarded_at=now,
    )
    record_evidence(
        person,
        list(event.competencies.all()),
        source=Evidence.Source.EVENT,
        reference=f"event:{event.uuid}",
        title=event.title,
        level=event.evidence_level,
        observed_at=now,
    )
    return attendance


def _achievement(event: Event) -> Any:
    """The certificate of attendance of `event`, with its CPD credits."""
    with override(event.language):
        criteria = gettext("Attended the event.")
    return define_achievement(
        f"event:{event.uuid}",
        kind="event",
        name=event.title,
        description=event.summary,
        criteria=criteria,
        language=event.language,
        url=settings.SITE_URL + reverse("events:detail", args=[event.slug]),
        # The event states CPD credits, not contact hours: they go to the CPD record as
        # credits, and the achievement claims no contact hours.
        hours=0,
        credits={CPD_SYSTEM: event.cpd_credits} if event.cpd_credits else {},
        organisations=[o for o in (event.organiser, *event.co_organisers.all()) if o],
    )


@transaction.atomic
def check_in(code: str, event: Event, *, by: Person) -> Attendance:
    """Check in the holder of a ticket, once, while check-in is open (`check_in_window`);
    forged, foreign or reused codes are refused."""
    require(manage_event, by, event)
    # A code that is no ticket at all is said to be so, whenever it is typed.
    parsed = parse_ticket_code(code) if isinstance(code, str) and len(code) <= 100 else None
    if parsed is None:
        raise _invalid_ticket()
    check_in_open(event, timezone.now())
    registration_id, mac = parsed
    registration = (
        Registration.objects.select_for_update()
        .select_related("event", "person")
        .filter(pk=registration_id, event=event)
        .first()
    )
    if registration is None or not ticket_matches(registration, mac):
        raise _invalid_ticket()
    if registration.status != Registration.Status.CONFIRMED:
        raise Conflict(
            ErrorCode.TICKET_INVALID, _("This registration is not confirmed; no entry with it.")
        )
    if Attendance.objects.filter(registration=registration).exists():
        raise Conflict(ErrorCode.TICKET_USED, _("This ticket has been used already."))
    return attend(registration, Attendance.Method.TICKET, by)


@transaction.atomic
def join_online(person: Person, event: Event) -> str:
    """The online link for a confirmed registrant, from `online_link_opens_at` on; while the
    event runs, joining is recorded as attendance (once)."""
    if not signed_in(person):
        raise NotAuthenticated()
    registration = current_registration(person, event)
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        raise Conflict(
            ErrorCode.NOT_REGISTERED, _("Only confirmed participants can join this event.")
        )
    if not event.online_url:
        raise Conflict(ErrorCode.EVENT_NOT_OPEN, _("This event has no online link."))
    if event.status != Event.Status.PUBLISHED:
        raise Conflict(ErrorCode.EVENT_NOT_OPEN, _("This event is not taking place."))
    now = timezone.now()
    opens = online_link_opens_at(event)
    if now < opens:
        raise Conflict(
            ErrorCode.ONLINE_LINK_NOT_OPEN,
            _("The link to join opens at %(time)s, half an hour before the start.")
            % {"time": _in_event_zone(opens, event)},
        )
    running = opens <= now <= event.ends_at
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    registration.event = event
    if running and not Attendance.objects.filter(registration=registration).exists():
        attend(registration, Attendance.Method.ONLINE)
    return event.online_url
