"""Delete my account: the page, the grace period, cancelling by logging in, the job, the admin."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.lifecycle import erasure
from praxis.accounts.models import AccountErasure, ApiToken, PersonSession, User
from praxis.accounts.services import create_api_token
from praxis.accounts.tasks import erase_due_accounts
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from praxis.accounts.tests.test_sessions import CHROME_WINDOWS, FIREFOX_ANDROID, logged_in
from praxis.core.errors import Conflict

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

DELETE = "accounts:delete_account"


def _ask(client: Client, password: str = DEFAULT_PASSWORD, posts: str = "erase") -> Response:
    return client.post(reverse(DELETE), {"password": password, "posts": posts})


def test_the_page_says_what_is_erased_what_is_kept_and_the_grace_period(
    client: Client, settings: SettingsWrapper
) -> None:
    settings.ACCOUNT_ERASURE_GRACE_DAYS = 14
    client.force_login(UserFactory.create())

    page = client.get(reverse(DELETE)).content.decode()

    assert "What is erased" in page and "What is kept, and why" in page
    assert "deleted 14 days after you ask" in page
    assert "former member" in page


def test_asking_schedules_the_erasure_after_the_grace_period_and_signs_out(client: Client) -> None:
    person = UserFactory.create()
    client.force_login(person)

    response = _ask(client, posts="keep")

    assert response.status_code == 200
    assert "You are now signed out" in response.content.decode()
    pending = AccountErasure.objects.get(user=person)
    assert pending.keep_posts is True
    expected = timezone.now() + datetime.timedelta(days=14)
    assert abs(pending.erase_after - expected) < datetime.timedelta(minutes=1)
    assert "_auth_user_id" not in client.session


def test_asking_signs_out_every_other_session_and_revokes_the_api_tokens() -> None:
    person = UserFactory.create()
    phone, laptop = logged_in(person, FIREFOX_ANDROID), logged_in(person, CHROME_WINDOWS)
    _token, plaintext = create_api_token(person, "laptop script")
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert bearer.get("/api/v1/me").status_code == 200

    assert _ask(laptop).status_code == 200

    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert laptop.get(reverse("accounts:profile")).status_code == 302
    assert not PersonSession.objects.filter(person=person).exists()
    assert bearer.get("/api/v1/me").status_code == 401
    assert not ApiToken.objects.filter(user=person, revoked_at__isnull=True).exists()
    # Still able to log in, to cancel.
    again = Client().post(
        reverse("accounts:login"), {"email": person.email, "password": DEFAULT_PASSWORD}
    )
    assert again["Location"] == reverse("accounts:erasure_scheduled")


def test_asking_through_the_api_keeps_the_asking_session_only() -> None:
    person = UserFactory.create()
    phone, laptop = logged_in(person, FIREFOX_ANDROID), logged_in(person, CHROME_WINDOWS)

    asked = laptop.post(
        "/api/v1/me/data/erasure",
        {"password": DEFAULT_PASSWORD, "keep_posts": False},
        content_type="application/json",
    )

    assert asked.status_code == 202
    assert phone.get(reverse("accounts:profile")).status_code == 302
    assert laptop.get("/api/v1/me/data/erasure").json()["status"] == "scheduled"


@pytest.mark.parametrize("password", ["", "wrong password", "x" * 5000])
def test_a_wrong_empty_or_huge_password_changes_nothing(client: Client, password: str) -> None:
    person = UserFactory.create()
    client.force_login(person)

    response = _ask(client, password=password)

    assert response.status_code == 400
    assert not AccountErasure.objects.exists()
    assert User.objects.filter(pk=person.pk, is_active=True).exists()


def test_a_malformed_choice_for_posts_is_refused(client: Client) -> None:
    client.force_login(UserFactory.create())
    assert _ask(client, posts="burn").status_code == 400
    assert not AccountErasure.objects.exists()


def test_logging_in_during_the_grace_period_offers_to_cancel(client: Client) -> None:
    person = UserFactory.create(email="kwame@example.org")
    client.force_login(person)
    _ask(client)

    login = client.post(
        reverse("accounts:login"), {"email": "kwame@example.org", "password": DEFAULT_PASSWORD}
    )
    assert login["Location"] == reverse("accounts:erasure_scheduled")
    offer = client.get(login["Location"]).content.decode()
    assert "Cancel the deletion" in offer

    cancelled = client.post(reverse("accounts:erasure_cancel"), follow=True)
    assert "will not be deleted" in cancelled.content.decode()
    assert AccountErasure.objects.get().status == AccountErasure.Status.CANCELLED
    assert erase_due_accounts() == 0
    assert User.objects.filter(pk=person.pk).exists()


def test_cancelling_twice_is_a_clear_conflict(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.post(reverse("accounts:erasure_cancel"), follow=True)
    assert "not due to be deleted" in response.content.decode()


def test_the_person_is_told_by_e_mail_when_and_how_to_stop_it(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    person = UserFactory.create(email="kwame@example.org", preferred_language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        scheduled = erasure.request_erasure(person, password=DEFAULT_PASSWORD, keep_posts=False)
    (message,) = mail.outbox
    assert message.to == ["kwame@example.org"]
    assert "supprimé" in message.subject  # in the person's language
    with translation.override("fr"):
        day = date_format(scheduled.erase_after, "DATE_FORMAT")
    assert day in message.body
    assert "/accounts/login/" in message.body and "/accounts/password-reset/" in message.body

    # A refused request sends nothing.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(Conflict):
        erasure.request_erasure(person, password=DEFAULT_PASSWORD, keep_posts=False)
    assert len(mail.outbox) == 1


def test_a_second_erasure_request_is_refused_with_a_stable_code() -> None:
    person = UserFactory.create()
    erasure.request_erasure(person, password=DEFAULT_PASSWORD, keep_posts=False)
    with pytest.raises(Conflict) as refused:
        erasure.request_erasure(person, password=DEFAULT_PASSWORD, keep_posts=True)
    assert refused.value.code == "erasure_pending"
    assert AccountErasure.objects.count() == 1


def test_the_job_erases_only_accounts_past_their_grace_period() -> None:
    due, waiting = UserFactory.create(), UserFactory.create()
    create_api_token(due, "laptop")
    AccountErasure.objects.create(user=due, erase_after=timezone.now())
    AccountErasure.objects.create(
        user=waiting, erase_after=timezone.now() + datetime.timedelta(days=1)
    )

    assert erase_due_accounts() == 1

    assert not User.objects.filter(pk=due.pk).exists()
    assert not ApiToken.objects.exists()
    assert User.objects.filter(pk=waiting.pk).exists()
    # Run again: nothing more to do.
    assert erase_due_accounts() == 0


def test_erasing_the_same_request_twice_does_nothing_the_second_time() -> None:
    person = UserFactory.create()
    request = AccountErasure.objects.create(user=person, erase_after=timezone.now())
    assert erasure.erase(request.pk) is True
    assert erasure.erase(request.pk) is False


def test_the_api_asks_reads_and_cancels_the_deletion(api_client: SchemaCheckedClient) -> None:
    person = UserFactory.create()
    api_client.force_login(person)

    wrong = api_client.post(
        "/api/v1/me/data/erasure", {"password": "nope"}, content_type="application/json"
    )
    assert wrong.status_code == 400
    assert wrong.json()["error"]["code"] == "invalid_credentials"
    asked = api_client.post(
        "/api/v1/me/data/erasure",
        {"password": DEFAULT_PASSWORD, "keep_posts": True},
        content_type="application/json",
    )
    assert asked.status_code == 202
    assert api_client.get("/api/v1/me/data/erasure").json()["status"] == "scheduled"
    assert api_client.delete("/api/v1/me/data/erasure").json()["status"] == "cancelled"
    again = api_client.delete("/api/v1/me/data/erasure")
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "no_erasure_pending"


def test_the_api_refuses_unknown_fields(api_client: SchemaCheckedClient) -> None:
    api_client.force_login(UserFactory.create())
    response = api_client.post(
        "/api/v1/me/data/erasure",
        {"password": DEFAULT_PASSWORD, "everything": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert not AccountErasure.objects.exists()


def test_a_platform_admin_erases_a_person_with_the_reason_recorded(client: Client) -> None:
    admin = UserFactory.create(is_staff=True, is_superuser=True)
    person = UserFactory.create()
    client.force_login(admin)
    page = reverse("admin:accounts_user_erase", args=[person.pk])

    missing = client.post(page, {"reason": ""})
    assert missing.status_code == 400
    assert User.objects.filter(pk=person.pk).exists()

    done = client.post(page, {"reason": "Asked by letter, identity checked"})
    assert done.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    record = AccountErasure.objects.get()
    assert (record.by_admin, record.erased_by, record.reason, record.user) == (
        True,
        admin,
        "Asked by letter, identity checked",
        None,
    )
    # The admin's delete button leads to the same page.
    other = UserFactory.create()
    delete = client.get(reverse("admin:accounts_user_delete", args=[other.pk]))
    assert delete["Location"] == reverse("admin:accounts_user_erase", args=[other.pk])


def test_staff_who_are_not_platform_admins_cannot_erase(client: Client) -> None:
    client.force_login(UserFactory.create(is_staff=True))
    person = UserFactory.create()
    response = client.post(
        reverse("admin:accounts_user_erase", args=[person.pk]), {"reason": "because"}
    )
    assert response.status_code == 403
    assert User.objects.filter(pk=person.pk).exists()
