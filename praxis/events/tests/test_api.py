"""The events API, each response checked against the OpenAPI document."""

from datetime import timedelta

import pytest
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Registration, Session
from praxis.events.tests.factories import (
    EventFactory,
    QuestionFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    TrackFactory,
)
from praxis.events.tickets import ticket_code

pytestmark = pytest.mark.django_db


def test_listing_with_filters(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    EventFactory.create(title="Webinar", type="webinar", format="online")
    EventFactory.create(title="Workshop")
    with django_assert_num_queries(2):
        body = api_client.get("/api/v1/events?type=webinar").json()
    assert [item["title"] for item in body["items"]] == ["Webinar"]
    assert body["items"][0]["calendar_url"].endswith("/event.ics")


def test_listing_refuses_an_unknown_type(api_client: SchemaCheckedClient) -> None:
    assert api_client.get("/api/v1/events?type=party").status_code == 400


def test_event_detail_lists_questions_and_places(api_client: SchemaCheckedClient) -> None:
    event = EventFactory.create(capacity=5)
    QuestionFactory.create(event=event, label="Job", required=True)
    RegistrationFactory.create(event=event)
    body = api_client.get(f"/api/v1/events/{event.slug}").json()
    assert body["places_left"] == 4 and body["questions"][0]["label"] == "Job"


def test_registering_and_cancelling(api_client: SchemaCheckedClient, person: User) -> None:
    event = EventFactory.create()
    question = QuestionFactory.create(event=event, required=True)
    url = f"/api/v1/events/{event.slug}/registration"
    response = api_client.post(url, data={"answers": {str(question.pk): "Nurse"}})
    assert response.status_code == 201 and response.json()["status"] == "confirmed"
    again = api_client.post(url, data={"answers": {str(question.pk): "Nurse"}})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_registered"
    changed = api_client.patch(url, data={"answers": {str(question.pk): "Midwife"}})
    assert changed.json()["answers"] == {str(question.pk): "Midwife"}
    assert api_client.delete(url).json()["status"] == "cancelled"


def test_missing_answer_is_a_400_with_the_field(
    api_client: SchemaCheckedClient, person: User
) -> None:
    event = EventFactory.create()
    question = QuestionFactory.create(event=event, required=True)
    response = api_client.post(f"/api/v1/events/{event.slug}/registration", data={"answers": {}})
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {
        question.field_name: ["This question needs an answer."]
    }
    assert not Registration.objects.exists()


def test_malformed_registration_body_is_refused(
    api_client: SchemaCheckedClient, person: User
) -> None:
    event = EventFactory.create()
    response = api_client.post(
        f"/api/v1/events/{event.slug}/registration", data={"answers": ["not", "a", "map"]}
    )
    assert response.status_code == 400


def test_registering_needs_a_login(api_client: SchemaCheckedClient) -> None:
    event = EventFactory.create()
    assert api_client.post(f"/api/v1/events/{event.slug}/registration", data={}).status_code == 401


def test_full_event_is_a_409(api_client: SchemaCheckedClient, person: User) -> None:
    event = EventFactory.create(capacity=1, waitlist=False)
    RegistrationFactory.create(event=event)
    response = api_client.post(f"/api/v1/events/{event.slug}/registration", data={})
    assert response.status_code == 409 and response.json()["error"]["code"] == "event_full"


def test_staff_add_a_session_and_clashes_are_refused(api_client: SchemaCheckedClient) -> None:
    staff = UserFactory.create(is_staff=True)
    api_client.force_login(staff)
    event = EventFactory.create()
    room = RoomFactory.create(event=event)
    SessionFactory.create(event=event, room=room)
    url = f"/api/v1/events/{event.slug}/sessions"
    clash = {
        "title": "Clash",
        "starts_at": event.starts_at.isoformat(),
        "ends_at": (event.starts_at + timedelta(hours=1)).isoformat(),
        "room_id": room.pk,
    }
    response = api_client.post(url, data=clash)
    assert response.status_code == 409 and response.json()["error"]["code"] == "room_double_booked"
    outside = {**clash, "starts_at": (event.starts_at - timedelta(days=1)).isoformat()}
    response = api_client.post(url, data=outside)
    assert response.json()["error"]["code"] == "session_outside_event"
    later = {
        **clash,
        "starts_at": (event.starts_at + timedelta(hours=2)).isoformat(),
        "ends_at": (event.starts_at + timedelta(hours=3)).isoformat(),
    }
    assert api_client.post(url, data=later).status_code == 201
    assert Session.objects.count() == 2
    assert len(api_client.get(url).json()) == 2


def test_learners_cannot_add_sessions(api_client: SchemaCheckedClient, person: User) -> None:
    event = EventFactory.create()
    response = api_client.post(
        f"/api/v1/events/{event.slug}/sessions",
        data={
            "title": "Mine",
            "starts_at": event.starts_at.isoformat(),
            "ends_at": event.ends_at.isoformat(),
        },
    )
    assert response.status_code == 403


def test_abstract_submission_and_its_deadline(
    api_client: SchemaCheckedClient, person: User
) -> None:
    event = EventFactory.create(abstracts_deadline=timezone.now() + timedelta(days=1))
    track = TrackFactory.create(event=event)
    body = {
        "track_id": track.pk,
        "title": "Coaching",
        "body": "Results.",
        "authors": [{"name": "Jo Lee", "organisation": "Univ"}],
    }
    url = f"/api/v1/events/{event.slug}/abstracts"
    assert api_client.post(url, data=body).status_code == 201
    event.abstracts_deadline = timezone.now() - timedelta(seconds=1)
    event.save()
    late = api_client.post(url, data=body)
    assert late.status_code == 409 and late.json()["error"]["code"] == "abstracts_closed"
    assert api_client.post(url, data={**body, "authors": []}).status_code == 400


def test_check_in_by_api_once(api_client: SchemaCheckedClient) -> None:
    api_client.force_login(UserFactory.create(is_staff=True))
    registration = RegistrationFactory.create(event=EventFactory.create(running=True))
    url = f"/api/v1/events/{registration.event.slug}/check-ins"
    response = api_client.post(url, data={"code": ticket_code(registration)})
    assert response.status_code == 201 and response.json()["method"] == "ticket"
    again = api_client.post(url, data={"code": ticket_code(registration)})
    assert again.status_code == 409 and again.json()["error"]["code"] == "ticket_used"
    forged = api_client.post(url, data={"code": "1-AAAA-AAAA-AAAA-AAAA"})
    assert forged.status_code == 400 and forged.json()["error"]["code"] == "ticket_invalid"
