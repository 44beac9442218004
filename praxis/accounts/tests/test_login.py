"""Logging in and out, under a rate limit on failures."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict, Unpack

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.services import login as login_service
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def log_out(client: Client) -> None:
    """Log out as a browser does: the session ends, other cookies stay."""
    kept = {name: morsel.value for name, morsel in client.cookies.items()}
    client.post(reverse("accounts:logout"))
    for name, value in kept.items():
        if name != django_settings.SESSION_COOKIE_NAME:
            client.cookies[name] = value


class _Extra(TypedDict, total=False):
    REMOTE_ADDR: str
    QUERY_STRING: str


def log_in(client: Client, email: str, password: str, **extra: Unpack[_Extra]) -> Response:
    return client.post(reverse("accounts:login"), {"email": email, "password": password}, **extra)


@pytest.fixture
def low_limit(settings: SettingsWrapper) -> int:
    settings.LOGIN_RATE_LIMIT = 3
    settings.LOGIN_RATE_WINDOW = 600
    return 3


def test_right_password_logs_in_and_switches_to_the_preferred_language(
    client: Client, db: None
) -> None:
    person = UserFactory.create(email="chen@example.org", preferred_language="zh-hans")

    response = log_in(client, "Chen@Example.org", DEFAULT_PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == reverse(django_settings.LOGIN_REDIRECT_URL)
    assert client.session["_auth_user_id"] == str(person.pk)
    assert response.cookies[django_settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"


def test_login_goes_to_a_safe_next_page_only(client: Client, person: User) -> None:
    inside = log_in(client, person.email, DEFAULT_PASSWORD, QUERY_STRING="next=/courses/")
    client.logout()
    outside = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"email": person.email, "password": DEFAULT_PASSWORD},
    )

    assert inside["Location"] == "/courses/"
    assert outside["Location"] == reverse(django_settings.LOGIN_REDIRECT_URL)


def test_wrong_password_is_refused_without_saying_which_part_is_wrong(
    client: Client, person: User
) -> None:
    wrong_password = log_in(client, person.email, "not-the-password")
    no_account = log_in(client, "nobody@example.org", "not-the-password")

    assert wrong_password.status_code == no_account.status_code == 400
    message = "The e-mail address or the password is not right."
    assert message in wrong_password.content.decode()
    assert message in no_account.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_person_cannot_log_in(client: Client, db: None) -> None:
    UserFactory.create(email="left@example.org", is_active=False)

    assert log_in(client, "left@example.org", DEFAULT_PASSWORD).status_code == 400


def test_too_many_failures_answer_429_without_checking_the_password(
    client: Client, person: User, low_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    for _ in range(low_limit):
        assert log_in(client, person.email, "wrong").status_code == 400
    checked = []
    monkeypatch.setattr(login_service, "authenticate", lambda *a, **k: checked.append(1))

    response = log_in(client, person.email.upper(), DEFAULT_PASSWORD)

    assert response.status_code == 429
    html = response.content.decode()
    assert "rate_limited" in html
    assert "Too many attempts" in html
    assert checked == []
    assert "_auth_user_id" not in client.session


def test_limit_on_one_address_does_not_hold_back_another_account(
    client: Client, person: User, low_limit: int
) -> None:
    other = UserFactory.create(email="other@example.org")
    for _ in range(low_limit):
        log_in(client, person.email, "wrong")

    response = log_in(client, other.email, DEFAULT_PASSWORD)

    assert response.status_code == 302


def test_one_client_trying_many_addresses_is_held_back(
    client: Client, person: User, low_limit: int
) -> None:
    allowance = low_limit * login_service.ADDRESS_ALLOWANCE
    for attempt in range(allowance):
        log_in(client, f"guess{attempt}@example.org", "wrong")

    response = log_in(client, person.email, DEFAULT_PASSWORD)

    assert response.status_code == 429


def test_another_client_is_not_held_back_by_the_address_limit(
    client: Client, person: User, low_limit: int
) -> None:
    allowance = low_limit * login_service.ADDRESS_ALLOWANCE
    for attempt in range(allowance):
        log_in(client, f"guess{attempt}@example.org", "wrong", REMOTE_ADDR="203.0.113.9")

    response = log_in(client, person.email, DEFAULT_PASSWORD, REMOTE_ADDR="198.51.100.7")

    assert response.status_code == 302


def test_the_owners_browser_gets_through_a_lockout_caused_by_someone_else(
    client: Client, person: User, low_limit: int
) -> None:
    clinic = "203.0.113.9"  # one public address for everyone in the clinic
    assert log_in(client, person.email, DEFAULT_PASSWORD, REMOTE_ADDR=clinic).status_code == 302
    log_out(client)
    guesser = type(client)()
    for attempt in range(low_limit * login_service.ADDRESS_ALLOWANCE):
        log_in(guesser, f"guess{attempt}@example.org", "wrong", REMOTE_ADDR=clinic)
    for _ in range(low_limit):
        log_in(guesser, person.email, "wrong", REMOTE_ADDR=clinic)
    assert log_in(guesser, person.email, DEFAULT_PASSWORD, REMOTE_ADDR=clinic).status_code == 429

    response = log_in(client, person.email, DEFAULT_PASSWORD, REMOTE_ADDR=clinic)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_known_browser_is_held_back_after_its_own_failures(
    client: Client, person: User, low_limit: int
) -> None:
    log_in(client, person.email, DEFAULT_PASSWORD)
    log_out(client)
    for _ in range(low_limit):
        assert log_in(client, person.email, "wrong").status_code == 400

    assert log_in(client, person.email, DEFAULT_PASSWORD).status_code == 429


def test_a_forged_known_client_cookie_counts_for_nothing(
    client: Client, person: User, low_limit: int
) -> None:
    for _ in range(low_limit):
        log_in(client, person.email, "wrong")
    client.cookies[login_service.KNOWN_CLIENT_COOKIE] = "made-up"

    assert log_in(client, person.email, DEFAULT_PASSWORD).status_code == 429


def test_successful_login_clears_the_account_failures(
    client: Client, person: User, low_limit: int
) -> None:
    for _ in range(low_limit - 1):
        log_in(client, person.email, "wrong")
    log_in(client, person.email, DEFAULT_PASSWORD)
    client.logout()

    for _ in range(low_limit - 1):
        assert log_in(client, person.email, "wrong").status_code == 400


def test_empty_login_form_is_refused_and_not_counted(
    client: Client, person: User, low_limit: int
) -> None:
    for _ in range(low_limit + 1):
        assert client.post(reverse("accounts:login"), {}).status_code == 400

    assert log_in(client, person.email, DEFAULT_PASSWORD).status_code == 302


def test_logout_needs_a_post(person_client: Client) -> None:
    asked = person_client.get(reverse("accounts:logout"))

    # Coming to the address does not log out, but offers the form that does.
    assert asked.status_code == 405
    assert asked["Allow"] == "POST"
    assert "_auth_user_id" in person_client.session
    page = asked.content.decode()
    assert "Do you want to log out on this device?" in page
    assert f'action="{reverse("accounts:logout")}"' in page

    response = person_client.post(reverse("accounts:logout"))

    assert response.status_code == 302
    assert "_auth_user_id" not in person_client.session
    again = person_client.get(reverse("accounts:logout")).content.decode()
    assert "You are not logged in." in again
