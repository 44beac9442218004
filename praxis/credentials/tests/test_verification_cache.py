"""The signature's verdict is remembered per content and key; status and dates never are."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import StaffFactory
from praxis.credentials import keys, proofs, verification
from praxis.credentials.models import Credential, SigningKey
from praxis.credentials.services import revoke_credential, suspend_credential

pytestmark = pytest.mark.django_db


@pytest.fixture
def proofs_checked(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times a proof was checked cryptographically."""
    calls: list[int] = []
    real = proofs.verify_proof

    def counted(*args: Any) -> bool:
        calls.append(1)
        return real(*args)

    monkeypatch.setattr(verification, "verify_proof", counted)
    return calls


def test_second_view_of_a_credential_does_not_check_the_signature_again(
    client: Client, issued: Credential, proofs_checked: list[int]
) -> None:
    first = client.get(f"/credentials/{issued.uuid}").content.decode()
    second = client.get(f"/credentials/{issued.uuid}").content.decode()
    assert 'data-status="valid"' in first and 'data-status="valid"' in second
    assert len(proofs_checked) == 1


def test_a_revoked_credential_shows_revoked_at_once(
    client: Client, issued: Credential, proofs_checked: list[int]
) -> None:
    assert 'data-status="valid"' in client.get(f"/credentials/{issued.uuid}").content.decode()
    revoke_credential(issued, by=StaffFactory.create(), reason="Issued in error")
    page = client.get(f"/credentials/{issued.uuid}").content.decode()
    assert 'data-status="revoked"' in page and "Issued in error" in page


def test_a_suspended_credential_shows_suspended_at_once(issued: Credential) -> None:
    assert verification.verify(issued.document).status == verification.VALID
    suspend_credential(issued, by=StaffFactory.create(), reason="Under review")
    assert verification.verify(issued.document).status == verification.SUSPENDED


def test_a_changed_copy_is_not_given_the_verdict_of_the_original(issued: Credential) -> None:
    assert verification.verify(issued.document).status == verification.VALID
    changed = copy.deepcopy(issued.document)
    changed["credentialSubject"]["achievement"]["name"] = "Brain surgery"
    assert verification.verify(changed).status == verification.TAMPERED
    assert verification.verify(issued.document).status == verification.VALID


def test_a_changed_key_is_checked_afresh(issued: Credential, proofs_checked: list[int]) -> None:
    assert verification.verify(issued.document).status == verification.VALID
    other_public, _private = keys.new_key_pair()
    SigningKey.objects.filter(pk=issued.signing_key_id).update(public_key=other_public)
    assert verification.verify(issued.document).status == verification.TAMPERED
    assert len(proofs_checked) == 2


def test_key_order_does_not_make_a_second_entry(
    issued: Credential, proofs_checked: list[int]
) -> None:
    reordered = dict(reversed(list(issued.document.items())))
    assert verification.verify(issued.document).status == verification.VALID
    assert verification.verify(reordered).status == verification.VALID
    assert len(proofs_checked) == 1


def test_credential_page_takes_a_fixed_number_of_queries(
    client: Client, issued: Credential, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.get(f"/credentials/{issued.uuid}")
    # A visitor's second view: the credential's row (its status read afresh), the page kept.
    with django_assert_num_queries(1):
        assert client.get(f"/credentials/{issued.uuid}").status_code == 200
