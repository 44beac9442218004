"""Exports and erasures are security events: on the person's own log while the account lives,
and, once erased, as an entry that names no one."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from praxis.accounts.lifecycle import erasure
from praxis.accounts.lifecycle.requests import request_export
from praxis.accounts.models import AccountErasure, SecurityEvent, SecurityEventKind
from praxis.accounts.tests.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _kinds(person_id: int) -> list[str]:
    return list(
        SecurityEvent.objects.filter(person_id=person_id)
        .order_by("pk")
        .values_list("kind", flat=True)
    )


def test_asking_for_the_archive_and_for_deletion_shows_on_the_persons_activity(
    client: Client,
) -> None:
    person = UserFactory.create()
    request_export(person)
    erasure.request_erasure(person, password=DEFAULT_PASSWORD, keep_posts=False)
    erasure.cancel_erasure(person)

    assert _kinds(person.pk) == [
        SecurityEventKind.DATA_EXPORTED,
        SecurityEventKind.ERASURE_REQUESTED,
        SecurityEventKind.ERASURE_CANCELLED,
    ]
    client.force_login(person)
    page = client.get(reverse("accounts:activity")).content.decode()
    assert "Personal data exported" in page and "Account deletion cancelled" in page


def test_an_erased_account_leaves_one_entry_that_names_only_the_admin_who_acted() -> None:
    person = UserFactory.create()
    admin = StaffFactory.create(is_superuser=True)
    erasure.request_erasure(person, password=DEFAULT_PASSWORD, keep_posts=False)
    record = erasure.erase_as_admin(admin, person, "Court order")

    assert not SecurityEvent.objects.filter(person_id=person.pk).exists()
    erased = SecurityEvent.objects.get(kind=SecurityEventKind.ACCOUNT_ERASED)
    assert erased.person is None and erased.by == admin
    assert erased.details == {"erasure": record.pk, "by_admin": True, "reason": "Court order"}
    assert (record.erased_by, record.reason) == (admin, "Court order")


def test_an_erasure_the_person_asked_for_names_no_one() -> None:
    person = UserFactory.create()
    asked = erasure.request_erasure(person, password=DEFAULT_PASSWORD, keep_posts=False)
    AccountErasure.objects.filter(pk=asked.pk).update(erase_after=timezone.now())

    assert erasure.erase(asked.pk) is True

    erased = SecurityEvent.objects.get(kind=SecurityEventKind.ACCOUNT_ERASED)
    assert erased.person is None and erased.by is None
    assert erased.details == {"erasure": asked.pk, "by_admin": False}
    asked.refresh_from_db()
    assert (asked.erased_by, asked.reason, asked.user) == (None, "", None)


def test_an_admin_erased_in_turn_is_forgotten_by_the_records_of_their_erasures() -> None:
    admin = StaffFactory.create(is_superuser=True)
    record = erasure.erase_as_admin(admin, UserFactory.create(), "Duplicate account")
    other_admin = StaffFactory.create(is_superuser=True)

    erasure.erase_as_admin(other_admin, admin, "Left the organisation")

    record.refresh_from_db()
    assert (record.erased_by, record.reason) == (None, "Duplicate account")
    first = SecurityEvent.objects.get(details__erasure=record.pk)
    assert first.by is None
