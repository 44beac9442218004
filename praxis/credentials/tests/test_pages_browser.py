"""The wallet, verification and CPD pages in a real browser: without JavaScript, accessible."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sideways, sign_in
from praxis.credentials.models import Credential
from praxis.credentials.tests.factories import ExternalActivityFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_wallet_is_accessible_and_opens_the_share_page(
    page: Page, live_server: LiveServer, issued: Credential
) -> None:
    sign_in(page, live_server, issued.learner, "en")
    page.goto("/credentials/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Share link").click()
    assert page.get_by_role("heading", name="Valid").count() == 1
    assert_accessible(page)


def test_visitor_verifies_a_pasted_credential(page: Page, issued: Credential) -> None:
    page.goto("/credentials/verify/")
    assert_accessible(page)
    page.get_by_label("Paste the credential (JSON)").fill(json.dumps(issued.document))
    with page.expect_navigation():
        page.get_by_role("button", name="Verify").click()
    assert page.get_by_role("heading", name="Valid").count() == 1
    assert page.locator("dd", has_text="Amina Yusuf").count() == 1
    assert_accessible(page)


def test_cpd_record_is_accessible_in_arabic(
    page: Page, live_server: LiveServer, issued: Credential
) -> None:
    sign_in(page, live_server, issued.learner, "ar")
    page.goto("/credentials/cpd/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.get_by_text("Hand hygiene in practice").count() == 2
    assert_accessible(page)


def test_cpd_record_with_a_long_unbroken_word_fits_a_wide_screen(
    page: Page, live_server: LiveServer, issued: Credential
) -> None:
    ExternalActivityFactory.create(
        learner=issued.learner, title="Interprofessional" * 15, provider="Nursing" * 36
    )
    sign_in(page, live_server, issued.learner, "en")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/credentials/cpd/")
    assert sideways(page) == 0
    page.locator("details.confirm summary").click()
    question = page.locator("details.confirm p")
    assert question.is_visible() and "from your CPD record?" in question.inner_text()
