"""Changing one's e-mail address: a link to the new address, a notice with undo to the old."""

from __future__ import annotations

import re
import time
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts import links, services
from praxis.accounts.models import ApiToken, PersonSession, SecurityEvent, User
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, UserFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

CHANGE_LINK = re.compile(r"https?://\S+(/accounts/email/confirm/\S+/)")
UNDO_LINK = re.compile(r"https?://\S+(/accounts/email/undo/\S+/)")


def ask(
    client: Client,
    capture: DjangoCaptureOnCommitCallbacks,
    new_email: str = "amina.new@example.org",
    password: str = DEFAULT_PASSWORD,
) -> Response:
    with capture(execute=True):
        return client.post(
            reverse("accounts:email_change"), {"new_email": new_email, "password": password}
        )


def confirm(
    client: Client, path: str, capture: DjangoCaptureOnCommitCallbacks, **data: str
) -> Response:
    with capture(execute=True):
        return client.post(path, data)


def change_link(mailoutbox: list[EmailMessage]) -> str:
    found = CHANGE_LINK.search(str(mailoutbox[-1].body))
    assert found is not None
    return found.group(1)


def undo_link(mailoutbox: list[EmailMessage]) -> str:
    found = UNDO_LINK.search(str(mailoutbox[-1].body))
    assert found is not None
    return found.group(1)


def test_the_link_goes_to_the_new_address_and_nothing_changes_yet(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    response = ask(person_client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "Check your new inbox" in response.content.decode()
    assert [m.to for m in mailoutbox] == [["amina.new@example.org"]]
    person.refresh_from_db()
    assert person.email == "amina@example.org"
    assert SecurityEvent.objects.filter(person=person, kind="email_change_requested").exists()


def test_opening_the_link_asks_before_changing(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    ask(person_client, django_capture_on_commit_callbacks)
    page = person_client.get(change_link(mailoutbox))

    assert page.status_code == 200
    assert "from amina@example.org to amina.new@example.org" in page.content.decode()
    person.refresh_from_db()
    assert person.email == "amina@example.org"


def test_confirming_changes_the_address_and_tells_the_old_one_with_an_undo_link(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    ask(person_client, django_capture_on_commit_callbacks)
    response = confirm(person_client, change_link(mailoutbox), django_capture_on_commit_callbacks)

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "amina.new@example.org"
    assert person.email_verified
    notice = mailoutbox[-1]
    assert notice.to == ["amina@example.org"]
    assert "from amina@example.org to amina.new@example.org" in notice.body
    assert "within 7 days" in notice.body
    assert UNDO_LINK.search(str(notice.body))
    assert "Your e-mail address is now amina.new@example.org" in (
        person_client.get(response["Location"]).content.decode()
    )
    changed = SecurityEvent.objects.get(person=person, kind="email_changed")
    assert changed.details == {"old": "amina@example.org", "new": "amina.new@example.org"}
    activity = person_client.get(reverse("accounts:activity")).content.decode()
    assert "E-mail address changed" in activity


def test_a_used_link_is_refused_and_changes_nothing(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    ask(person_client, django_capture_on_commit_callbacks)
    path = change_link(mailoutbox)
    confirm(person_client, path, django_capture_on_commit_callbacks)
    again = confirm(person_client, path, django_capture_on_commit_callbacks)

    assert again.status_code == 400
    assert "invalid_token" in again.content.decode()
    person.refresh_from_db()
    assert person.email == "amina.new@example.org"


def test_a_tampered_link_is_refused(person_client: Client, person: User) -> None:
    token = links.make_email_change_token(person, "amina.new@example.org")
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    path = reverse("accounts:email_change_confirm", kwargs={"token": tampered})

    assert person_client.get(path).status_code == 400
    assert person_client.post(path).status_code == 400
    person.refresh_from_db()
    assert person.email == "amina@example.org"


def test_a_link_naming_another_address_is_refused(person_client: Client, person: User) -> None:
    forged = signing.dumps(
        {"u": str(person.uuid), "old": "amina@example.org", "new": "x@example.org"},
        salt="another.purpose",
    )
    path = reverse("accounts:email_change_confirm", kwargs={"token": forged})

    assert person_client.post(path).status_code == 400


def test_an_expired_link_is_refused(person_client: Client, person: User) -> None:
    token = links.make_email_change_token(person, "amina.new@example.org")
    path = reverse("accounts:email_change_confirm", kwargs={"token": token})
    later = time.time() + links.EMAIL_CHANGE_MAX_AGE.total_seconds() + 60

    with mock.patch("django.core.signing.time.time", return_value=later):
        response = person_client.post(path)

    assert response.status_code == 400
    assert "invalid_token" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "amina@example.org"


def test_someone_else_logged_in_cannot_use_the_link(client: Client, person: User) -> None:
    other = UserFactory.create(email="other@example.org")
    client.force_login(other)
    token = links.make_email_change_token(person, "amina.new@example.org")
    path = reverse("accounts:email_change_confirm", kwargs={"token": token})

    response = client.post(path)

    assert response.status_code == 403
    assert "wrong_account" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "amina@example.org"


def test_the_link_works_when_logged_out(
    client: Client, person: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    token = links.make_email_change_token(person, "amina.new@example.org")
    path = reverse("accounts:email_change_confirm", kwargs={"token": token})

    response = confirm(client, path, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")
    person.refresh_from_db()
    assert person.email == "amina.new@example.org"


@pytest.mark.parametrize(
    ("new_email", "code"),
    [
        ("", "This field is required"),
        ("not an address", "Enter a valid e-mail address"),
        ("a" * 250 + "@example.org", "Ensure this value has at most 254 characters"),
        ("AMINA@example.org", "This is your address already"),
        ("taken@example.org", "Another account uses this address"),
    ],
)
def test_bad_new_addresses_are_refused_and_send_nothing(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    new_email: str,
    code: str,
) -> None:
    UserFactory.create(email="taken@example.org")

    response = ask(person_client, django_capture_on_commit_callbacks, new_email=new_email)

    assert response.status_code in {400, 409}
    assert code in response.content.decode()
    assert mailoutbox == []


def test_a_wrong_password_is_refused(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    response = ask(person_client, django_capture_on_commit_callbacks, password="wrong")

    assert response.status_code == 400
    assert "Your password is not right" in response.content.decode()
    assert mailoutbox == []


def test_requests_are_limited_to_a_few_an_hour(
    person_client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    answers = [
        ask(person_client, django_capture_on_commit_callbacks, new_email=f"n{i}@example.org")
        for i in range(4)
    ]

    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert len(mailoutbox) == 3


def test_asking_for_taken_addresses_counts_towards_the_limit(
    person_client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    for i in range(4):
        UserFactory.create(email=f"member{i}@example.org")

    answers = [
        ask(person_client, django_capture_on_commit_callbacks, new_email=f"member{i}@example.org")
        for i in range(4)
    ]

    # Past the limit the page no longer tells whether an address has an account.
    assert [a.status_code for a in answers] == [409, 409, 409, 429]
    assert "Another account uses this address" not in answers[-1].content.decode()
    assert mailoutbox == []


def test_the_page_needs_a_login(client: Client) -> None:
    response = client.get(reverse("accounts:email_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_address_taken_meanwhile_is_refused_at_confirmation(
    person_client: Client,
    person: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    token = links.make_email_change_token(person, "amina.new@example.org")
    UserFactory.create(email="amina.new@example.org")
    path = reverse("accounts:email_change_confirm", kwargs={"token": token})

    response = confirm(person_client, path, django_capture_on_commit_callbacks)

    assert response.status_code == 409
    assert "email_taken" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "amina@example.org"


def _session_for(user: User) -> Client:
    other = Client()
    other.force_login(user)
    session_key = other.cookies[settings.SESSION_COOKIE_NAME].value
    PersonSession.objects.create(person=user, session_key=session_key)
    return other


def test_confirming_may_sign_out_every_other_session(
    person_client: Client,
    person: User,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    elsewhere = _session_for(person)
    assert elsewhere.get(reverse("accounts:profile")).status_code == 200
    token = links.make_email_change_token(person, "amina.new@example.org")
    path = reverse("accounts:email_change_confirm", kwargs={"token": token})

    confirm(person_client, path, django_capture_on_commit_callbacks, end_other_sessions="on")

    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert person_client.get(reverse("accounts:profile")).status_code == 200


def test_undo_restores_the_old_address_ends_every_session_and_revokes_tokens(
    person_client: Client,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    elsewhere = _session_for(person)
    services.create_api_token(person, "laptop")
    ask(person_client, django_capture_on_commit_callbacks)
    confirm(person_client, change_link(mailoutbox), django_capture_on_commit_callbacks)
    undo = undo_link(mailoutbox)
    stranger = Client()

    page = stranger.get(undo)
    assert "from amina.new@example.org to amina@example.org" in page.content.decode()
    response = stranger.post(undo)

    assert response.status_code == 200
    assert "Your address is amina@example.org again" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "amina@example.org"
    assert elsewhere.get(reverse("accounts:profile")).status_code == 302
    assert not ApiToken.objects.filter(user=person, revoked_at__isnull=True).exists()
    assert stranger.post(undo).status_code == 400  # once only


def test_an_expired_undo_link_is_refused(
    person: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    User.objects.filter(pk=person.pk).update(email="amina.new@example.org")
    person.refresh_from_db()
    token = links.make_email_undo_token(person, "amina@example.org")
    later = time.time() + links.EMAIL_UNDO_MAX_AGE.total_seconds() + 60

    with mock.patch("django.core.signing.time.time", return_value=later):
        response = Client().post(reverse("accounts:email_change_undo", kwargs={"token": token}))

    assert response.status_code == 400
    person.refresh_from_db()
    assert person.email == "amina.new@example.org"


def test_api_asks_for_a_change_and_confirms_it(
    person_api_client: SchemaCheckedClient,
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        asked = person_api_client.post(
            "/api/v1/me/email",
            {"new_email": "amina.new@example.org", "password": DEFAULT_PASSWORD},
            content_type="application/json",
        )
    assert asked.status_code == 202
    assert asked.json() == {"new_email": "amina.new@example.org", "link_valid_days": 2}
    token = change_link(mailoutbox).rstrip("/").rsplit("/", 1)[1]

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = person_api_client.post(
            "/api/v1/me/email/confirm", {"token": token}, content_type="application/json"
        )

    assert confirmed.status_code == 200
    assert confirmed.json()["email"] == "amina.new@example.org"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"new_email": "bad", "password": DEFAULT_PASSWORD}, 400, "invalid_input"),
        ({"new_email": "amina@example.org", "password": DEFAULT_PASSWORD}, 400, "email_unchanged"),
        ({"new_email": "taken@example.org", "password": DEFAULT_PASSWORD}, 409, "email_taken"),
        ({"new_email": "n@example.org", "password": "wrong"}, 400, "invalid_credentials"),
        ({"new_email": "n@example.org"}, 400, "invalid_input"),
        ({"new_email": 5, "password": DEFAULT_PASSWORD}, 400, "invalid_input"),
        ({"new_email": "n@example.org", "password": "x", "extra": 1}, 400, "invalid_input"),
    ],
)
def test_api_refuses_bad_requests(
    person_api_client: SchemaCheckedClient,
    person: User,
    mailoutbox: list[EmailMessage],
    body: dict[str, object],
    status: int,
    code: str,
) -> None:
    UserFactory.create(email="taken@example.org")

    response = person_api_client.post("/api/v1/me/email", body, content_type="application/json")

    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert mailoutbox == []
    person.refresh_from_db()
    assert person.email == "amina@example.org"


def test_api_confirmation_by_another_person_is_refused(
    api_client: SchemaCheckedClient, person: User
) -> None:
    api_client.force_login(UserFactory.create(email="other@example.org"))
    token = links.make_email_change_token(person, "amina.new@example.org")

    response = api_client.post(
        "/api/v1/me/email/confirm", {"token": token}, content_type="application/json"
    )

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_account"
    person.refresh_from_db()
    assert person.email == "amina@example.org"


def test_api_refuses_a_garbage_token(person_api_client: SchemaCheckedClient) -> None:
    response = person_api_client.post(
        "/api/v1/me/email/confirm", {"token": "x" * 2000}, content_type="application/json"
    )

    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_token"
