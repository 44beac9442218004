"""iCalendar (RFC 5545) files: one event, one session, or a person's own registrations.

Times are written in the event's time zone with its VTIMEZONE, so calendar clients show them
right in any zone; UIDs are stable so that a client updates, not duplicates, an entry.

icalendar is imported on the first file made, not at start-up: few requests ask for one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from praxis.events.models import Event, Session

if TYPE_CHECKING:
    from icalendar import Calendar
    from icalendar import Event as CalendarEvent

PRODUCT_ID = "-//Praxis//Events//EN"


def _calendar(name: str) -> Calendar:
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _entry(
    uid: str, title: str, starts_at: datetime, ends_at: datetime, zone: Event, url: str
) -> CalendarEvent:
    from icalendar import Event as CalendarEvent

    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", starts_at.astimezone(zone.zone))
    entry.add("dtend", ends_at.astimezone(zone.zone))
    entry.add("summary", title)
    entry.add("url", url)
    return entry


def _event_entry(event: Event) -> CalendarEvent:
    url = settings.SITE_URL + reverse("events:detail", args=[event.slug])
    entry = _entry(
        f"event-{event.uuid}@praxis", event.title, event.starts_at, event.ends_at, event, url
    )
    entry.add("description", event.summary)
    location = event.venue or (url if event.is_online else "")
    if location:
        entry.add("location", location)
    if event.status == Event.Status.CANCELLED:
        entry.add("status", "CANCELLED")
    return entry


def _session_entry(session: Session) -> CalendarEvent:
    event = session.event
    url = settings.SITE_URL + reverse("events:timetable", args=[event.slug]) + f"#s-{session.uuid}"
    entry = _entry(
        f"session-{session.uuid}@praxis",
        session.title,
        session.starts_at,
        session.ends_at,
        event,
        url,
    )
    if session.description:
        entry.add("description", session.description)
    where = ", ".join(
        part for part in (session.room.name if session.room else "", event.venue) if part
    )
    if where:
        entry.add("location", where)
    return entry


def _serialise(calendar: Calendar) -> bytes:
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def event_calendar(event: Event) -> bytes:
    calendar = _calendar(event.title)
    calendar.add_component(_event_entry(event))
    return _serialise(calendar)


def session_calendar(session: Session) -> bytes:
    calendar = _calendar(session.title)
    calendar.add_component(_session_entry(session))
    return _serialise(calendar)


def personal_calendar(name: str, events: Iterable[Event]) -> bytes:
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_event_entry(event))
    return _serialise(calendar)
