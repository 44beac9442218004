"""Two-factor authentication: setting it up, logging in with it, recovery codes, and the rule
that staff and platform admins must use it."""

from __future__ import annotations

import importlib
import re
import time
from typing import TYPE_CHECKING

import pytest
from django.apps import apps as django_apps
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from praxis.accounts.models import RecoveryCode, SecurityEvent, User
from praxis.accounts.services import two_factor
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied, RateLimited, ValidationFailed

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def code_of(device: TOTPDevice, offset: int = 0) -> str:
    """The device's code now, or `offset` steps later (a code is accepted once per step)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits)
    totp.time = time.time() + offset * device.step
    return f"{totp.token():06d}"


def turned_on(user: User) -> tuple[TOTPDevice, list[str]]:
    device = two_factor.begin_setup(user)
    codes = two_factor.confirm_setup(user, code_of(device))
    device.refresh_from_db()
    return device, codes


def log_in(
    client: Client, email: str, password: str = DEFAULT_PASSWORD, next_url: str = ""
) -> Response:
    data = {"email": email, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("accounts:login"), data)


def test_setup_page_shows_a_qr_code_and_the_key_in_text(
    person_client: Client, person: User
) -> None:
    page = person_client.get(reverse("accounts:two_factor_setup")).content.decode()

    device = TOTPDevice.objects.get(user=person)
    assert not device.confirmed
    assert "<svg" in page
    assert two_factor.secret_of(device) in page
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org", ""
    )


def test_the_right_code_turns_it_on_and_shows_recovery_codes_once(
    person_client: Client, person: User
) -> None:
    person_client.get(reverse("accounts:two_factor_setup"))
    device = TOTPDevice.objects.get(user=person)

    response = person_client.post(reverse("accounts:two_factor_setup"), {"code": code_of(device)})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Two-factor authentication is on." in page
    assert len(re.findall(r"<li><code>[a-z2-7]{8}</code></li>", page)) == 10
    assert two_factor.has_two_factor(person)
    assert SecurityEvent.objects.filter(person=person, kind="two_factor_enabled").exists()


@pytest.mark.parametrize("code", ["", "000000x", "12345", "9" * 41, "abcdefgh"])
def test_a_wrong_setup_code_is_refused(person_client: Client, person: User, code: str) -> None:
    person_client.get(reverse("accounts:two_factor_setup"))

    response = person_client.post(reverse("accounts:two_factor_setup"), {"code": code})

    assert response.status_code == 400
    assert not two_factor.has_two_factor(person)


def test_confirming_without_a_setup_begun_is_a_conflict(person: User) -> None:
    with pytest.raises(Conflict) as refused:
        two_factor.confirm_setup(person, "123456")

    assert refused.value.code == ErrorCode.NO_TWO_FACTOR_SETUP


def test_login_asks_for_the_code_before_the_session_is_the_persons(
    client: Client, person: User
) -> None:
    device, _codes = turned_on(person)

    response = log_in(client, person.email, next_url="/courses/")

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor_verify"))
    assert client.get(reverse("accounts:profile")).status_code == 302  # not logged in yet
    device.refresh_from_db()
    verified = client.post(response["Location"], {"code": code_of(device, 1), "next": "/courses/"})
    assert verified.status_code == 302
    assert verified["Location"] == "/courses/"
    assert client.get(reverse("accounts:profile")).status_code == 200
    assert SecurityEvent.objects.filter(person=person, kind="login").exists()


def test_the_code_page_speaks_the_persons_language(client: Client, person: User) -> None:
    turned_on(person)
    person.preferred_language = "fr"
    person.save(update_fields=["preferred_language"])
    log_in(client, person.email)
    page = client.get(reverse("accounts:two_factor_verify"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="fr"' in page.content.decode()


def test_a_wrong_login_code_is_refused_and_recorded(client: Client, person: User) -> None:
    turned_on(person)
    log_in(client, person.email)

    response = client.post(reverse("accounts:two_factor_verify"), {"code": "000000"})

    assert response.status_code == 400
    assert "This code is not right" in response.content.decode()
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert SecurityEvent.objects.filter(person=person, kind="second_factor_failed").exists()


def test_the_code_page_without_a_password_first_sends_to_login(
    client: Client, person: User
) -> None:
    turned_on(person)

    response = client.post(reverse("accounts:two_factor_verify"), {"code": "123456"})

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login")


def test_a_recovery_code_works_once(client: Client, person: User) -> None:
    _device, codes = turned_on(person)
    log_in(client, person.email)

    first = client.post(reverse("accounts:two_factor_verify"), {"code": codes[0].upper()})
    assert first.status_code == 302
    other = Client()
    log_in(other, person.email)
    again = other.post(reverse("accounts:two_factor_verify"), {"code": codes[0]})
    assert again.status_code == 400
    assert two_factor.recovery_codes_left(person) == 9


def test_the_page_urges_new_recovery_codes_when_they_run_out(
    person_client: Client, person: User
) -> None:
    turned_on(person)
    page = person_client.get(reverse("accounts:two_factor")).content.decode()
    assert "10 recovery codes left." in page
    assert "running out" not in page and "no recovery codes left" not in page
    RecoveryCode.objects.filter(person=person).delete()  # every one used
    page = person_client.get(reverse("accounts:two_factor")).content.decode()
    assert "0 recovery codes left." in page
    assert "You have no recovery codes left" in page


def test_wrong_codes_are_limited(person: User) -> None:
    turned_on(person)
    for _ in range(5):
        with pytest.raises(ValidationFailed):
            two_factor.check_code(person, "abcdefgh")

    with pytest.raises(RateLimited):
        two_factor.check_code(person, "abcdefgh")


def test_turning_off_needs_the_password(person_client: Client, person: User) -> None:
    turned_on(person)

    wrong = person_client.post(reverse("accounts:two_factor_off"), {"password": "nope"})
    assert two_factor.has_two_factor(person)
    right = person_client.post(reverse("accounts:two_factor_off"), {"password": DEFAULT_PASSWORD})

    assert wrong.status_code == right.status_code == 302
    assert not two_factor.has_two_factor(person)
    assert SecurityEvent.objects.filter(person=person, kind="two_factor_disabled").count() == 1
    activity = person_client.get(reverse("accounts:activity")).content.decode()
    assert "Two-factor authentication turned off" in activity


def test_staff_cannot_turn_it_off(db: None) -> None:
    staff = StaffFactory.create()
    turned_on(staff)

    with pytest.raises(PermissionDenied) as refused:
        two_factor.turn_off(staff, DEFAULT_PASSWORD)

    assert refused.value.code == ErrorCode.SECOND_FACTOR_REQUIRED
    assert two_factor.has_two_factor(staff)


def test_new_recovery_codes_replace_the_old(person_client: Client, person: User) -> None:
    _device, old = turned_on(person)

    page = person_client.post(reverse("accounts:recovery_codes_renew")).content.decode()

    new = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", page)
    assert len(new) == 10
    with pytest.raises(ValidationFailed):
        two_factor.check_code(person, old[0])


def test_renewing_codes_without_two_factor_is_refused(person_client: Client, person: User) -> None:
    response = person_client.post(reverse("accounts:recovery_codes_renew"), follow=True)

    assert "Turn two-factor authentication on first" in response.content.decode()


def test_staff_without_an_app_are_sent_to_set_one_up_before_anything_else(db: None) -> None:
    staff = StaffFactory.create(email="curator@example.org")
    client = Client()

    response = log_in(client, staff.email, next_url="/admin/")
    assert response.status_code == 302
    elsewhere = client.get("/courses/")
    assert elsewhere.status_code == 302
    assert elsewhere["Location"].startswith(reverse("accounts:two_factor_verify"))
    setup = client.get(elsewhere["Location"])
    assert setup["Location"].startswith(reverse("accounts:two_factor_setup"))
    assert client.get("/admin/").status_code == 302

    client.get(setup["Location"])
    device = TOTPDevice.objects.get(user=staff)
    client.post(reverse("accounts:two_factor_setup"), {"code": code_of(device)})
    assert client.get("/admin/").status_code == 200


def test_staff_logging_in_with_their_app_reach_the_admin(db: None) -> None:
    staff = StaffFactory.create(email="curator@example.org")
    device, _codes = turned_on(staff)
    client = Client()

    step = log_in(client, staff.email, next_url="/admin/")
    device.refresh_from_db()
    done = client.post(step["Location"], {"code": code_of(device, offset=1), "next": "/admin/"})

    assert done["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_staff_session_without_the_second_factor_is_refused_by_the_api(db: None) -> None:
    staff = StaffFactory.create()
    client = Client()  # Django's own: a session that skipped the second factor
    client.force_login(staff)

    response = client.get("/api/v1/me")

    assert response.status_code == 403
    assert response.json()["error"]["code"] == "second_factor_required"


def test_the_admin_login_page_leads_to_the_sites_login(client: Client) -> None:
    response = client.get("/admin/login/?next=/admin/")

    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:login") + "?next=/admin/"


def test_a_learner_without_two_factor_logs_in_with_the_password_alone(client: Client) -> None:
    learner = UserFactory.create(email="learner@example.org")

    response = log_in(client, learner.email)

    assert response.status_code == 302
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_recovery_codes_are_stored_only_as_digests(person: User) -> None:
    _device, codes = turned_on(person)

    stored = list(RecoveryCode.objects.filter(person=person).values_list("digest", flat=True))
    assert len(stored) == 10
    for code in codes:
        assert code not in stored
        assert all(code not in digest for digest in stored)
    # Nothing else in the database keeps them either (the former plain-text table is empty).
    assert not StaticToken.objects.exists()


def test_a_used_or_unknown_recovery_code_is_refused_with_a_stable_code(person: User) -> None:
    _device, codes = turned_on(person)
    two_factor.check_code(person, codes[3])

    for code in (codes[3], "zzzzzzzz", "abc", "a" * 8 + " "):
        with pytest.raises(ValidationFailed) as refused:
            two_factor.check_code(person, code)
        assert refused.value.code == ErrorCode.INVALID_SECOND_FACTOR_CODE
    assert two_factor.recovery_codes_left(person) == 9


def test_another_persons_recovery_code_is_refused(person: User) -> None:
    other = UserFactory.create()
    _device, others_codes = turned_on(other)
    turned_on(person)

    with pytest.raises(ValidationFailed):
        two_factor.check_code(person, others_codes[0])
    assert two_factor.recovery_codes_left(other) == 10


def test_plain_text_recovery_codes_are_hashed_by_the_migration(person: User) -> None:
    device = StaticDevice.objects.create(user=person, name="recovery", confirmed=True)
    StaticToken.objects.create(device=device, token="abcd2345")
    migration = importlib.import_module(
        "praxis.accounts.migrations.0006_recovery_codes_from_plaintext"
    )

    migration.hash_codes(django_apps, None)

    assert not StaticToken.objects.exists() and not StaticDevice.objects.exists()
    assert "abcd2345" not in list(RecoveryCode.objects.values_list("digest", flat=True))
    two_factor.check_code(person, "ABCD-2345")
    assert two_factor.recovery_codes_left(person) == 0
