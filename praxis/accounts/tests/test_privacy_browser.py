"""Change one's e-mail address, download everything, delete the account, cancel by logging in,
delete again, be erased: in a real browser, in English and in Arabic."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page
from pytest_django import Settings as SettingsWrapper

from accessibility import assert_accessible
from praxis.accounts.models import AccountErasure, User
from praxis.accounts.tasks import erase_due_accounts
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from praxis.accounts.tests.test_personal_data import _traces
from praxis.accounts.tests.test_security_browser import CHANGE_LINK, submit
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import course_with_lessons
from praxis.community.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _log_in(page: Page, email: str) -> None:
    # The first page a fresh live server renders may be slow on a busy machine.
    page.goto("/accounts/login/", timeout=60_000)
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    with page.expect_navigation():
        page.locator("form[action='/accounts/login/'] button[type=submit]").click()


def _ask_to_delete(page: Page) -> None:
    page.goto("/accounts/delete/")
    assert_accessible(page)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    page.locator("input[name=posts][value=erase]").check()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _change_email(page: Page, new_email: str) -> None:
    """Ask for the new address, then follow the link the outbox holds."""
    page.goto("/accounts/email/")
    page.locator("input[name=new_email]").fill(new_email)
    page.locator("input[name=password]").fill(DEFAULT_PASSWORD)
    submit(page)
    assert mail.outbox[-1].to == [new_email]
    change_link = CHANGE_LINK.search(str(mail.outbox[-1].body))
    assert change_link is not None
    page.goto(change_link.group(1))
    assert_accessible(page)
    submit(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_person_changes_address_downloads_everything_deletes_cancels_deletes_again_and_is_gone(
    page: Page, settings: SettingsWrapper, tmp_path: Path, language: str
) -> None:
    settings.PERSONAL_EXPORT_ROOT = str(tmp_path)
    old_email, email = f"leila.{language}@example.org", f"l.mensah.{language}@example.net"
    handle = f"leila-hm-{language}"
    person = UserFactory.create(
        email=old_email, full_name="Leila Haddad-Mensah", preferred_language=language
    )
    catalog.enrol(person, course_with_lessons(modules=1, lessons_per_module=1))
    MembershipFactory.create(user=person, profile=handle)
    identifiers = {
        "email": email,
        "old_email": old_email,
        "handle": handle,
        "name": person.full_name,
        "uuid": str(person.uuid),
    }

    _log_in(page, old_email)
    _change_email(page, email)
    assert User.objects.get(pk=person.pk).email == email
    page.goto("/accounts/my-data/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    with page.expect_navigation():
        page.locator("form[action='/accounts/my-data/archive/'] button").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("a[href^='/accounts/my-data/download/']").click()
    with zipfile.ZipFile(download.value.path()) as archive:
        assert {"index.html", "profile.json", "enrolments.csv"} <= set(archive.namelist())
        assert json.loads(archive.read("profile.json"))[0]["email"] == email
        assert json.loads(archive.read("community-profile.json"))[0]["handle"] == handle

    _ask_to_delete(page)
    assert page.locator("a[href^='/accounts/login/']").count() >= 1
    assert AccountErasure.objects.get(user=person).status == "scheduled"

    _log_in(page, email)
    assert page.url.endswith("/accounts/delete/scheduled/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("form[action='/accounts/delete/cancel/'] button").click()
    assert AccountErasure.objects.get(user=person).status == "cancelled"

    _ask_to_delete(page)
    AccountErasure.objects.filter(status="scheduled").update(erase_after=timezone.now())
    assert erase_due_accounts() == 1

    assert not User.objects.filter(email=email).exists()
    assert _traces(identifiers, person.pk) == []
    for address in (email, old_email):
        _log_in(page, address)
        assert page.locator("main [role=alert]").count() >= 1
