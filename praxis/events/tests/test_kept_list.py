"""The events list and calendar kept for everybody who manages no event: current after every
change of what they show, in each reader's zone, and never showing an organiser's drafts to anybody
else."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import TopicFactory
from praxis.events.forms import TIME_ZONE_COOKIE
from praxis.events.models import Event
from praxis.events.tests.factories import EventFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def listed(client: Client, query: str = "") -> str:
    response = client.get(f"/events/{query}")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_list_asked_again_reads_no_event() -> None:
    EventFactory.create(title="Sepsis webinar")
    member = signed_in(UserFactory.create())
    assert "Sepsis webinar" in listed(Client())
    for client in (Client(), member):
        with CaptureQueriesContext(connection) as again:
            assert "Sepsis webinar" in listed(client)
        assert not any("events_event" in query["sql"] for query in again.captured_queries)


def test_what_changes_shows_on_the_next_list() -> None:
    partner = OrganisationFactory.create(name="Kenya Nursing Council", short_name="KNC")
    event = EventFactory.create(title="Sepsis webinar", organiser=partner)
    draft = EventFactory.create(title="Triage workshop", status=Event.Status.DRAFT)
    topic = TopicFactory.create(slug="ipc", names={"en": "Infection control"})
    EventFactory.create(title="Hand hygiene day").topics.add(topic)
    assert "KNC" in listed(Client()) and "Triage workshop" not in listed(Client())
    assert "Sepsis webinar" not in listed(Client(), "?topic=ipc")

    event.title = "Sepsis and shock webinar"
    event.save()
    partner.short_name = "NCK"
    partner.save()
    draft.status = Event.Status.PUBLISHED
    draft.save()
    event.topics.add(topic)
    page = listed(Client())
    assert "Sepsis and shock webinar" in page and "NCK" in page and "Triage workshop" in page
    assert "Sepsis and shock webinar" in listed(Client(), "?topic=ipc")
    event.delete()
    assert "Sepsis and shock webinar" not in listed(Client())


def test_an_organisers_draft_is_listed_for_them_alone() -> None:
    partner = OrganisationFactory.create()
    EventFactory.create(title="Cholera preparedness")
    EventFactory.create(title="Vaccination drive", status=Event.Status.DRAFT, organiser=partner)
    organiser = MembershipFactory.create(organisation=partner, role=Role.ADMIN).user
    learner = signed_in(UserFactory.create())
    assert "Vaccination drive" not in listed(Client())
    assert "Vaccination drive" not in listed(learner)
    page = listed(signed_in(organiser))
    assert "Vaccination drive" in page and "Cholera preparedness" in page
    # Asked after the organiser, the others still see what everybody sees.
    assert "Vaccination drive" not in listed(learner)
    assert "Vaccination drive" not in listed(Client())


def test_each_reader_sees_the_times_in_their_own_zone() -> None:
    EventFactory.create(time_zone="Asia/Tokyo", starts_at=datetime(2030, 5, 1, 0, 0, tzinfo=UTC))
    visitor = listed(Client())
    assert "(Asia/Tokyo)" in visitor and "9 a.m." in visitor
    in_london = signed_in(UserFactory.create(time_zone="Europe/London"))
    page = listed(in_london)
    assert "(Europe/London)" in page and "1 a.m." in page
    chosen = Client()
    chosen.cookies[TIME_ZONE_COOKIE] = "America/New_York"
    assert "(America/New_York)" in listed(chosen)
    assert "(Asia/Tokyo)" in listed(Client())


def test_only_a_signed_in_person_gets_the_link_to_their_events() -> None:
    EventFactory.create(title="Sepsis webinar")
    assert "My events and calendar feed" in listed(signed_in(UserFactory.create()))
    assert "My events and calendar feed" not in listed(Client())


def ending_soon() -> datetime:
    """Makes an event that began an hour ago and ends in 20 seconds; returns the time now."""
    now = timezone.now()
    EventFactory.create(
        title="Ward round teaching",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(seconds=20),
    )
    return now


def test_an_event_that_ends_leaves_the_upcoming_list_within_a_minute() -> None:
    now = ending_soon()
    assert "Ward round teaching" in listed(Client(), "?when=upcoming")
    later = now + timedelta(minutes=1, seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert "Ward round teaching" not in listed(Client(), "?when=upcoming")
        assert "Ward round teaching" in listed(Client(), "?when=past")


def test_a_query_written_another_way_is_the_same_list() -> None:
    EventFactory.create(title="Sepsis webinar", type="webinar")
    first = listed(Client(), "?type=webinar&utm_source=mail")
    with CaptureQueriesContext(connection) as again:
        second = listed(Client(), "?type=+webinar+&page=1")
    assert "Sepsis webinar" in first and "Sepsis webinar" in second
    assert not any("events_event" in query["sql"] for query in again.captured_queries)
    assert "utm_source" not in first


def titles(client: Client, query: str = "") -> list[str]:
    response = client.get(f"/api/v1/events{query}")
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_the_api_list_is_kept_and_current_after_a_change() -> None:
    event = EventFactory.create(title="Sepsis webinar", type="webinar")
    assert titles(Client(), "?type=webinar") == ["Sepsis webinar"]
    with CaptureQueriesContext(connection) as again:
        assert titles(Client(), "?type=webinar") == ["Sepsis webinar"]
    assert not any("events_event" in query["sql"] for query in again.captured_queries)
    event.title = "Sepsis and shock webinar"
    event.save()
    assert titles(Client(), "?type=webinar") == ["Sepsis and shock webinar"]


def test_the_api_gives_an_organisers_drafts_to_them_alone() -> None:
    partner = OrganisationFactory.create()
    EventFactory.create(title="Cholera preparedness")
    EventFactory.create(title="Vaccination drive", status=Event.Status.DRAFT, organiser=partner)
    organiser = MembershipFactory.create(organisation=partner, role=Role.ADMIN).user
    assert titles(Client()) == ["Cholera preparedness"]
    assert sorted(titles(signed_in(organiser))) == ["Cholera preparedness", "Vaccination drive"]
    assert titles(signed_in(UserFactory.create())) == ["Cholera preparedness"]
    assert titles(Client()) == ["Cholera preparedness"]


def test_the_api_list_of_upcoming_events_is_found_afresh_each_minute() -> None:
    now = ending_soon()
    assert titles(Client(), "?when=upcoming") == ["Ward round teaching"]
    with mock.patch(
        "django.utils.timezone.now", return_value=now + timedelta(minutes=1, seconds=5)
    ):
        assert titles(Client(), "?when=upcoming") == []


def calendar(client: Client, query: str = "") -> str:
    response = client.get(f"/events/calendar/{query}")
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_calendar_is_kept_and_shows_a_change_at_once() -> None:
    soon = timezone.now() + timedelta(days=1)
    month = f"?span=month&date={soon.date().isoformat()}"
    EventFactory.create(title="Sepsis webinar", starts_at=soon, ends_at=soon + timedelta(hours=1))
    assert "Sepsis webinar" in calendar(Client(), month)
    with CaptureQueriesContext(connection) as again:
        assert "Sepsis webinar" in calendar(Client(), month)
    assert not any("events_event" in query["sql"] for query in again.captured_queries)
    EventFactory.create(title="Triage workshop", starts_at=soon, ends_at=soon + timedelta(hours=2))
    assert "Triage workshop" in calendar(Client(), month)


def test_the_calendar_shows_an_organisers_drafts_to_them_alone() -> None:
    partner = OrganisationFactory.create()
    soon = timezone.now() + timedelta(days=1)
    month = f"?span=month&date={soon.date().isoformat()}"
    EventFactory.create(
        title="Vaccination drive",
        status=Event.Status.DRAFT,
        organiser=partner,
        starts_at=soon,
        ends_at=soon + timedelta(hours=1),
    )
    organiser = MembershipFactory.create(organisation=partner, role=Role.ADMIN).user
    assert "Vaccination drive" not in calendar(Client(), month)
    assert "Vaccination drive" in calendar(signed_in(organiser), month)
    assert "Vaccination drive" not in calendar(signed_in(UserFactory.create()), month)


def test_the_calendar_marks_today_as_the_days_go_by() -> None:
    today = datetime(2030, 5, 14, 12, 0, tzinfo=UTC)
    may = "?span=month&date=2030-05-01"
    with mock.patch("django.utils.timezone.now", return_value=today):
        assert '<td class="empty" aria-current="date"> <span class="day">Tue, May 14' in calendar(
            Client(), may
        )
    with mock.patch("django.utils.timezone.now", return_value=today + timedelta(days=1)):
        page = calendar(Client(), may)
    assert '<td class="empty" aria-current="date"> <span class="day">Wed, May 15' in page
    assert page.count('aria-current="date"') == 1


def test_the_calendar_comes_back_to_its_days_after_a_change_of_zone() -> None:
    page = calendar(Client(), "?span=week&date=2030-05-14&utm_source=mail")
    assert 'name="next" value="/events/calendar/?span=week&amp;date=2030-05-14"' in page
    assert "(UTC)" in page
    chosen = Client()
    chosen.cookies[TIME_ZONE_COOKIE] = "Asia/Tokyo"
    assert "(Asia/Tokyo)" in calendar(chosen, "?span=week&date=2030-05-14")
