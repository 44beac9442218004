"""Creating and changing events through the API (`POST /api/v1/events`, `PATCH
/api/v1/events/{slug}`), each response checked against the OpenAPI document: a draft made, then
published and found in the list; times moved and the event cancelled, telling registrants; bad
input a 400 naming its field; the wrong people 403, or 404 for a draft they cannot see."""

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import TopicFactory
from praxis.events.models import Event
from praxis.events.tests.factories import EventFactory, RegistrationFactory
from praxis.notifications.models import Notice
from praxis.organisations.models import Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

DAY = (timezone.now() + timedelta(days=30)).date().isoformat()


def body(**changes: Any) -> dict[str, Any]:
    return {
        "title": "Triage in emergencies",
        "type": "webinar",
        "summary": "The ABCDE approach, online.",
        "language": "fr",
        "region": "AFR",
        "time_zone": "Africa/Dakar",
        "starts_at": f"{DAY}T10:00:00",
        "ends_at": f"{DAY}T12:00:00",
        "format": "online",
        "online_url": "https://meet.example.org/triage",
        "capacity": None,
    } | changes


@pytest.fixture
def school() -> Organisation:
    return OrganisationFactory.create(slug="nsph")


@pytest.fixture
def partner_admin(client: Client, school: Organisation) -> User:
    user = MembershipFactory.create(organisation=school, role=Role.ADMIN).user
    client.force_login(user)
    return user


def test_a_partner_admin_creates_a_draft_then_publishes_it_into_the_list(
    api_client: SchemaCheckedClient, partner_admin: User, school: Organisation
) -> None:
    topic = TopicFactory.create(slug="emergency-care")
    response = api_client.post(
        "/api/v1/events", data=body(organiser="nsph", topics=["emergency-care"])
    )
    assert response.status_code == 201, response.json()
    created = response.json()
    assert created["slug"] == "triage-in-emergencies" and created["status"] == "draft"
    assert created["organiser"] == "nsph" and created["topics"] == [topic.slug]
    # 10:00 in Dakar (UTC+0), as typed without an offset.
    assert created["starts_at"].startswith(f"{DAY}T10:00:00")
    assert created["capacity"] is None

    anonymous = SchemaCheckedClient(Client())
    listed = anonymous.get("/api/v1/events").json()["items"]
    assert [event["slug"] for event in listed] == []
    assert anonymous.get("/api/v1/events/triage-in-emergencies").status_code == 404

    response = api_client.patch(
        "/api/v1/events/triage-in-emergencies",
        data={"status": "published"},
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "published"
    listed = anonymous.get("/api/v1/events").json()["items"]
    assert [event["slug"] for event in listed] == ["triage-in-emergencies"]


def test_moving_and_cancelling_through_the_api_tell_registrants(
    api_client: SchemaCheckedClient,
    partner_admin: User,
    school: Organisation,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    event = EventFactory.create(slug="triage", organiser=school, time_zone="Africa/Dakar")
    registrant = RegistrationFactory.create(event=event).person
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.patch(
            "/api/v1/events/triage",
            data={"starts_at": f"{DAY}T08:00:00+00:00", "ends_at": f"{DAY}T09:00:00Z"},
            content_type="application/json",
        )
    assert response.status_code == 200, response.json()
    assert response.json()["title"] == event.title  # what was not given stays
    moved = Notice.objects.get(person=registrant)
    assert moved.text.endswith("(Africa/Dakar).")
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.patch(
            "/api/v1/events/triage", data={"status": "cancelled"}, content_type="application/json"
        )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert Notice.objects.filter(person=registrant).count() == 2
    response = api_client.patch(
        "/api/v1/events/triage", data={"title": "Again"}, content_type="application/json"
    )
    assert response.status_code == 409


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"title": ""}, "title", "invalid_input"),
        ({"summary": "x" * 10_000}, "summary", "invalid_input"),
        ({"ends_at": f"{DAY}T09:00:00"}, "ends_at", "invalid_input"),
        ({"time_zone": "Mars/Olympus_Mons"}, "time_zone", "unknown_time_zone"),
        ({"capacity": 0}, "capacity", "invalid_input"),
        ({"capacity": -3}, "capacity", "invalid_input"),
        ({"capacity": 10**12}, "capacity", "invalid_input"),
        ({"online_url": ""}, "online_url", "invalid_input"),
        ({"online_url": "javascript:alert(1)"}, "online_url", "insecure_link"),
        ({"title": "Triage\u0000"}, "title", "invalid_character"),
        ({"organiser": "someone-elses"}, "organiser", "invalid_input"),
        ({"organiser": "no-such-organisation"}, "organiser", "invalid_input"),
        ({"topics": ["no-such-topic"]}, "topics", "invalid_input"),
        ({"type": "party"}, "type", "invalid_input"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_nothing_is_made(
    api_client: SchemaCheckedClient,
    partner_admin: User,
    changes: dict[str, Any],
    field: str,
    code: str,
) -> None:
    OrganisationFactory.create(slug="someone-elses")
    event = EventFactory.create(slug="kept", organiser=Organisation.objects.get(slug="nsph"))
    response = api_client.post("/api/v1/events", data=body(organiser="nsph") | changes)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code and field in error["fields"], error
    assert Event.objects.count() == 1
    response = api_client.patch("/api/v1/events/kept", data=body(organiser="nsph") | changes)
    assert response.status_code == 400 and field in response.json()["error"]["fields"]
    assert Event.objects.get().title == event.title


def test_a_learner_is_refused_and_an_outsider_does_not_find_a_draft(
    api_client: SchemaCheckedClient, client: Client
) -> None:
    published = EventFactory.create(slug="published")
    EventFactory.create(slug="draft", status=Event.Status.DRAFT)
    client.force_login(UserFactory.create())
    assert api_client.post("/api/v1/events", data=body()).status_code == 403
    response = api_client.patch(
        "/api/v1/events/published", data={"title": "Mine now"}, content_type="application/json"
    )
    assert response.status_code == 403
    response = api_client.patch(
        "/api/v1/events/draft", data={"status": "published"}, content_type="application/json"
    )
    assert response.status_code == 404
    assert Event.objects.get(slug="draft").status == Event.Status.DRAFT
    published.refresh_from_db()
    assert published.title != "Mine now"


def test_another_organisations_admin_may_not_change_an_event(
    api_client: SchemaCheckedClient, partner_admin: User
) -> None:
    EventFactory.create(slug="theirs", organiser=OrganisationFactory.create())
    response = api_client.patch(
        "/api/v1/events/theirs", data={"status": "cancelled"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert Event.objects.get().status == Event.Status.PUBLISHED


def test_signing_in_is_needed(api_client: SchemaCheckedClient) -> None:
    assert api_client.post("/api/v1/events", data=body()).status_code == 401
