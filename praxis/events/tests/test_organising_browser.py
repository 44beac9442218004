"""The calendar, the programme grid and the organisers' pages in a real browser: accessible,
fitting a 360 px phone without sideways scroll (tables become lists there), right-to-left in
Arabic, and working without JavaScript; the check-in counts refresh themselves with it."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import Browser, Page, expect
from pytest_django import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sideways, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.events import services
from praxis.events.models import Event
from praxis.events.tests.factories import (
    EventFactory,
    RegistrationFactory,
    RoomFactory,
    SessionFactory,
)
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
PHONE_PAGES = ("/events/calendar/", "/events/calendar/?span=week", "/events/ipc-week/timetable/")


@pytest.fixture
def conference() -> Event:
    event = EventFactory.create(slug="ipc-week", title="IPC week", running=True)
    event.ends_at = event.starts_at + timedelta(days=1)
    event.save()
    hall = RoomFactory.create(event=event, name="Hall A")
    lab = RoomFactory.create(event=event, name="Skills lab", position=1)
    SessionFactory.create(
        event=event, room=hall, title="Opening plenary", starts_at=event.starts_at
    )
    SessionFactory.create(
        event=event, room=lab, title="Suturing practice", starts_at=event.starts_at
    )
    return event


@pytest.mark.parametrize("language", ["en", "ar"])
def test_calendar_and_grid_fit_a_phone_as_lists(
    chromium: Browser, live_server: LiveServer, conference: Event, language: str
) -> None:
    for scripts in (True, False):
        context = chromium.new_context(
            base_url=live_server.url,
            viewport=PHONE,  # type: ignore[arg-type]  # a ViewportSize
            java_script_enabled=scripts,
        )
        context.set_default_timeout(15_000)
        context.add_cookies(
            [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
        )
        page = context.new_page()
        try:
            for path in PHONE_PAGES:
                page.goto(path)
                direction = "rtl" if language == "ar" else "ltr"
                assert page.locator("html").get_attribute("dir") == direction
                assert sideways(page) <= 0, path
                cell = page.locator("table.stack td:not(.empty)").first
                assert cell.evaluate("cell => getComputedStyle(cell).display") == "block", path
                # Empty days and free rooms fold away on a phone.
                empty = page.locator("table.stack td.empty")
                if empty.count():
                    assert not empty.first.is_visible()
                if scripts:
                    assert_accessible(page)
            expect(page.get_by_text("Suturing practice")).to_be_visible()
        finally:
            context.close()


def test_calendar_is_a_grid_on_a_desktop_and_the_zone_changes_it(
    page: Page, live_server: LiveServer, conference: Event
) -> None:
    page.goto("/events/calendar/")
    expect(page.get_by_role("link", name="IPC week").first).to_be_visible()
    cell = page.locator("table.calendar td").first
    assert cell.evaluate("cell => getComputedStyle(cell).display") == "table-cell"
    page.get_by_label("Show times in").select_option("Pacific/Kiritimati")
    with page.expect_navigation():
        page.get_by_role("button", name="Change").click()
    expect(page.get_by_text("(Pacific/Kiritimati)")).to_have_count(1)
    page.get_by_role("link", name="Show a week").click()
    expect(page.get_by_role("link", name="Next week")).to_have_count(1)


def test_partner_organiser_finds_checks_in_and_watches_the_count_rise(
    page: Page, live_server: LiveServer, conference: Event
) -> None:
    partner = OrganisationFactory.create()
    conference.co_organisers.add(partner)
    organiser = MembershipFactory.create(organisation=partner, role=Role.ADMIN).user
    amina = RegistrationFactory.create(
        event=conference, person=UserFactory.create(full_name="Amina Yusuf")
    )
    other = RegistrationFactory.create(
        event=conference, person=UserFactory.create(full_name="Bao Chen")
    )
    sign_in(page, live_server, organiser)
    page.goto("/events/ipc-week/registrants/")
    page.get_by_label("Name or e-mail").fill("amina")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("cell", name="Amina Yusuf")).to_have_count(1)
    expect(page.get_by_role("cell", name="Bao Chen")).to_have_count(0)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download these registrants as CSV").click()
    assert "Amina Yusuf" in Path(download.value.path()).read_text(encoding="utf-8-sig")
    page.get_by_role("link", name="Check-in").first.click()
    page.get_by_label("Find by name or e-mail").fill("Yusuf")
    with page.expect_navigation():
        page.get_by_role("button", name="Find").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Check in Amina Yusuf").click()
    expect(page.get_by_text("Amina Yusuf is checked in.")).to_have_count(1)
    present = page.locator('[data-count="present"]')
    expect(present).to_have_text("1")
    # Someone else checks Bao in at another desk: this page's count follows by itself.
    services.check_in_registration(other.uuid, conference, by=organiser)
    expect(present).to_have_text("2", timeout=25_000)
    assert amina.person.full_name == "Amina Yusuf"


def test_organiser_adds_slides_and_a_call_link_and_writes_to_registrants(
    page: Page,
    live_server: LiveServer,
    conference: Event,
    settings: SettingsWrapper,
    tmp_path: Path,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    sign_in(page, live_server, UserFactory.create(is_staff=True))
    page.goto("/events/ipc-week/timetable/")
    page.get_by_role("link", name="Link and materials").first.click()
    page.get_by_label("Video-conference link").fill("https://meet.example.org/opening")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the link").click()
    expect(page.get_by_text("The video-conference link is saved.")).to_have_count(1)
    page.get_by_label("Title").fill("Opening slides")
    slides = tmp_path / "opening.pdf"
    slides.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("File").set_input_files(str(slides))
    with page.expect_navigation():
        page.get_by_role("button", name="Add").click()
    expect(page.get_by_role("link", name="Opening slides", exact=True)).to_have_count(1)
    assert_accessible(page)
    page.goto("/events/ipc-week/messages/")
    page.get_by_label("Subject").fill("Room change")
    page.get_by_label("Message").fill("The plenary moves to Hall B.")
    with page.expect_navigation():
        page.get_by_role("button", name="Send").click()
    expect(page.get_by_text("Your message is on its way to the registrants.")).to_have_count(1)
    expect(page.get_by_text("Room change")).to_have_count(1)
    assert_accessible(page)


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", PHONE), ("ar", PHONE), ("en", {"width": 1280, "height": 800}), ("ar", None)],
)
def test_organiser_replaces_slides_with_a_link_then_removes_them(
    page: Page,
    live_server: LiveServer,
    conference: Event,
    settings: SettingsWrapper,
    tmp_path: Path,
    language: str,
    viewport: dict[str, int] | None,
) -> None:
    settings.MEDIA_ROOT = tmp_path
    organiser = UserFactory.create(is_staff=True)
    session = conference.sessions.get(title="Opening plenary")
    services.add_material(
        session, by=organiser, kind="slides", title="Old deck", url="https://e.org/old"
    )
    if viewport:
        page.set_viewport_size(viewport)  # type: ignore[arg-type]  # a ViewportSize
    sign_in(page, live_server, organiser, language)
    page.goto(f"/events/ipc-week/sessions/{session.uuid}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    with page.expect_navigation():
        page.locator('a[href$="/edit/"]').click()
    assert sideways(page) <= 0
    form = page.locator("form[enctype]")
    form.locator('input[name="title"]').fill("New deck")
    form.locator('input[name="url"]').fill("not a link")
    with page.expect_navigation():
        form.locator('button[type="submit"]').click()
    expect(page.locator(".errorlist, [role=alert]").first).to_be_visible()
    form = page.locator("form[enctype]")
    form.locator('input[name="url"]').fill("https://slides.example.org/new")
    with page.expect_navigation():
        form.locator('button[type="submit"]').click()
    expect(page.get_by_role("link", name="New deck", exact=True)).to_have_attribute(
        "href", "https://slides.example.org/new"
    )
    assert sideways(page) <= 0
    with page.expect_navigation():
        page.locator('input[name="material"] ~ button').click()
    expect(page.get_by_role("link", name="New deck", exact=True)).to_have_count(0)
    assert not session.materials.exists()
