"""Rooms belong to a venue; a venue's room is never booked by two events at the same time."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import Conflict, ValidationFailed
from praxis.events import services
from praxis.events.models import Event, Room, Session, Venue
from praxis.events.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff() -> User:
    return UserFactory.create(is_staff=True)


@pytest.fixture
def venue() -> Venue:
    return Venue.objects.create(name="Nairobi training centre", address="Upper Hill")


def book(event: Event, room: Room, by: User, hours: float = 0, title: str = "Talk") -> Session:
    starts = event.starts_at + timedelta(hours=hours)
    return services.save_session(
        event, by=by, title=title, starts_at=starts, ends_at=starts + timedelta(hours=1), room=room
    )


def test_two_events_at_a_venue_cannot_book_its_room_at_the_same_time(
    staff: User, venue: Venue
) -> None:
    room = Room.objects.create(venue=venue, name="Hall 1")
    first = EventFactory.create(place=venue, title="Malaria workshop")
    second = EventFactory.create(place=venue, starts_at=first.starts_at)
    book(first, room, staff, title="Secret strategy session")
    with pytest.raises(Conflict) as refused:
        book(second, room, staff, hours=0.5)
    assert refused.value.code == "room_double_booked"
    # The other organiser learns the room is taken, not what another event holds in it.
    assert "another event" in str(refused.value.message)
    assert "Secret strategy" not in str(refused.value.message)
    assert not Session.objects.filter(event=second).exists()


def test_the_room_is_free_again_once_the_other_session_ends(staff: User, venue: Venue) -> None:
    room = Room.objects.create(venue=venue, name="Hall 1")
    first = EventFactory.create(place=venue)
    second = EventFactory.create(place=venue, starts_at=first.starts_at)
    book(first, room, staff)
    assert book(second, room, staff, hours=1).room == room  # back to back is fine


def test_an_event_elsewhere_cannot_book_the_venues_room(staff: User, venue: Venue) -> None:
    room = Room.objects.create(venue=venue, name="Hall 1")
    elsewhere = EventFactory.create()
    with pytest.raises(ValidationFailed):
        book(elsewhere, room, staff)
    assert not Session.objects.exists()


def test_a_room_belongs_to_an_event_or_a_venue(venue: Venue) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Room.objects.create(name="Nowhere")


def test_an_events_own_room_stays_its_own(staff: User) -> None:
    event = EventFactory.create()
    room = Room.objects.create(event=event, name="Breakout")
    assert book(event, room, staff).room == room
    with pytest.raises(ValidationFailed):
        book(EventFactory.create(starts_at=event.starts_at), room, staff, hours=2)


def test_a_venue_and_its_rooms_are_kept_in_the_back_office(client: Client) -> None:
    client.force_login(UserFactory.create(is_staff=True, is_superuser=True))
    response = client.post(
        "/admin/events/venue/add/",
        {
            "name": "Dakar conference centre",
            "address": "Diamniadio",
            "rooms-TOTAL_FORMS": "1",
            "rooms-INITIAL_FORMS": "0",
            "rooms-0-name": "Salle 1",
            "rooms-0-position": "0",
        },
    )
    assert response.status_code == 302
    venue = Venue.objects.get(name="Dakar conference centre")
    assert list(venue.rooms.values_list("name", flat=True)) == ["Salle 1"]
    assert client.get("/admin/events/venue/").status_code == 200
