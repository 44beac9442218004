"""The timetable's grid is rendered once per version of the programme: whatever changes what it
shows is on the next page, and what only some visitors may see stays theirs."""

from datetime import timedelta

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import UserFactory
from praxis.core.timezones import VIEWER_ZONE_COOKIE
from praxis.events import services
from praxis.events.models import Event, Material, Registration, Room, Session, Venue
from praxis.events.tests.factories import (
    EventFactory,
    RegistrationFactory,
    SessionFactory,
    SpeakerFactory,
)

pytestmark = pytest.mark.django_db


def timetable(client: Client, event: Event) -> str:
    return client.get(f"/events/{event.slug}/timetable/").content.decode()


@pytest.fixture
def event() -> Event:
    return EventFactory.create()


@pytest.fixture
def session(event: Event) -> Session:
    return SessionFactory.create(event=event, title="Opening plenary")


def test_a_session_edited_through_the_service_shows_at_once(
    client: Client, event: Event, session: Session
) -> None:
    assert "Opening plenary" in timetable(client, event)
    services.save_session(
        event,
        session=session,
        title="Welcome and opening",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        by=UserFactory.create(is_staff=True),
    )
    page = timetable(client, event)
    assert "Welcome and opening" in page
    assert "Opening plenary" not in page


def test_sessions_added_and_removed_show_at_once(
    client: Client, event: Event, session: Session
) -> None:
    timetable(client, event)
    later = SessionFactory.create(
        event=event, title="Closing", starts_at=event.starts_at + timedelta(hours=2)
    )
    assert "Closing" in timetable(client, event)
    later.delete()
    assert "Closing" not in timetable(client, event)


def test_speakers_their_names_and_materials_show_at_once(
    client: Client, event: Event, session: Session
) -> None:
    timetable(client, event)
    speaker = SpeakerFactory.create(event=event, name="Amara Diallo")
    session.speakers.add(speaker)
    assert "Amara Diallo" in timetable(client, event)
    speaker.name = "Dr Amara Diallo"
    speaker.save()
    assert "Dr Amara Diallo" in timetable(client, event)
    Material.objects.create(
        session=session,
        kind=Material.Kind.SLIDES,
        title="Slides on triage",
        url="https://example.org/s",
    )
    assert "Slides on triage" in timetable(client, event)
    session.speakers.remove(speaker)
    assert "Amara Diallo" not in timetable(client, event)


def test_a_venue_room_renamed_shows_in_every_event_using_it(client: Client) -> None:
    first, second = EventFactory.create(), EventFactory.create()
    room = Room.objects.create(venue=Venue.objects.create(name="Campus"), name="Main hall")
    for event in (first, second):
        SessionFactory.create(event=event, room=room)
        assert "Main hall" in timetable(client, event)
    room.name = "Nightingale hall"
    room.save()
    for event in (first, second):
        assert "Nightingale hall" in timetable(client, event)


def test_call_links_stay_with_confirmed_registrants(
    client: Client, event: Event, session: Session
) -> None:
    session.conference_url = "https://meet.example.org/opening"
    session.save()
    registrant = UserFactory.create()
    RegistrationFactory.create(event=event, person=registrant, status=Registration.Status.CONFIRMED)
    registered = Client()
    registered.force_login(registrant)
    assert "https://meet.example.org/opening" in timetable(registered, event)
    assert "https://meet.example.org/opening" not in timetable(client, event)
    assert "https://meet.example.org/opening" in timetable(registered, event)


def test_each_language_has_its_own_grid(client: Client, event: Event, session: Session) -> None:
    english = timetable(client, event)
    client.cookies["django_language"] = "fr"
    french = timetable(client, event)
    assert 'lang="en"' in english
    assert 'lang="fr"' in french


def test_a_visitors_whole_timetable_is_kept_and_the_event_shows_at_once(
    event: Event, session: Session, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    timetable(Client(), event)
    with django_assert_num_queries(0):
        assert "Opening plenary" in timetable(Client(), event)
    event.title = "Primary health care days"
    event.save()
    assert "Primary health care days" in timetable(Client(), event)
    own_zone = Client()
    own_zone.cookies[VIEWER_ZONE_COOKIE] = "Asia/Tokyo"
    assert 'selected value="Asia/Tokyo"' in timetable(own_zone, event)
    assert 'selected value="Asia/Tokyo"' not in timetable(Client(), event)
