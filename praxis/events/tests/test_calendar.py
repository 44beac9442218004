"""Calendar files (RFC 5545) for an event, a session and a person's own registrations."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from icalendar import Calendar
from icalendar.prop import vDDDTypes

from praxis.events import services
from praxis.events.models import Event
from praxis.events.tests.factories import (
    EventFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
)

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def parse(response: Response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_event_calendar_has_uid_stamp_and_times_in_the_events_zone(client: Client) -> None:
    event = EventFactory.create(time_zone="Africa/Nairobi")
    calendar = parse(client.get(f"/events/{event.slug}/event.ics"))
    [entry] = calendar.walk("VEVENT")
    assert str(entry["UID"]) == f"event-{event.uuid}@praxis"
    assert entry.get("DTSTAMP") is not None
    start = entry["DTSTART"]
    assert isinstance(start, vDDDTypes)
    assert start.dt == event.starts_at
    assert start.params["TZID"] == "Africa/Nairobi"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["Africa/Nairobi"]


def test_session_calendar_names_the_room(client: Client) -> None:
    event = EventFactory.create()
    session = SessionFactory.create(
        event=event, room=RoomFactory.create(event=event, name="Salle B")
    )
    calendar = parse(client.get(f"/events/{event.slug}/sessions/{session.uuid}.ics"))
    [entry] = calendar.walk("VEVENT")
    assert "Salle B" in str(entry["LOCATION"])
    start, end = entry["DTSTART"], entry["DTEND"]
    assert isinstance(start, vDDDTypes) and isinstance(end, vDDDTypes)
    assert isinstance(start.dt, datetime) and isinstance(end.dt, datetime)
    assert end.dt - start.dt == timedelta(hours=1)


def test_personal_feed_lists_what_the_person_registered_for(client: Client) -> None:
    registration = RegistrationFactory.create()
    RegistrationFactory.create(person=registration.person, status="cancelled")
    token = services.calendar_feed_token(registration.person)
    calendar = parse(client.get(f"/events/feeds/{token}.ics"))
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == [registration.event.title]


def test_unknown_feed_token_is_not_found(client: Client) -> None:
    assert client.get("/events/feeds/guess.ics").status_code == 404


def test_draft_event_has_no_public_calendar(client: Client) -> None:
    event = EventFactory.create(status=Event.Status.DRAFT)
    assert client.get(f"/events/{event.slug}/event.ics").status_code == 404
