"""A cancelled event keeps its address: its page, its calendar file and "My events" say it is
cancelled, to those who registered and to anyone who kept the link; lists no longer show it."""

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.events.models import Event, Registration
from praxis.events.tests.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancelled() -> Event:
    return EventFactory.create(title="Sepsis skills day", status=Event.Status.CANCELLED)


def test_a_registrant_reads_that_the_event_is_cancelled(
    client: Client, person: User, cancelled: Event
) -> None:
    RegistrationFactory.create(event=cancelled, person=person)
    response = client.get(f"/events/{cancelled.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<strong>This event is cancelled.</strong> Your registration ends with it" in page
    assert "Your ticket" not in page and "Cancel my registration" not in page


def test_my_events_says_the_event_is_cancelled_not_confirmed(
    client: Client, person: User, cancelled: Event
) -> None:
    RegistrationFactory.create(event=cancelled, person=person)
    page = client.get("/events/mine/").content.decode()
    assert f'href="/events/{cancelled.slug}/"' in page
    item = page.split("Sepsis skills day", 1)[1].split("</li>", 1)[0]
    assert "<strong>Event cancelled</strong>" in item and "Confirmed" not in item


def test_a_visitor_with_the_link_reads_that_it_is_cancelled_and_cannot_register(
    client: Client, cancelled: Event
) -> None:
    page = client.get(f"/events/{cancelled.slug}/").content.decode()
    registration = page.split('id="registration-title"', 1)[1].split("</section>", 1)[0]
    assert "This event is cancelled." in registration and "<form" not in registration
    calendar = client.get(f"/events/{cancelled.slug}/event.ics").content.decode()
    assert "STATUS:CANCELLED" in calendar
    assert "Sepsis skills day" not in client.get("/events/").content.decode()


def test_registering_for_a_cancelled_event_is_refused_as_closed(
    client: Client, person: User, cancelled: Event
) -> None:
    response = client.post(f"/events/{cancelled.slug}/registration/")
    assert response.status_code == 409
    assert "Registration for this event is closed." in response.content.decode()
    response = client.post(
        f"/api/v1/events/{cancelled.slug}/registration", {}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "registration_closed"
    assert not Registration.objects.filter(event=cancelled).exists()


def test_a_draft_stays_unseen(client: Client, person: User) -> None:
    draft = EventFactory.create(status=Event.Status.DRAFT)
    assert client.get(f"/events/{draft.slug}/").status_code == 404
    client.logout()
    assert client.get(f"/events/{draft.slug}/").status_code == 404
