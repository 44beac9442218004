"""Verifying the e-mail address with a signed, expiring link."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest
from django.core import signing
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts import links, services
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ErrorCode, RateLimited, ValidationFailed

pytestmark = pytest.mark.django_db


@pytest.fixture
def unverified(db: None) -> User:
    return UserFactory.create(
        email="kofi@example.org", full_name="Kofi Mensah", email_verified_at=None
    )


def made_days_ago(
    days: int, make: Callable[[User], str], user: User, monkeypatch: pytest.MonkeyPatch
) -> str:
    """A token made `days` ago: the signer's clock is set back while it is made."""
    then = int(time.time()) - days * 86400
    with monkeypatch.context() as patch:
        patch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(then))
        return make(user)


def test_good_link_verifies_the_address(unverified: User) -> None:
    user = services.verify_email(links.make_verification_token(unverified))

    unverified.refresh_from_db()
    assert user == unverified
    assert unverified.email_verified


def test_verifying_twice_keeps_the_first_time(unverified: User) -> None:
    token = links.make_verification_token(unverified)
    services.verify_email(token)
    unverified.refresh_from_db()
    first = unverified.email_verified_at

    services.verify_email(token)

    unverified.refresh_from_db()
    assert unverified.email_verified_at == first


def test_six_day_old_link_still_works(unverified: User, monkeypatch: pytest.MonkeyPatch) -> None:
    token = made_days_ago(6, links.make_verification_token, unverified, monkeypatch)

    services.verify_email(token)

    unverified.refresh_from_db()
    assert unverified.email_verified


def test_expired_link_is_refused(unverified: User, monkeypatch: pytest.MonkeyPatch) -> None:
    token = made_days_ago(8, links.make_verification_token, unverified, monkeypatch)

    with pytest.raises(ValidationFailed) as error:
        services.verify_email(token)

    assert error.value.code == ErrorCode.INVALID_TOKEN
    unverified.refresh_from_db()
    assert not unverified.email_verified


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(":", ";", 1),
        lambda token: "",
        lambda token: "garbage",
        lambda token: token * 40,
    ],
)
def test_tampered_link_is_refused(unverified: User, tamper: Callable[[str], str]) -> None:
    token = tamper(links.make_verification_token(unverified))

    with pytest.raises(ValidationFailed) as error:
        services.verify_email(token)

    assert error.value.code == ErrorCode.INVALID_TOKEN
    unverified.refresh_from_db()
    assert not unverified.email_verified


def test_password_reset_token_cannot_verify_an_address(unverified: User) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.verify_email(links.make_reset_token(unverified))

    assert error.value.code == ErrorCode.INVALID_TOKEN


def test_link_for_a_previous_address_no_longer_verifies(unverified: User) -> None:
    token = links.make_verification_token(unverified)
    unverified.email = "kofi.mensah@example.org"
    unverified.save()

    with pytest.raises(ValidationFailed):
        services.verify_email(token)


def test_verification_page_confirms_a_good_link(client: Client, unverified: User) -> None:
    token = links.make_verification_token(unverified)

    response = client.get(reverse("accounts:verify_email", kwargs={"token": token}), follow=True)

    assert response.redirect_chain == [(reverse("accounts:profile"), 302)]
    assert "Your address is confirmed" in response.content.decode()
    client.post(reverse("accounts:logout"))
    again = client.get(reverse("accounts:verify_email", kwargs={"token": token}))
    assert again.status_code == 200
    assert "Your e-mail address is confirmed" in again.content.decode()
    assert "_auth_user_id" not in client.session


def test_welcome_is_said_in_the_language_chosen_at_sign_up_in_another_browser(
    client: Client, unverified: User
) -> None:
    unverified.preferred_language = "es"
    unverified.save()
    # The mail app's browser has no language cookie and asks for English.
    token = links.make_verification_token(unverified)

    response = client.get(
        reverse("accounts:verify_email", kwargs={"token": token}),
        HTTP_ACCEPT_LANGUAGE="en",
        follow=True,
    )

    html = response.content.decode()
    assert "Su dirección está confirmada" in html
    assert "Your address is confirmed" not in html


def test_verification_page_explains_a_bad_link(client: Client, unverified: User) -> None:
    response = client.get(reverse("accounts:verify_email", kwargs={"token": "x:y:z"}))

    html = response.content.decode()
    assert response.status_code == 400
    assert "This link does not work" in html
    assert "invalid_token" in html


def test_resending_mails_a_fresh_link(
    unverified: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_verification(unverified)

    assert [m.to for m in mailoutbox] == [["kofi@example.org"]]


def test_resending_to_a_verified_address_sends_nothing(
    person: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_verification(person)

    assert mailoutbox == []


def test_resending_is_limited_to_a_few_an_hour(
    unverified: User, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            services.resend_verification(unverified)

    with pytest.raises(RateLimited):
        services.resend_verification(unverified)


def test_resend_button_on_the_profile_page_sends_the_link(
    client: Client,
    unverified: User,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    client.force_login(unverified)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("accounts:resend_verification"), follow=True)

    assert "We have sent you a new link" in response.content.decode()
    assert len(mailoutbox) == 1
