"""Passkeys: adding one, proving the second factor or signing in with it, and every refusal
(replayed, tampered, expired, malformed, huge, someone else's) leaving things as they were."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from praxis.accounts.models import Passkey, RecoveryCode, SecurityEvent, User
from praxis.accounts.services import passkeys, two_factor
from praxis.accounts.tests.authenticator import SoftAuthenticator
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory
from praxis.core.errors import (
    ErrorCode,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    PraxisError,
    RateLimited,
    ValidationFailed,
)

pytestmark = pytest.mark.django_db


def authenticator() -> SoftAuthenticator:
    rp_id, origin = passkeys.relying_party()
    return SoftAuthenticator(rp_id=rp_id, origin=origin)


def added(user: User, name: str = "My phone") -> SoftAuthenticator:
    device = authenticator()
    session: dict[str, Any] = {}
    options = passkeys.registration_options(user, session)
    passkeys.add(user, session, device.create(options), name, request=None)
    return device


def second_factor(user: User, device: SoftAuthenticator, **changes: Any) -> User:
    session: dict[str, Any] = {}
    options = passkeys.authentication_options(session, user)
    return passkeys.authenticate(session, device.get(options, **changes), user=user, request=None)


def code_of(refused: pytest.ExceptionInfo[PraxisError]) -> str:
    return str(refused.value.code)


# Adding


def test_the_first_passkey_turns_two_factor_on_and_shows_recovery_codes_once(
    person_client: Client, person: User
) -> None:
    device = authenticator()
    options = person_client.post(reverse("accounts:passkey_register_options")).content.decode()

    page = person_client.post(
        reverse("accounts:passkey_add"),
        {"name": "Work laptop", "credential": device.create(options)},
    )

    assert page.status_code == 200
    assert page.content.decode().count("<li><code>") == 10
    assert two_factor.has_two_factor(person) and not two_factor.has_app(person)
    assert Passkey.objects.get(person=person).name == "Work laptop"
    assert SecurityEvent.objects.filter(person=person, kind="passkey_added").exists()
    listing = person_client.get(reverse("accounts:two_factor")).content.decode()
    assert "Work laptop" in listing


def test_a_second_passkey_keeps_the_recovery_codes(person: User) -> None:
    added(person)
    before = set(RecoveryCode.objects.values_list("digest", flat=True))

    added(person, "Security key")

    assert Passkey.objects.filter(person=person).count() == 2
    assert set(RecoveryCode.objects.values_list("digest", flat=True)) == before


@pytest.mark.parametrize("name", ["", "   ", "x" * 101, None, "a\x00b"])
def test_a_passkey_needs_a_sensible_name(person: User, name: str | None) -> None:
    device = authenticator()
    session: dict[str, Any] = {}
    options = passkeys.registration_options(person, session)

    with pytest.raises(ValidationFailed) as refused:
        passkeys.add(person, session, device.create(options), name, request=None)

    assert "name" in refused.value.fields
    assert not Passkey.objects.exists()


def test_the_same_registration_answer_cannot_be_used_twice(person: User) -> None:
    device = authenticator()
    session: dict[str, Any] = {}
    answer = device.create(passkeys.registration_options(person, session))
    passkeys.add(person, session, answer, "Phone", request=None)
    passkeys.registration_options(person, session)

    with pytest.raises(ValidationFailed) as refused:
        passkeys.add(person, session, answer, "Phone again", request=None)

    assert code_of(refused) == ErrorCode.PASSKEY_REFUSED  # signed over the old challenge
    assert Passkey.objects.count() == 1


def test_an_answer_from_another_site_is_refused(person: User) -> None:
    device = authenticator()
    session: dict[str, Any] = {}
    device.origin = "https://praxis.example.evil"
    options = passkeys.registration_options(person, session)

    with pytest.raises(ValidationFailed) as refused:
        passkeys.add(person, session, device.create(options), "Phone", request=None)

    assert code_of(refused) == ErrorCode.PASSKEY_REFUSED
    assert not Passkey.objects.exists() and not RecoveryCode.objects.exists()


@pytest.mark.parametrize(
    ("answer", "code"),
    [
        ("", ErrorCode.MALFORMED_BODY),
        ("{not json", ErrorCode.MALFORMED_BODY),
        ("[1, 2]", ErrorCode.MALFORMED_BODY),
        ('{"id": 5}', ErrorCode.MALFORMED_BODY),
        ('{"id": "abc", "rawId": "abc", "response": {}}', ErrorCode.PASSKEY_REFUSED),
        ('{"id": "' + "a" * 70_000 + '"}', ErrorCode.PAYLOAD_TOO_LARGE),
    ],
)
def test_malformed_or_huge_registration_answers_are_refused(
    person: User, answer: str, code: ErrorCode
) -> None:
    session: dict[str, Any] = {}
    passkeys.registration_options(person, session)

    with pytest.raises(PraxisError) as refused:
        passkeys.add(person, session, answer, "Phone", request=None)

    assert code_of(refused) == code
    assert not Passkey.objects.exists()
    assert passkeys.CHALLENGE_SESSION_KEY not in session  # the challenge is spent


def test_a_huge_answer_is_refused_as_too_large(person: User) -> None:
    session: dict[str, Any] = {}
    passkeys.registration_options(person, session)
    with pytest.raises(PayloadTooLarge):
        passkeys.add(person, session, "x" * (passkeys.MAX_RESPONSE_LENGTH + 1), "a", request=None)


def test_the_page_shows_a_refusal_with_its_code(person_client: Client, person: User) -> None:
    person_client.post(reverse("accounts:passkey_register_options"))

    page = person_client.post(
        reverse("accounts:passkey_add"), {"name": "Phone", "credential": "{broken"}
    )

    assert page.status_code == 400
    assert "not valid JSON" in page.content.decode()
    assert "<code>malformed_body</code>" in page.content.decode()
    assert not Passkey.objects.exists()


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_a_missing_or_overlong_name_is_shown_on_the_field_and_nothing_is_added(
    person_client: Client, name: str
) -> None:
    device = authenticator()
    options = person_client.post(reverse("accounts:passkey_register_options")).content.decode()

    page = person_client.post(
        reverse("accounts:passkey_add"), {"name": name, "credential": device.create(options)}
    )

    text = page.content.decode()
    assert page.status_code == 400
    assert 'class="error-summary"' in text and 'href="#id_name"' in text
    assert 'aria-invalid="true"' in text
    assert not Passkey.objects.exists()


def test_adding_another_factor_needs_the_current_one_proven_first(db: None) -> None:
    person = UserFactory.create()
    added(person)
    client = Client()
    client.force_login(person)  # a session that never proved the second factor

    options = client.post(reverse("accounts:passkey_register_options"))
    adding = client.post(reverse("accounts:passkey_add"), {"name": "x", "credential": "{}"})

    assert options.status_code == 403
    assert options.json()["error"]["code"] == "second_factor_required"
    assert adding.status_code == 302
    assert adding["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert Passkey.objects.count() == 1


# Using


def test_a_passkey_proves_the_second_factor_after_the_password(
    client: Client, person: User
) -> None:
    device = added(person)
    step = client.post(
        reverse("accounts:login"),
        {"email": person.email, "password": DEFAULT_PASSWORD, "next": "/courses/"},
    )
    assert step["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert "Use a passkey" in client.get(step["Location"]).content.decode()

    options = client.post(reverse("accounts:passkey_sign_in_options"), {"purpose": "second_factor"})
    done = client.post(
        reverse("accounts:passkey_sign_in"),
        {
            "purpose": "second_factor",
            "credential": device.get(options.content.decode()),
            "next": "/courses/",
        },
    )

    assert done.status_code == 302 and done["Location"] == "/courses/"
    assert client.get(reverse("accounts:profile")).status_code == 200
    passkey = Passkey.objects.get()
    assert passkey.sign_count == 1 and passkey.last_used_at is not None
    assert SecurityEvent.objects.filter(person=person, kind="passkey_used").exists()


def test_a_passkey_signs_in_alone_when_the_device_verified_the_person(client: Client) -> None:
    person = UserFactory.create()
    device = added(person)

    options = client.post(reverse("accounts:passkey_sign_in_options"), {"purpose": "sign_in"})
    assert "allowCredentials" not in options.json() or not options.json()["allowCredentials"]
    done = client.post(
        reverse("accounts:passkey_sign_in"),
        {"purpose": "sign_in", "credential": device.get(options.content.decode())},
    )

    assert done.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert SecurityEvent.objects.filter(person=person, kind="login").exists()


def test_signing_in_alone_needs_user_verification(client: Client) -> None:
    device = added(UserFactory.create())
    options = client.post(reverse("accounts:passkey_sign_in_options"), {"purpose": "sign_in"})

    page = client.post(
        reverse("accounts:passkey_sign_in"),
        {"purpose": "sign_in", "credential": device.get(options.content.decode(), verified=False)},
    )

    assert page.status_code == 400
    assert "<code>passkey_refused</code>" in page.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302


def test_staff_satisfy_the_two_factor_rule_with_a_passkey(client: Client) -> None:
    staff = StaffFactory.create()
    device = added(staff)
    step = client.post(
        reverse("accounts:login"),
        {"email": staff.email, "password": DEFAULT_PASSWORD, "next": "/admin/"},
    )
    assert client.get("/admin/").status_code == 302

    options = client.post(reverse("accounts:passkey_sign_in_options"), {"purpose": "second_factor"})
    client.post(
        reverse("accounts:passkey_sign_in"),
        {"purpose": "second_factor", "credential": device.get(options.content.decode())},
    )

    assert step.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_a_replayed_answer_is_refused(person: User) -> None:
    device = added(person)
    session: dict[str, Any] = {}
    answer = device.get(passkeys.authentication_options(session, person))
    passkeys.authenticate(session, answer, user=person, request=None)

    with pytest.raises(ValidationFailed) as without_challenge:
        passkeys.authenticate(session, answer, user=person, request=None)
    passkeys.authentication_options(session, person)
    with pytest.raises(ValidationFailed) as with_new_challenge:
        passkeys.authenticate(session, answer, user=person, request=None)

    assert code_of(without_challenge) == ErrorCode.PASSKEY_CHALLENGE_INVALID
    assert code_of(with_new_challenge) == ErrorCode.PASSKEY_REFUSED
    assert Passkey.objects.get().sign_count == 1


def test_a_tampered_challenge_is_refused(person: User) -> None:
    device = added(person)

    with pytest.raises(ValidationFailed) as refused:
        second_factor(person, device, challenge="dGFtcGVyZWQ")

    assert code_of(refused) == ErrorCode.PASSKEY_REFUSED
    assert Passkey.objects.get().last_used_at is None
    assert SecurityEvent.objects.filter(person=person, kind="passkey_failed").exists()


def test_an_expired_challenge_is_refused(person: User) -> None:
    device = added(person)
    session: dict[str, Any] = {}
    options = passkeys.authentication_options(session, person)
    session[passkeys.CHALLENGE_SESSION_KEY]["at"] -= passkeys.CHALLENGE_MAX_AGE + 1

    with pytest.raises(ValidationFailed) as refused:
        passkeys.authenticate(session, device.get(options), user=person, request=None)

    assert code_of(refused) == ErrorCode.PASSKEY_CHALLENGE_INVALID


def test_a_challenge_made_for_someone_else_is_refused(person: User) -> None:
    other = UserFactory.create()
    device = added(person)
    session: dict[str, Any] = {}
    options = passkeys.authentication_options(session, other)

    with pytest.raises(ValidationFailed) as refused:
        passkeys.authenticate(session, device.get(options), user=person, request=None)

    assert code_of(refused) == ErrorCode.PASSKEY_CHALLENGE_INVALID


def test_another_persons_passkey_does_not_prove_my_second_factor(person: User) -> None:
    added(person)
    others = added(UserFactory.create())
    session: dict[str, Any] = {}
    options = passkeys.authentication_options(session, person)

    with pytest.raises(ValidationFailed) as refused:
        passkeys.authenticate(session, others.get(options), user=person, request=None)

    assert code_of(refused) == ErrorCode.PASSKEY_UNKNOWN


def test_an_answer_naming_another_user_handle_is_refused(db: None) -> None:
    device = added(UserFactory.create())
    device.user_handle = UserFactory.create().uuid.bytes
    session: dict[str, Any] = {}
    options = passkeys.authentication_options(session, None)

    with pytest.raises(ValidationFailed) as refused:
        passkeys.authenticate(session, device.get(options), user=None, request=None)

    assert code_of(refused) == ErrorCode.PASSKEY_UNKNOWN


def test_signing_in_with_garbage_shows_the_login_page_with_the_code(client: Client) -> None:
    client.post(reverse("accounts:passkey_sign_in_options"), {"purpose": "sign_in"})

    page = client.post(
        reverse("accounts:passkey_sign_in"),
        {"purpose": "sign_in", "credential": json.dumps({"id": "AAAA", "response": []})},
    )

    assert page.status_code == 400
    assert "passkey_refused" in page.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302


# Removing


def test_removing_the_last_passkey_turns_two_factor_off(
    person_client: Client, person: User
) -> None:
    added(person)
    passkey = Passkey.objects.get()

    response = person_client.post(reverse("accounts:passkey_remove", args=[passkey.pk]))

    assert response.status_code == 302
    assert not two_factor.has_two_factor(person)
    assert not RecoveryCode.objects.filter(person=person).exists()
    assert SecurityEvent.objects.filter(person=person, kind="passkey_removed").exists()


def test_nobody_removes_someone_elses_passkey(person: User) -> None:
    other = UserFactory.create()
    added(other)

    with pytest.raises(NotFound):
        passkeys.remove(person, Passkey.objects.get().pk)

    assert Passkey.objects.filter(person=other).exists()


def test_staff_keep_their_last_second_factor(db: None) -> None:
    staff = StaffFactory.create()
    added(staff)

    with pytest.raises(PermissionDenied) as refused:
        passkeys.remove(staff, Passkey.objects.get().pk)

    assert code_of(refused) == ErrorCode.SECOND_FACTOR_REQUIRED
    assert Passkey.objects.filter(person=staff).exists()


def test_refused_sign_ins_are_limited_per_address_not_against_the_owner(person: User) -> None:
    device = added(person)
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    for _attempt in range(passkeys.SIGN_IN_LIMIT.limit):
        session: dict[str, Any] = {}
        options = passkeys.authentication_options(session, None)
        answer = device.get(options, challenge="dGFtcGVyZWQ")
        with pytest.raises(ValidationFailed):
            passkeys.authenticate(session, answer, user=None, request=request)

    session = {}
    options = passkeys.authentication_options(session, None)
    with pytest.raises(RateLimited):
        passkeys.authenticate(session, device.get(options), user=None, request=request)
    # The owner still proves their second factor with it.
    assert second_factor(person, device) == person


def test_a_passkey_added_within_the_last_minute_reads_added_just_now(
    person_client: Client, person: User
) -> None:
    added(person, "Work laptop")
    Passkey.objects.update(last_used_at=timezone.now())

    page = person_client.get(reverse("accounts:two_factor")).text

    assert "Work laptop</span> · added just now · used just now" in page
    assert "0\xa0minutes" not in page
