"""Becoming a partner in a real browser: an institution applies at /partners/apply/ (and is
told what to fix), staff approve it, and the applicant reaches their organisation's page."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.organisations.models import Membership, Organisation, Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_institution_applies_and_staff_approve_it(page: Page, live_server: LiveServer) -> None:
    applicant = UserFactory.create(full_name="Grace Wanjiru")
    staff = StaffFactory.create()
    sign_in(page, live_server, applicant)
    page.goto("/partners/apply/")
    assert_accessible(page)
    page.get_by_label("Name of the organisation").fill("Kisumu School of Nursing")
    page.get_by_label("Country").select_option("KE")
    page.get_by_label("Website (optional)").fill("javascript:alert(1)")
    page.locator("#id_description").fill("We train 400 nurses and midwives a year.")
    page.locator("#id_motivation").fill("We would like to co-create a neonatal course.")
    page.get_by_role("button", name="Send the application").click()
    assert page.locator("#id_website").get_attribute("aria-invalid") == "true"
    assert page.input_value("#id_description") == "We train 400 nurses and midwives a year."
    assert_accessible(page)
    page.get_by_label("Website (optional)").fill("https://nursing.example.ac.ke")
    page.get_by_role("button", name="Send the application").click()
    expect(page.get_by_text("The academy's staff will review your application.")).to_be_visible()
    expect(page.get_by_text("Waiting for review")).to_be_visible()

    sign_in(page, live_server, staff)
    page.goto("/partners/applications/")
    card = page.get_by_role("article", name="Kisumu School of Nursing")
    expect(card.get_by_text("Grace Wanjiru", exact=False)).to_be_visible()
    assert_accessible(page)
    card.get_by_role("button", name="Approve").click()
    assert page.get_by_text(
        "Approved: the organisation and its first admin are created."
    ).is_visible()
    expect(page.get_by_text("No applications are waiting.")).to_be_visible()

    organisation = Organisation.objects.get(name="Kisumu School of Nursing")
    assert Membership.objects.get(organisation=organisation).role == Role.ADMIN
    sign_in(page, live_server, applicant)
    page.goto("/partners/apply/")
    page.get_by_role("link", name="Manage your organisation").click()
    assert page.url.endswith(f"/partners/{organisation.slug}/manage/")
    assert page.get_by_role("heading", level=1).inner_text() == "Manage Kisumu School of Nursing"
