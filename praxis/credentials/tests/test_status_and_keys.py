from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.test import Client
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.core.errors import Conflict, NotAuthenticated, PermissionDenied, ValidationFailed
from praxis.credentials import statuslist
from praxis.credentials.models import Credential, SigningKey
from praxis.credentials.multibase import ed25519_multikey
from praxis.credentials.services import revoke_credential, suspend_credential
from praxis.credentials.verification import verify

pytestmark = pytest.mark.django_db


def test_did_document_lists_current_and_retired_keys(client: Client) -> None:
    call_command("credentials_generate_key", stdout=io.StringIO())
    call_command("credentials_rotate_key", stdout=io.StringIO())
    document = client.get("/.well-known/did.json").json()
    assert document["id"] == "did:web:127.0.0.1%3A8000"
    keys = SigningKey.objects.order_by("created_at")
    assert [m["id"].split("#")[1] for m in document["verificationMethod"]] == [
        key.key_id for key in keys
    ]
    assert document["verificationMethod"][0]["publicKeyMultibase"] == ed25519_multikey(
        bytes(keys[0].public_key)
    )
    assert document["assertionMethod"] == [m["id"] for m in document["verificationMethod"]]


def test_generate_key_twice_keeps_one_active_key() -> None:
    call_command("credentials_generate_key", stdout=io.StringIO())
    call_command("credentials_generate_key", stdout=io.StringIO())
    assert SigningKey.objects.filter(retired_at__isnull=True).count() == 1


def test_private_keys_are_not_stored_in_clear(issued: Credential) -> None:
    key = SigningKey.objects.get()
    assert len(bytes(key.encrypted_private_key)) > 64


def test_published_status_list_sets_the_bit_of_a_revoked_credential(
    client: Client,
    issued: Credential,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    url = issued.document["credentialStatus"]["statusListCredential"]
    path = url.removeprefix("http://127.0.0.1:8000")
    before = client.get(path).json()
    encoded = before["credentialSubject"]["encodedList"]
    assert statuslist.value_at(encoded, issued.status_index, 2) == 0
    with django_capture_on_commit_callbacks(execute=True):
        suspend_credential(issued, by=StaffFactory.create(), reason="Under review")
    suspended = client.get(path).json()["credentialSubject"]["encodedList"]
    assert statuslist.value_at(suspended, issued.status_index, 2) == 2  # "suspended"
    with django_capture_on_commit_callbacks(execute=True):
        revoke_credential(issued, by=StaffFactory.create(), reason="Fraud")
    after = client.get(path).json()
    assert after["credentialSubject"]["statusPurpose"] == "message"
    assert (
        statuslist.value_at(after["credentialSubject"]["encodedList"], issued.status_index, 2) == 1
    )
    assert verify(after).status == "valid"  # the list itself is a signed credential


def test_lists_named_by_earlier_credentials_are_still_published(
    client: Client,
    issued: Credential,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        revoke_credential(issued, by=StaffFactory.create(), reason="Fraud")
    revocation = client.get("/credentials/status/revocation").json()["credentialSubject"]
    suspension = client.get("/credentials/status/suspension").json()["credentialSubject"]
    assert statuslist.is_set(revocation["encodedList"], issued.status_index)
    assert not statuslist.is_set(suspension["encodedList"], issued.status_index)


def test_unknown_status_purpose_is_not_found(client: Client) -> None:
    assert client.get("/credentials/status/whatever").status_code == 404


def test_learner_cannot_revoke(issued: Credential) -> None:
    with pytest.raises(PermissionDenied):
        revoke_credential(issued, by=UserFactory.create(), reason="Mine")


def test_anonymous_cannot_suspend(issued: Credential) -> None:
    with pytest.raises(NotAuthenticated):
        suspend_credential(issued, by=AnonymousUser(), reason="x")  # type: ignore[arg-type]  # anonymous on purpose


def test_revoking_needs_a_reason(issued: Credential) -> None:
    with pytest.raises(ValidationFailed):
        revoke_credential(issued, by=StaffFactory.create(), reason="  ")
    issued.refresh_from_db()
    assert issued.revoked_at is None


def test_revoking_twice_is_a_conflict(issued: Credential) -> None:
    staff = StaffFactory.create()
    revoke_credential(issued, by=staff, reason="Fraud")
    with pytest.raises(Conflict):
        revoke_credential(issued, by=staff, reason="Fraud")
