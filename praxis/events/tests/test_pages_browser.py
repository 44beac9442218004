"""The events pages in a real browser: accessible, in English and Arabic, without JavaScript."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import in_language, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.events.models import Event, Question
from praxis.events.tests.factories import (
    EventFactory,
    ExhibitorFactory,
    QuestionFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
    TrackFactory,
)
from praxis.events.tickets import ticket_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def conference() -> Event:
    event = EventFactory.create(
        slug="ipc-conference",
        title="IPC conference",
        type="conference",
        capacity=2,
        running=True,  # under way, so the desk can check people in
    )
    event.ends_at = event.starts_at + timedelta(days=2)
    event.save()
    QuestionFactory.create(event=event, label="Your job", required=True)
    QuestionFactory.create(event=event, label="Country of work", kind=Question.Kind.COUNTRY)
    track, room = TrackFactory.create(event=event), RoomFactory.create(event=event, name="Hall A")
    SessionFactory.create(event=event, title="Opening", room=room, track=track)
    return event


def test_listing_and_registration_work_and_are_accessible(
    page: Page, live_server: LiveServer, conference: Event
) -> None:
    page.goto("/events/")
    page.get_by_label("Search events").fill("IPC")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert_accessible(page)
    sign_in(page, live_server, UserFactory.create())
    page.get_by_role("link", name="IPC conference").click()
    page.get_by_label("Your job").fill("Nurse")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    assert page.get_by_text("You are registered").count() == 1
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Your ticket").click()
    expect(page.get_by_role("img", name="QR code of your ticket")).to_have_count(1)
    assert_accessible(page)


def test_timetable_in_arabic_is_accessible(
    page: Page, live_server: LiveServer, conference: Event
) -> None:
    in_language(page, live_server, "ar")
    page.goto("/events/ipc-conference/timetable/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("Opening").count() == 1
    assert_accessible(page)


def test_scanner_page_and_exhibition_are_accessible(
    page: Page, live_server: LiveServer, conference: Event
) -> None:
    sign_in(page, live_server, UserFactory.create(is_staff=True))
    registration = RegistrationFactory.create(event=conference)
    page.goto("/events/ipc-conference/check-in/")
    page.get_by_label("Ticket code").fill(ticket_code(registration))
    with page.expect_navigation():
        page.get_by_role("button", name="Check in").click()
    assert page.get_by_text("is checked in").count() == 1
    assert_accessible(page)
    exhibitor = ExhibitorFactory.create(event=conference)
    page.goto("/events/ipc-conference/exhibition/")
    assert_accessible(page)
    page.goto(f"/events/ipc-conference/exhibition/{exhibitor.pk}/")
    assert_accessible(page)


def test_the_desk_finds_a_registrant_on_a_phone_with_the_field_across_the_row(
    page: Page, live_server: LiveServer, conference: Event
) -> None:
    # The name field kept its default width, two thirds of a phone's row, with the button below.
    wanjiru = UserFactory.create(full_name="Wanjiru Kamau")
    RegistrationFactory.create(event=conference, person=wanjiru)
    sign_in(page, live_server, UserFactory.create(is_staff=True))
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto("/events/ipc-conference/check-in/")
    form = page.locator("form[role=search]").bounding_box()
    field = page.get_by_label("Find by name or e-mail").bounding_box()
    button = page.get_by_role("button", name="Find").bounding_box()
    assert form is not None and field is not None and button is not None
    # One row: the field, then the button a small gap after it, at the row's end.
    assert 0 <= button["x"] - (field["x"] + field["width"]) <= 16
    assert abs((button["x"] + button["width"]) - (form["x"] + form["width"])) <= 1
    page.get_by_label("Find by name or e-mail").fill("Wanjiru")
    with page.expect_navigation():
        page.get_by_role("button", name="Find").click()
    expect(page.get_by_role("button", name="Check in Wanjiru Kamau")).to_be_visible()
    assert_accessible(page)
