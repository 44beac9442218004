"""The organisers' API and the calendar API, each response checked against the OpenAPI
document: happy path, bad input, wrong user and another organisation."""

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Attendance, Event, Material, RegistrantMessage, Registration
from praxis.events.tests.factories import EventFactory, RegistrationFactory, SessionFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event() -> Event:
    event = EventFactory.create(running=True)
    event.co_organisers.add(OrganisationFactory.create())
    return event


@pytest.fixture
def organiser(client: Client, event: Event) -> User:
    """An admin of the event's co-organising partner, signed in."""
    user = MembershipFactory.create(organisation=event.co_organisers.get(), role=Role.ADMIN).user
    client.force_login(user)
    return user


@pytest.fixture
def stranger(client: Client) -> User:
    """An admin of another organisation, signed in."""
    user = MembershipFactory.create(role=Role.ADMIN).user
    client.force_login(user)
    return user


def test_registrants_are_listed_searched_and_filtered(
    api_client: SchemaCheckedClient, organiser: User, event: Event
) -> None:
    RegistrationFactory.create(event=event, person=UserFactory.create(full_name="Amina Yusuf"))
    RegistrationFactory.create(
        event=event,
        person=UserFactory.create(full_name="Bao Chen"),
        status=Registration.Status.WAITLISTED,
    )
    url = f"/api/v1/events/{event.slug}/registrants"
    assert api_client.get(url).json()["total"] == 2
    assert [r["name"] for r in api_client.get(url + "?q=bao").json()["items"]] == ["Bao Chen"]
    body = api_client.get(url + "?status=confirmed&attended=no").json()
    assert [r["name"] for r in body["items"]] == ["Amina Yusuf"]


@pytest.mark.parametrize("query", ["?status=lost", "?attended=maybe", "?size=0", "?q=" + "x" * 300])
def test_bad_registrant_filters_are_a_400(
    api_client: SchemaCheckedClient, organiser: User, event: Event, query: str
) -> None:
    response = api_client.get(f"/api/v1/events/{event.slug}/registrants{query}")
    assert response.status_code == 400 and response.json()["error"]["code"]


def test_another_organisation_cannot_list_registrants(
    api_client: SchemaCheckedClient, stranger: User, event: Event
) -> None:
    response = api_client.get(f"/api/v1/events/{event.slug}/registrants")
    assert response.status_code == 403 and response.json()["error"]["code"] == "permission_denied"
    assert api_client.get(f"/api/v1/events/{event.slug}/attendance").status_code == 403


def test_a_visitor_must_sign_in(api_client: SchemaCheckedClient, event: Event) -> None:
    assert api_client.get(f"/api/v1/events/{event.slug}/registrants").status_code == 401


def test_check_in_by_name_and_the_counts(
    api_client: SchemaCheckedClient, organiser: User, event: Event
) -> None:
    registration = RegistrationFactory.create(event=event)
    url = f"/api/v1/events/{event.slug}/check-ins/by-name"
    response = api_client.post(url, data={"registration": str(registration.uuid)})
    assert response.status_code == 201 and response.json()["method"] == "ticket"
    again = api_client.post(url, data={"registration": str(registration.uuid)})
    assert again.status_code == 409 and again.json()["error"]["code"] == "already_attended"
    counts = api_client.get(f"/api/v1/events/{event.slug}/attendance").json()
    assert counts["checked_in"] == 1 and counts["present"] == 1 and counts["confirmed"] == 1


@pytest.mark.parametrize("body", [{}, {"registration": "nope"}, {"registration": 12}])
def test_check_in_by_name_with_bad_input_is_a_400(
    api_client: SchemaCheckedClient, organiser: User, event: Event, body: dict[str, Any]
) -> None:
    response = api_client.post(f"/api/v1/events/{event.slug}/check-ins/by-name", data=body)
    assert response.status_code == 400
    assert not Attendance.objects.exists()


def test_another_organisation_cannot_check_in(
    api_client: SchemaCheckedClient, stranger: User, event: Event
) -> None:
    registration = RegistrationFactory.create(event=event)
    response = api_client.post(
        f"/api/v1/events/{event.slug}/check-ins/by-name",
        data={"registration": str(registration.uuid)},
    )
    assert response.status_code == 403 and not Attendance.objects.exists()


def test_a_message_is_accepted_for_sending(
    api_client: SchemaCheckedClient, organiser: User, event: Event
) -> None:
    response = api_client.post(
        f"/api/v1/events/{event.slug}/messages",
        data={
            "subject": "Bring your ID",
            "body": "At the desk, please.",
            "statuses": ["confirmed"],
        },
    )
    assert response.status_code == 202 and response.json()["subject"] == "Bring your ID"


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "", "body": "x"},
        {"subject": "x" * 151, "body": "x"},
        {"subject": "x", "body": "x" * 2001},
        {"subject": "x", "body": "x", "statuses": ["declined"]},
        {"subject": 5, "body": ["x"]},
    ],
)
def test_a_bad_message_is_a_400_and_nothing_is_kept(
    api_client: SchemaCheckedClient, organiser: User, event: Event, body: dict[str, Any]
) -> None:
    response = api_client.post(f"/api/v1/events/{event.slug}/messages", data=body)
    assert response.status_code == 400 and response.json()["error"]["code"]
    assert not RegistrantMessage.objects.exists()


def test_another_organisation_cannot_message(
    api_client: SchemaCheckedClient, stranger: User, event: Event
) -> None:
    response = api_client.post(
        f"/api/v1/events/{event.slug}/messages", data={"subject": "Hi", "body": "Spam"}
    )
    assert response.status_code == 403 and not RegistrantMessage.objects.exists()


def test_materials_by_link_and_upload_appear_in_the_programme(
    api_client: SchemaCheckedClient,
    organiser: User,
    event: Event,
    settings: SettingsWrapper,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory.create(event=event, starts_at=event.starts_at)
    base = f"/api/v1/events/{event.slug}/sessions/{session.uuid}/materials"
    link = api_client.post(
        base, data={"kind": "recording", "title": "Plenary", "url": "https://v.example.org/1"}
    )
    assert link.status_code == 201 and link.json()["url"] == "https://v.example.org/1"
    upload = api_client.client.post(
        base + "/upload",
        {"kind": "slides", "title": "Deck", "file": SimpleUploadedFile("d.pdf", b"%PDF-1.7\n")},
    )
    api_client.check("post", base + "/upload", upload)
    assert upload.status_code == 201 and upload.json()["content_type"] == "application/pdf"
    programme = api_client.get(f"/api/v1/events/{event.slug}/sessions").json()
    assert {m["title"] for m in programme[0]["materials"]} == {"Plenary", "Deck"}


def test_an_upload_that_is_not_slides_is_a_400(
    api_client: SchemaCheckedClient,
    organiser: User,
    event: Event,
    settings: SettingsWrapper,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    session = SessionFactory.create(event=event, starts_at=event.starts_at)
    url = f"/api/v1/events/{event.slug}/sessions/{session.uuid}/materials/upload"
    response = api_client.client.post(
        url, {"kind": "slides", "title": "Deck", "file": SimpleUploadedFile("d.pdf", b"MZ\x90")}
    )
    api_client.check("post", url, response)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "material_not_allowed"
    assert not Material.objects.exists()


def test_video_call_link_for_registrants_only(
    api_client: SchemaCheckedClient, client: Client, organiser: User, event: Event
) -> None:
    session = SessionFactory.create(event=event)
    url = f"/api/v1/events/{event.slug}/sessions/{session.uuid}/conference-link"
    assert api_client.put(url, data={"url": "https://meet.example.org/r"}).status_code == 200
    bad = api_client.put(url, data={"url": "http://meet.example.org/r"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "insecure_link"
    registrant = RegistrationFactory.create(event=event).person
    client.force_login(registrant)
    assert api_client.get(url).json()["url"] == "https://meet.example.org/r"
    client.force_login(UserFactory.create())
    assert api_client.get(url).status_code == 403
    assert api_client.put(url, data={"url": "https://evil.example.org"}).status_code == 403


def test_calendar_lists_events_by_day_in_the_asked_zone(api_client: SchemaCheckedClient) -> None:
    starts = datetime(2031, 3, 10, 22, 30, tzinfo=UTC)
    event = EventFactory.create(starts_at=starts, ends_at=starts + timedelta(hours=1))
    body = api_client.get(
        "/api/v1/events-calendar?around=2031-03-05&time_zone=Africa/Nairobi"
    ).json()
    days = {day["day"]: day["events"] for day in body["days"]}
    assert days["2031-03-11"] == [event.slug] and days["2031-03-10"] == []
    assert body["first"] == "2031-03-01" and body["last"] == "2031-03-31"
    week = api_client.get("/api/v1/events-calendar?span=week&around=2031-03-10").json()
    assert len(week["days"]) == 7 and week["time_zone"] == "UTC"


@pytest.mark.parametrize(
    "query", ["?time_zone=Mars/Base", "?around=2031-02-30", "?span=year", "?time_zone=" + "x" * 65]
)
def test_calendar_bad_input_is_a_400(api_client: SchemaCheckedClient, query: str) -> None:
    response = api_client.get("/api/v1/events-calendar" + query)
    assert response.status_code == 400 and response.json()["error"]["code"]


@pytest.mark.parametrize(
    ("around", "month"), [("0001-01-01", "1900-01-01"), ("9999-12-31", "2999-12-01")]
)
def test_a_day_at_the_ends_of_the_calendar_shows_its_nearest_month(
    api_client: SchemaCheckedClient, around: str, month: str
) -> None:
    response = api_client.get(f"/api/v1/events-calendar?time_zone=NZ&around={around}")
    assert response.status_code == 200
    assert response.json()["first"] == month


def test_profile_time_zone_through_the_api(api_client: SchemaCheckedClient, client: Client) -> None:
    client.force_login(UserFactory.create())
    response = api_client.patch("/api/v1/me", data={"time_zone": "Asia/Dhaka"})
    assert response.status_code == 200 and response.json()["time_zone"] == "Asia/Dhaka"
    bad = api_client.patch("/api/v1/me", data={"time_zone": "Asia/Atlantis"})
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "unknown_time_zone"
    assert api_client.get("/api/v1/me").json()["time_zone"] == "Asia/Dhaka"
