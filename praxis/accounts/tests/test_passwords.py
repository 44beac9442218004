"""Resetting a forgotten password, and changing one's password."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, TypedDict

import pytest
from django.conf import settings
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts import links, services
from praxis.accounts.models import User
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory
from praxis.core.errors import ErrorCode, RateLimited, ValidationFailed

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "clinic-orchard-77-kettle"
RESET_LINK = re.compile(r"https?://\S+/accounts/password-reset/\S+/")


def ask_for_reset(client: Client, email: str, capture: DjangoCaptureOnCommitCallbacks) -> Response:
    with capture(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email})


def test_reset_request_answers_the_same_whether_or_not_the_account_exists(
    client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    known = ask_for_reset(client, person.email, django_capture_on_commit_callbacks)
    unknown = ask_for_reset(client, "nobody@example.org", django_capture_on_commit_callbacks)

    assert known.status_code == unknown.status_code == 200
    assert [t.name for t in known.templates] == [t.name for t in unknown.templates]
    known_page = known.content.decode().replace(person.email, "ADDRESS")
    unknown_page = unknown.content.decode().replace("nobody@example.org", "ADDRESS")
    csrf = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert csrf.sub("", known_page) == csrf.sub("", unknown_page)
    assert [m.to for m in mailoutbox] == [[person.email]]


def test_reset_request_with_a_malformed_address_is_refused(client: Client) -> None:
    response = client.post(reverse("accounts:password_reset"), {"email": "not an address"})

    assert response.status_code == 400


def test_reset_request_for_an_inactive_account_sends_nothing(
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    UserFactory.create(email="gone@example.org", is_active=False)

    with django_capture_on_commit_callbacks(execute=True):
        services.request_password_reset("gone@example.org")

    assert mailoutbox == []


def test_reset_requests_for_one_address_stop_after_a_few_without_saying_so(
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            services.request_password_reset(person.email.upper())

    assert len(mailoutbox) == 3


def test_reset_link_from_the_email_sets_a_new_password_once(
    client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    ask_for_reset(client, person.email, django_capture_on_commit_callbacks)
    found = RESET_LINK.search(str(mailoutbox[0].body))
    assert found is not None
    path = found.group(0).removeprefix(settings.SITE_URL)

    assert client.get(path).status_code == 200
    response = client.post(path, {"new_password": NEW_PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    used = client.get(path)
    assert used.status_code == 400
    assert "This link does not work" in used.content.decode()
    again = client.post(path, {"new_password": "another-fine-passphrase-9"})
    assert again.status_code == 400
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)


def test_reset_link_marks_the_address_verified(db: None) -> None:
    user = UserFactory.create(email_verified_at=None)

    services.reset_password(links.make_reset_token(user), NEW_PASSWORD)

    user.refresh_from_db()
    assert user.email_verified


def test_reset_with_a_weak_password_keeps_the_old_one_and_the_link(person: User) -> None:
    token = links.make_reset_token(person)

    with pytest.raises(ValidationFailed) as error:
        services.reset_password(token, "password123")

    assert error.value.code == ErrorCode.WEAK_PASSWORD
    assert "new_password" in error.value.fields
    person.refresh_from_db()
    assert person.check_password(DEFAULT_PASSWORD)
    services.reset_password(token, NEW_PASSWORD)  # still usable


def test_expired_reset_link_is_refused(person: User, settings: SettingsWrapper) -> None:
    token = links.make_reset_token(person)
    settings.PASSWORD_RESET_TIMEOUT = -1  # every link is older than this

    with pytest.raises(ValidationFailed) as error:
        services.reset_password(token, NEW_PASSWORD)

    assert error.value.code == ErrorCode.INVALID_TOKEN


def test_tampered_reset_link_is_refused(person: User) -> None:
    token = links.make_reset_token(person)

    with pytest.raises(ValidationFailed) as error:
        services.reset_password(token[:-2] + "xx", NEW_PASSWORD)

    assert error.value.code == ErrorCode.INVALID_TOKEN


def test_reset_lifts_the_login_rate_limit(
    client: Client, person: User, settings: SettingsWrapper
) -> None:
    settings.LOGIN_RATE_LIMIT = 2
    for _ in range(2):
        client.post(reverse("accounts:login"), {"email": person.email, "password": "wrong"})

    services.reset_password(links.make_reset_token(person), NEW_PASSWORD)

    response = client.post(
        reverse("accounts:login"), {"email": person.email, "password": NEW_PASSWORD}
    )
    assert response.status_code == 302


# Changing the password while logged in


def test_change_password_needs_the_current_one(person: User) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.change_password(person, "not-my-password", NEW_PASSWORD)

    assert error.value.code == ErrorCode.INVALID_CREDENTIALS
    assert "old_password" in error.value.fields
    person.refresh_from_db()
    assert person.check_password(DEFAULT_PASSWORD)


def test_change_password_refuses_a_weak_new_one(person: User) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.change_password(person, DEFAULT_PASSWORD, "12345")

    assert error.value.code == ErrorCode.WEAK_PASSWORD


def test_guessing_the_current_password_is_rate_limited(
    person: User, settings: SettingsWrapper
) -> None:
    settings.LOGIN_RATE_LIMIT = 3
    for _ in range(3):
        with pytest.raises(ValidationFailed):
            services.change_password(person, "guess", NEW_PASSWORD)

    with pytest.raises(RateLimited):
        services.change_password(person, DEFAULT_PASSWORD, NEW_PASSWORD)


def test_changing_password_on_the_page_keeps_this_session_and_ends_others(
    client: Client, person: User
) -> None:
    other = type(client)()
    other.force_login(person)
    client.force_login(person)

    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert other.get(reverse("accounts:profile")).status_code == 302  # sent to log in


def test_changing_password_on_the_page_with_a_wrong_current_one_shows_the_error(
    person_client: Client,
) -> None:
    response = person_client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password": NEW_PASSWORD},
    )

    assert response.status_code == 400
    assert "Your current password is not right." in response.content.decode()


# API tokens do not outlive the password


class _Bearer(TypedDict):
    HTTP_AUTHORIZATION: str


def _bearer(plaintext: str) -> _Bearer:
    return {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"}


def test_resetting_the_password_revokes_api_tokens_and_says_so(
    client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _token, plaintext = services.create_api_token(person, "Moodle sync")
    assert client.get("/api/v1/me", **_bearer(plaintext)).status_code == 200
    path = reverse("accounts:password_reset_confirm", args=[links.make_reset_token(person)])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path, {"new_password": NEW_PASSWORD}, follow=True)

    assert client.get("/api/v1/me", **_bearer(plaintext)).status_code == 401
    assert "1 API token was revoked" in response.content.decode()
    assert mailoutbox[-1].to == [person.email]
    assert "Moodle sync" in mailoutbox[-1].body


def test_changing_the_password_revokes_api_tokens_and_says_so(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    plaintexts = [services.create_api_token(person, name)[1] for name in ("R script", "LMS")]

    with django_capture_on_commit_callbacks(execute=True):
        response = person_client.post(
            reverse("accounts:password_change"),
            {"old_password": DEFAULT_PASSWORD, "new_password": NEW_PASSWORD},
            follow=True,
        )

    tool = type(person_client)()  # a tool calling the API with a token, no session
    for plaintext in plaintexts:
        assert tool.get("/api/v1/me", **_bearer(plaintext)).status_code == 401
    assert "2 API tokens were revoked" in response.content.decode()
    assert "R script" in mailoutbox[-1].body and "LMS" in mailoutbox[-1].body


def test_revoking_every_token_of_a_person_leaves_others_alone(person: User) -> None:
    services.create_api_token(person, "mine")
    _token, someone_elses = services.create_api_token(UserFactory.create(), "theirs")

    revoked = services.revoke_all_api_tokens(person)

    assert [token.name for token in revoked] == ["mine"]
    assert services.revoke_all_api_tokens(person) == []
    assert services.authenticate_token(someone_elses) is not None
