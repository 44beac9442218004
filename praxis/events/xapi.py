"""The xAPI statements of events: registering for one and attending it."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from praxis.core.people import Person
from praxis.events.models import Attendance, Event, Registration
from praxis.lrs.services import account_agent, activity, language_tag, record
from praxis.lrs.vocabulary import VERB_REGISTERED

# ADL's verb for being present at a meeting, class or event.
VERB_ATTENDED = "http://adlnet.gov/expapi/verbs/attended"
ACTIVITY_MEETING = "http://adlnet.gov/expapi/activities/meeting"
EXTENSION_ATTENDANCE_METHOD = f"{settings.SITE_URL}/xapi/extensions/attendance-method"


def event_activity_id(event: Event) -> str:
    return f"{settings.SITE_URL}/xapi/activities/event/{event.uuid}"


def event_activity(event: Event) -> dict[str, Any]:
    return activity(
        event_activity_id(event), ACTIVITY_MEETING, {language_tag(event.language): event.title}
    )


def _actor(person: Person) -> dict[str, Any]:
    return account_agent(str(person.uuid), person.full_name)


def registered(registration: Registration) -> None:
    record(
        _actor(registration.person),
        VERB_REGISTERED,
        event_activity(registration.event),
        context={"registration": str(registration.uuid)},
    )


def attended(attendance: Attendance) -> None:
    registration = attendance.registration
    record(
        _actor(registration.person),
        VERB_ATTENDED,
        event_activity(registration.event),
        result={"extensions": {EXTENSION_ATTENDANCE_METHOD: attendance.method}},
        context={"registration": str(registration.uuid)},
        timestamp=attendance.recorded_at,
    )
