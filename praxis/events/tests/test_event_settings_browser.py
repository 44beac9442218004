"""Creating an event in a real browser: on a 390 px phone in Arabic, right to left, the form
fits without sideways scroll, a refused field says so beside it, and the draft is made."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import sideways, sign_in
from praxis.events.models import Event
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_partner_admin_creates_an_event_on_a_phone_in_arabic(
    page: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    school = OrganisationFactory.create(name="كلية نيروبي للصحة العامة")
    admin = MembershipFactory.create(organisation=school, role=Role.ADMIN).user
    page.set_viewport_size(PHONE)  # type: ignore[arg-type]  # a ViewportSize
    sign_in(page, live_server, admin, "ar")
    page.goto("/events/")
    with page.expect_navigation():
        page.locator('a[href="/events/new/"]').click()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert sideways(page) <= 0

    day = (timezone.now() + timedelta(days=20)).date().isoformat()
    form = page.locator('form[action="/events/new/"]')
    form.locator('input[name="title"]').fill("يوم مهارات الإنتان")
    form.locator('select[name="type"]').select_option("workshop")
    form.locator('textarea[name="summary"]').fill("التعرف على الإنتان وعلاجه في الساعة الأولى.")
    form.locator('input[name="language"]').fill("ar")
    form.locator('select[name="organiser"]').select_option(str(school.pk))
    form.locator('select[name="time_zone"]').select_option("Asia/Amman")
    form.locator('input[name="starts_at"]').fill(f"{day}T09:30")
    # Ends before it starts: refused beside the field, and nothing is made.
    form.locator('input[name="ends_at"]').fill(f"{day}T08:00")
    form.locator('input[name="venue"]').fill("مستشفى الجامعة الأردنية، عمّان")
    form.locator('input[name="capacity"]').fill("30")
    with page.expect_navigation():
        form.locator('button[type="submit"]').click()
    expect(page.locator("#id_ends_at_error")).to_have_count(1)
    assert not Event.objects.exists()
    assert sideways(page) <= 0
    page.screenshot(path=str(tmp_path / "refused.png"), full_page=True)

    page.locator('input[name="ends_at"]').fill(f"{day}T17:00")
    with page.expect_navigation():
        page.locator('form[action="/events/new/"] button[type="submit"]').click()
    event = Event.objects.get()
    assert (event.slug, event.status, event.organiser) == ("event", "draft", school)
    assert event.starts_at.astimezone(event.zone).strftime("%H:%M") == "09:30"
    assert page.url.endswith("/events/event/")
    expect(page.get_by_role("heading", name="يوم مهارات الإنتان")).to_be_visible()
    assert sideways(page) <= 0
