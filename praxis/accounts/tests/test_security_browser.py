"""Account security in a real browser, in English and Arabic: changing one's e-mail address
through the link in the outbox, and a staff member logging in with an authenticator code."""

import re
import time

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import in_language
from praxis.accounts.models import User
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHANGE_LINK = re.compile(r"https?://\S+(/accounts/email/confirm/\S+/)")


def submit(page: Page, form_selector: str = "main form") -> None:
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()


def log_in(page: Page, email: str, next_url: str = "") -> None:
    # The first page a fresh live server renders may be slow on a busy machine.
    page.goto(f"/accounts/login/{'?next=' + next_url if next_url else ''}", timeout=60_000)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    submit(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_person_changes_their_address_with_the_link_from_the_outbox(
    page: Page, live_server: LiveServer, language: str
) -> None:
    mailoutbox = mail.outbox
    UserFactory.create(email="hana@example.org", preferred_language=language)
    in_language(page, live_server, language)
    log_in(page, "hana@example.org", next_url="/accounts/profile/")

    page.goto("/accounts/email/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    assert_accessible(page)
    page.locator("input[name=new_email]").fill("hana.new@example.org")
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    submit(page)
    assert page.get_by_text("hana.new@example.org").count() >= 1
    assert User.objects.get().email == "hana@example.org"
    assert mailoutbox[-1].to == ["hana.new@example.org"]

    change_link = CHANGE_LINK.search(str(mailoutbox[-1].body))
    assert change_link is not None
    page.goto(change_link.group(1))
    assert_accessible(page)
    page.locator("input[name=end_other_sessions]").check()
    submit(page)

    assert User.objects.get().email == "hana.new@example.org"
    assert page.get_by_text("hana.new@example.org").count() >= 1
    assert mailoutbox[-1].to == ["hana@example.org"]
    page.goto("/accounts/sessions/")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_staff_log_in_with_their_authenticator_code(
    page: Page, live_server: LiveServer, language: str
) -> None:
    staff = StaffFactory.create(email="curator@example.org", preferred_language=language)
    device = TOTPDevice.objects.create(user=staff, name="app", confirmed=True)
    in_language(page, live_server, language)

    log_in(page, "curator@example.org", next_url="/admin/")
    assert "/accounts/login/code/" in page.url
    assert_accessible(page)
    totp = TOTP(device.bin_key)
    totp.time = time.time()
    page.locator("input[name=code]").fill(f"{totp.token():06d}")
    submit(page)

    assert page.url.endswith("/admin/")
    assert page.locator("#site-name").count() == 1


def test_staff_without_an_app_set_one_up_first(page: Page, live_server: LiveServer) -> None:
    StaffFactory.create(email="curator@example.org")

    log_in(page, "curator@example.org", next_url="/admin/")
    page.goto("/courses/")
    assert "/accounts/two-factor/setup/" in page.url
    assert page.locator("svg").count() >= 1
    assert_accessible(page)
    secret = page.locator("#totp-secret").inner_text().replace(" ", "")
    device = TOTPDevice.objects.get(user__email="curator@example.org")
    assert secret.rstrip("=") and device.bin_key
    totp = TOTP(device.bin_key)
    totp.time = time.time()
    page.locator("input[name=code]").fill(f"{totp.token():06d}")
    submit(page)

    assert page.locator("ul.recovery-codes li").count() == 10
    page.goto("/admin/")
    assert page.locator("#site-name").count() == 1
