"""The audit log of security events: recorded by the services, shown to the person and to
platform admins, read-only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts import services
from praxis.accounts.models import SecurityEvent, SecurityEventKind, User
from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def test_record_keeps_short_details_and_who_did_it(person: User) -> None:
    admin = UserFactory.create(is_staff=True, is_superuser=True)

    event = services.record(
        person, SecurityEventKind.DATA_EXPORTED, by=admin, archive="x" * 500, files=3
    )

    event.refresh_from_db()
    assert event.by == admin
    assert event.details == {"archive": "x" * 200, "files": 3}


def test_record_refuses_an_unknown_kind(person: User) -> None:
    with pytest.raises(ValueError, match="made_up"):
        services.record(person, "made_up")  # type: ignore[arg-type]  # an undeclared kind is the point


def test_failed_logins_of_an_account_are_recorded_with_the_address(
    client: Client, person: User
) -> None:
    client.post(
        reverse("accounts:login"),
        {"email": person.email, "password": "wrong"},
        REMOTE_ADDR="203.0.113.9",
    )

    event = SecurityEvent.objects.get(person=person)
    assert event.kind == "login_failed"
    assert event.client_address == "203.0.113.9"


def test_failed_logins_for_unknown_addresses_record_nothing(client: Client) -> None:
    client.post(reverse("accounts:login"), {"email": "nobody@example.org", "password": "x"})

    assert not SecurityEvent.objects.exists()


def test_token_creation_and_revocation_are_recorded(person: User) -> None:
    token, _plaintext = services.create_api_token(person, "sync")
    services.revoke_api_token(person, token.pk)

    kinds = list(SecurityEvent.objects.filter(person=person).values_list("kind", flat=True))
    assert sorted(kinds) == ["token_created", "token_revoked"]


def test_the_person_sees_their_own_events_only(person_client: Client, person: User) -> None:
    other = UserFactory.create(email="other@example.org")
    services.record(person, SecurityEventKind.PASSWORD_CHANGED)
    services.record(other, SecurityEventKind.TWO_FACTOR_ENABLED)

    page = person_client.get(reverse("accounts:activity")).content.decode()

    assert "Password changed" in page
    assert "Two-factor authentication turned on" not in page


def test_the_activity_column_is_not_named_as_a_meeting_in_russian(
    person_client: Client, person: User
) -> None:
    services.record(person, SecurityEventKind.PASSWORD_CHANGED)

    page = person_client.get(reverse("accounts:activity"), HTTP_ACCEPT_LANGUAGE="ru")

    # "Мероприятие" is an event one attends, as on a credential, not something that happened.
    assert "Мероприятие" not in page.content.decode()


def test_api_lists_the_callers_events(person_api_client: SchemaCheckedClient, person: User) -> None:
    services.record(person, SecurityEventKind.EMAIL_CHANGED)
    services.record(UserFactory.create(), SecurityEventKind.LOGIN)

    events = person_api_client.get("/api/v1/me/security-events").json()

    assert [(e["kind"], e["label"]) for e in events] == [
        ("email_changed", "E-mail address changed")
    ]


def test_role_changes_in_the_admin_are_recorded_with_the_admin(
    client: Client, person: User
) -> None:
    admin = UserFactory.create(email="root@example.org", is_staff=True, is_superuser=True)
    client.force_login(admin)
    form = client.get(reverse("admin:accounts_user_change", args=[person.pk]))
    assert form.status_code == 200
    data = {
        "email": person.email,
        "full_name": person.full_name,
        "preferred_language": "en",
        "is_active": "on",
        "is_staff": "on",
        "languages": ["en"],
        "created_at_0": "2026-01-01",
        "created_at_1": "00:00:00",
    }

    response = client.post(reverse("admin:accounts_user_change", args=[person.pk]), data)

    assert response.status_code == 302
    event = SecurityEvent.objects.get(person=person, kind="role_changed")
    assert event.by == admin
    assert event.details == {"is_staff": True, "is_superuser": False}


def test_admins_read_the_log_but_cannot_change_it(client: Client, person: User) -> None:
    event = services.record(person, SecurityEventKind.LOGIN)
    admin = UserFactory.create(is_staff=True, is_superuser=True)
    client.force_login(admin)

    listing = client.get(reverse("admin:accounts_securityevent_changelist"))
    detail = client.get(reverse("admin:accounts_securityevent_change", args=[event.pk]))
    deleted = client.post(reverse("admin:accounts_securityevent_delete", args=[event.pk]))

    assert listing.status_code == 200 and person.full_name in listing.content.decode()
    assert detail.status_code == 200 and 'name="kind"' not in detail.content.decode()
    assert deleted.status_code == 403
    assert SecurityEvent.objects.filter(pk=event.pk).exists()


def test_academy_staff_do_not_see_the_log(client: Client) -> None:
    client.force_login(UserFactory.create(is_staff=True))

    assert client.get(reverse("admin:accounts_securityevent_changelist")).status_code == 403


def test_a_wrong_current_password_on_password_change_is_not_a_login_event(person: User) -> None:
    with pytest.raises(ValidationFailed):
        services.change_password(person, "wrong", "clinic-orchard-77-kettle")

    assert not SecurityEvent.objects.filter(person=person, kind="password_changed").exists()
