"""Signing up: the service and the page."""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from django.core.mail import EmailMessage
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts import services
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.core import mail
from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.lrs.models import Statement
from praxis.lrs.vocabulary import ACTIVITY_PLATFORM, VERB_REGISTERED

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

PASSWORD = "midwife-lantern-42-river"
LINK = re.compile(r"https?://\S+/accounts/verify/\S+/")


def sign_up(**overrides: object) -> User | None:
    fields = {"email": "Nadia@Example.org", "password": PASSWORD, "full_name": "Nadia Haddad"}
    return services.sign_up(**{**fields, **overrides})  # type: ignore[arg-type]  # wrong types on purpose


def test_sign_up_creates_the_account_with_the_address_in_lower_case() -> None:
    user = sign_up(occupation="2221", country="jo", languages=["ar", "en"], preferred_language="ar")
    assert user is not None

    user.refresh_from_db()
    assert user.email == "nadia@example.org"
    assert user.full_name == "Nadia Haddad"
    assert user.occupation_id == "2221"
    assert user.country == "JO"
    assert user.languages == ["ar", "en"]
    assert user.preferred_language == "ar"
    assert not user.email_verified


def test_password_is_stored_as_an_argon2_hash() -> None:
    user = sign_up()
    assert user is not None

    stored = User.objects.values_list("password", flat=True).get(pk=user.pk)
    assert stored.startswith("argon2$")
    assert PASSWORD not in stored


def test_sign_up_records_that_the_person_registered_with_the_platform() -> None:
    user = sign_up()
    assert user is not None

    statement = Statement.objects.get(verb_id=VERB_REGISTERED)
    assert statement.actor_key == f"account|{settings.SITE_URL}|{user.uuid}"
    assert statement.data["object"]["id"] == settings.SITE_URL + "/"
    assert statement.data["object"]["definition"]["type"] == ACTIVITY_PLATFORM
    assert statement.data["actor"]["name"] == "Nadia Haddad"


def test_verification_email_leaves_only_after_commit_with_a_working_link(
    client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        user = sign_up()
        assert user is not None
    assert user is not None
    assert mailoutbox == []  # nothing before the transaction commits

    for callback in callbacks:
        callback()

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nadia@example.org"]
    assert "Nadia Haddad" in message.body
    found = LINK.search(str(message.body))
    assert found is not None
    link = found.group(0)
    assert link.startswith(settings.SITE_URL + "/")
    response = client.get(link.removeprefix(settings.SITE_URL), follow=True)
    assert "Your address is confirmed" in response.content.decode()
    user.refresh_from_db()
    assert user.email_verified


def test_verification_email_is_rendered_in_the_preferred_language(
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    languages = []
    real_render = mail.render_plain

    def render(*args: Any, **kwargs: Any) -> str:
        languages.append(translation.get_language())
        return real_render(*args, **kwargs)

    monkeypatch.setattr(mail, "render_plain", render)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        sign_up(preferred_language="fr")

    assert languages == ["fr", "fr"]  # subject and body
    assert len(mailoutbox) == 1


def test_taken_email_answers_as_a_new_one_and_tells_the_owner(
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    owner = UserFactory.create(email="nadia@example.org", full_name="Nadia Haddad")

    with django_capture_on_commit_callbacks(execute=True):
        answer = sign_up(email="NADIA@EXAMPLE.ORG", full_name="Someone Else")

    assert answer is None
    assert User.objects.count() == 1
    owner.refresh_from_db()
    assert owner.full_name == "Nadia Haddad" and owner.check_password(PASSWORD) is False
    assert not Statement.objects.exists()
    assert [m.to for m in mailoutbox] == [["nadia@example.org"]]
    assert "already has an account" in mailoutbox[0].body
    assert not LINK.search(str(mailoutbox[0].body))


def test_weak_password_is_refused_with_the_validators_messages_in_the_active_language() -> None:
    with translation.override("fr"), pytest.raises(ValidationFailed) as error:
        sign_up(password="12345678901234")

    assert error.value.code == ErrorCode.WEAK_PASSWORD
    assert "Ce mot de passe n’est composé que de chiffres." in error.value.fields["password"]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("email", "full_name", "password"),
    [
        ("nadiahaddad1987@example.org", "N. H.", "nadiahaddad1987"),
        ("nh@example.org", "Nadia Haddad-Khoury", "haddadkhoury"),
    ],
)
def test_password_like_the_address_or_name_is_refused(
    email: str, full_name: str, password: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        sign_up(email=email, full_name=full_name, password=password)

    assert error.value.code == ErrorCode.WEAK_PASSWORD


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("email", "", ErrorCode.INVALID_INPUT),
        ("email", "not-an-address", ErrorCode.INVALID_INPUT),
        ("email", "a" * 250 + "@example.org", ErrorCode.INVALID_INPUT),
        ("email", 42, ErrorCode.INVALID_INPUT),
        ("full_name", "", ErrorCode.INVALID_INPUT),
        ("full_name", "   ", ErrorCode.INVALID_INPUT),
        ("full_name", "N" * 151, ErrorCode.INVALID_INPUT),
        ("full_name", "Nadia\x00Haddad", ErrorCode.INVALID_INPUT),
        ("password", "", ErrorCode.WEAK_PASSWORD),
        ("password", "p" * 5000, ErrorCode.WEAK_PASSWORD),
        ("occupation", "9999", ErrorCode.UNKNOWN_OCCUPATION),
        ("occupation", ["2221"], ErrorCode.INVALID_INPUT),
        ("country", "XX", ErrorCode.UNKNOWN_COUNTRY),
        ("country", "Jordan", ErrorCode.UNKNOWN_COUNTRY),
        ("languages", ["xx"], ErrorCode.UNKNOWN_LANGUAGE),
        ("languages", "en", ErrorCode.INVALID_INPUT),
        ("preferred_language", "ja", ErrorCode.UNKNOWN_LANGUAGE),
        ("organisation_name", "O" * 201, ErrorCode.INVALID_INPUT),
    ],
)
def test_bad_field_is_refused_on_that_field_and_nothing_is_written(
    field: str, value: int | str | list[str], code: ErrorCode
) -> None:
    with pytest.raises(ValidationFailed) as error:
        sign_up(**{field: value})

    assert error.value.code == code
    assert field in error.value.fields
    assert not User.objects.exists()
    assert not Statement.objects.exists()


def test_every_bad_field_is_reported_at_once() -> None:
    with pytest.raises(ValidationFailed) as error:
        sign_up(email="nope", full_name="", country="XX")

    assert error.value.code == ErrorCode.INVALID_INPUT
    assert set(error.value.fields) == {"email", "full_name", "country"}


# The page


def test_sign_up_page_has_labelled_fields_and_a_submit_button(client: Client) -> None:
    html = client.get(reverse("accounts:signup")).content.decode()

    for name in ("email", "full_name", "password"):
        assert f'name="{name}"' in html
        assert f'for="id_{name}"' in html
    assert 'type="submit"' in html
    assert "at least 10 characters" in html  # the password hint


def test_signing_up_on_the_page_asks_to_confirm_the_address_then_logs_in(
    client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:signup"),
            {"email": "Nadia@Example.org", "full_name": "Nadia Haddad", "password": PASSWORD},
        )

    assert response.status_code == 200
    assert "We have sent a message to nadia@example.org" in response.content.decode()
    assert "_auth_user_id" not in client.session
    found = LINK.search(str(mailoutbox[0].body))
    assert found is not None
    link = found.group(0)
    confirmed = client.get(link, follow=True)
    assert client.session["_auth_user_id"] == str(User.objects.get().pk)
    assert "My account" in confirmed.content.decode()
    # The link confirms once; it is no key to the account afterwards.
    client.post(reverse("accounts:logout"))
    client.get(link)
    assert "_auth_user_id" not in client.session


def test_sign_up_page_answers_a_taken_address_as_a_new_one(
    client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    UserFactory.create(email="nadia@example.org")

    def attempt(email: str) -> Response:
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("accounts:signup"),
                {"email": email, "full_name": "Nadia Haddad", "password": PASSWORD},
            )

    taken, new = attempt("NADIA@example.org"), attempt("nadia.haddad@example.org")

    assert taken.status_code == new.status_code == 200
    assert taken.content.decode().replace("NADIA@example.org", "ADDRESS").replace(
        "nadia@example.org", "ADDRESS"
    ) == new.content.decode().replace("nadia.haddad@example.org", "ADDRESS")
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(email="nadia@example.org").count() == 1


def test_sign_up_is_rate_limited_per_client_address(client: Client) -> None:
    for attempt in range(services.registration.SIGNUP_ADDRESS_LIMIT.limit):
        client.post(
            reverse("accounts:signup"),
            {"email": f"n{attempt}@example.org", "full_name": "N", "password": PASSWORD},
        )

    response = client.post(
        reverse("accounts:signup"),
        {"email": "late@example.org", "full_name": "Late", "password": PASSWORD},
    )

    assert response.status_code == 429
    assert not User.objects.filter(email="late@example.org").exists()


def test_sign_up_page_takes_the_interface_language_as_preferred_language(client: Client) -> None:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    client.post(
        reverse("accounts:signup"),
        {"email": "lucia@example.org", "full_name": "Lucía Pérez", "password": PASSWORD},
    )

    assert User.objects.get().preferred_language == "es"


def test_sign_up_page_refuses_empty_fields(client: Client) -> None:
    response = client.post(reverse("accounts:signup"), {})

    assert response.status_code == 400
    page = response.content.decode()
    # Each error beside its field, and again in the summary on top that links to it.
    assert page.count('class="field-error" id="id_') == 3
    assert page.count('aria-invalid="true"') == 3
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert summary.count("This field is required.") == 3
    assert 'href="#id_email"' in summary
    assert not User.objects.exists()


def test_the_same_sign_up_sent_twice_answers_the_same_and_sends_one_message(
    client: Client,
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    fields = {"email": "Nadia@Example.org", "full_name": "Nadia Haddad", "password": PASSWORD}
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(reverse("accounts:signup"), fields)
    with django_capture_on_commit_callbacks(execute=True):
        second = client.post(reverse("accounts:signup"), fields)

    assert first.status_code == second.status_code == 200
    assert first.content.decode() == second.content.decode()
    assert "We have sent a message to nadia@example.org" in second.content.decode()
    assert User.objects.filter(email="nadia@example.org").count() == 1
    assert len(mailoutbox) == 1
    assert "Confirm your e-mail address" in str(mailoutbox[0].subject)
    assert LINK.search(str(mailoutbox[0].body))


def _sign_up_again_later(minutes: int, password: str) -> None:
    first = sign_up()
    assert first is not None
    User.objects.filter(pk=first.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))
    assert sign_up(password=password) is None


@pytest.mark.parametrize(
    ("minutes", "password"),
    [
        (11, PASSWORD),  # past the few minutes a repeated sign-up is taken as the first
        (1, "another-lantern-43-river"),  # someone else, or a new attempt
    ],
)
def test_a_later_or_different_sign_up_for_an_unconfirmed_account_tells_the_owner(
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    minutes: int,
    password: str,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up_again_later(minutes, password)

    assert len(mailoutbox) == 2
    assert "already has an account" in mailoutbox[1].body
    assert not LINK.search(str(mailoutbox[1].body))
    owner = User.objects.get()
    assert owner.check_password(PASSWORD) and not owner.email_verified


def test_the_same_sign_up_again_for_a_confirmed_account_tells_the_owner(
    mailoutbox: list[EmailMessage],
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    owner = UserFactory.create(email="nadia@example.org", password=PASSWORD)
    assert owner.created_at >= timezone.now() - timedelta(minutes=1)

    with django_capture_on_commit_callbacks(execute=True):
        assert sign_up() is None

    assert [m.to for m in mailoutbox] == [["nadia@example.org"]]
    assert "already has an account" in mailoutbox[0].body
