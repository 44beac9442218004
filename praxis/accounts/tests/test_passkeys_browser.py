"""Passkeys in a real browser, in English and Arabic, with Chromium's virtual authenticator:
a person adds one from the two-factor page, signs in with it alone, and uses it as the second
factor after the password. The server checks the authenticator's real answers."""

from typing import Any

import pytest
from playwright.sync_api import Page
from pytest_django import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import in_language
from praxis.accounts.models import Passkey, SecurityEvent
from praxis.accounts.tests.factories import UserFactory
from praxis.accounts.tests.test_security_browser import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AUTHENTICATOR: dict[str, Any] = {
    "protocol": "ctap2",
    "transport": "internal",
    "hasResidentKey": True,
    "hasUserVerification": True,
    "isUserVerified": True,
    "automaticPresenceSimulation": True,
}


def with_virtual_authenticator(page: Page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": AUTHENTICATOR})


def signed_in(page: Page) -> bool:
    page.goto("/accounts/profile/")
    return "/accounts/profile/" in page.url


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_person_adds_a_passkey_and_signs_in_with_it(
    page: Page, live_server: LiveServer, settings: SettingsWrapper, language: str
) -> None:
    settings.SITE_URL = live_server.url  # the relying party: http://localhost:port
    with_virtual_authenticator(page)
    person = UserFactory.create(email="lina@example.org", preferred_language=language)
    in_language(page, live_server, language)
    log_in(page, "lina@example.org", next_url="/accounts/two-factor/")

    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    page.locator("input[name=name]").fill("Phone")
    with page.expect_navigation():
        page.locator("form[data-passkey=create] button[type=submit]").click()
    assert page.locator("ul.recovery-codes li").count() == 10
    assert Passkey.objects.get(person=person).name == "Phone"
    assert_accessible(page)

    # Signing in with the passkey alone.
    page.context.clear_cookies()
    in_language(page, live_server, language)
    page.goto("/accounts/login/")
    with page.expect_navigation():
        page.locator("form[data-passkey=get] button[type=submit]").click()
    assert signed_in(page)

    # The password, then the passkey as the second factor.
    page.context.clear_cookies()
    in_language(page, live_server, language)
    log_in(page, "lina@example.org", next_url="/accounts/sessions/")
    assert "/accounts/login/code/" in page.url
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("form[data-passkey=get] button[type=submit]").click()
    assert page.url.endswith("/accounts/sessions/")
    assert SecurityEvent.objects.filter(person=person, kind="passkey_used").count() == 2
    assert Passkey.objects.get(person=person).last_used_at is not None
