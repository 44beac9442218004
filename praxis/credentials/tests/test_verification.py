from __future__ import annotations

import copy
from datetime import timedelta
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory
from praxis.credentials import keys
from praxis.credentials.documents import credential_document, status_list_url
from praxis.credentials.models import Credential
from praxis.credentials.proofs import add_proof
from praxis.credentials.services import (
    issue_credential,
    reinstate_credential,
    revoke_credential,
    rotate_signing_key,
    suspend_credential,
)
from praxis.credentials.tests.conftest import MakeAchievement
from praxis.credentials.verification import verify

pytestmark = pytest.mark.django_db


def test_untouched_credential_is_valid(issued: Credential) -> None:
    result = verify(issued.document)
    assert result.status == "valid"
    assert result.summary["learner"] == "Amina Yusuf"


def test_changed_name_is_detected_as_tampering(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    result = verify(document)
    assert result.status == "tampered"
    assert "changed" in str(result.reason)


def test_changed_signature_byte_is_detected(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    value = document["proof"][0]["proofValue"]
    document["proof"][0]["proofValue"] = (
        value[:-3] + ("A" if value[-3] != "A" else "B") + value[-2:]
    )
    assert verify(document).status == "tampered"


def test_credential_without_proof_is_not_genuine(issued: Credential) -> None:
    document = {k: v for k, v in issued.document.items() if k != "proof"}
    assert verify(document).status == "tampered"


def test_signature_by_a_key_the_issuer_never_had_is_detected(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["proof"][0]["verificationMethod"] = "did:web:127.0.0.1%3A8000#key-forged"
    result = verify(document)
    assert result.status == "tampered"
    assert "key" in str(result.reason)


def test_credential_of_another_issuer_is_reported(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["issuer"]["id"] = "did:web:elsewhere.example"
    result = verify(document)
    assert result.status == "unknown_issuer"
    assert "did:web:elsewhere.example" in str(result.reason)


def test_credential_issued_under_the_sites_former_address_is_genuine(
    issued: Credential,
) -> None:
    with override_settings(SITE_URL="https://academy.example.org"):
        result = verify(issued.document)
    assert result.status == "valid"
    assert result.former_address == "127.0.0.1:8000"


def test_credential_changed_after_the_site_moved_is_reported_as_changed(
    issued: Credential,
) -> None:
    document = copy.deepcopy(issued.document)
    document["credentialSubject"]["identifier"][0]["identityHash"] = "Someone Else"
    with override_settings(SITE_URL="https://academy.example.org"):
        result = verify(document)
    assert result.status == "tampered"
    assert "changed" in str(result.reason)
    assert result.former_address == ""


def test_revoked_credential_of_the_former_address_reads_as_revoked(issued: Credential) -> None:
    revoke_credential(issued, by=StaffFactory.create(), reason="Issued in error")
    with override_settings(SITE_URL="https://academy.example.org"):
        assert verify(issued.document).status == "revoked"


def test_credential_of_another_site_with_its_own_keys_is_of_an_unknown_issuer(
    issued: Credential,
) -> None:
    """Another site's credential names a key this site never had: it stays another issuer's,
    whatever its signature."""
    document = copy.deepcopy(issued.document)
    document["issuer"]["id"] = "did:web:elsewhere.example"
    document["proof"][0]["verificationMethod"] = "did:web:elsewhere.example#key-20260101-abcdef"
    result = verify(document)
    assert result.status == "unknown_issuer"
    assert "did:web:elsewhere.example" in str(result.reason)


def test_unknown_json_ld_context_is_refused_without_fetching(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["@context"].append("https://contexts.example.org/evil.jsonld")
    result = verify(document)
    assert result.status == "malformed"
    assert "contexts" in str(result.reason)


def test_embedded_context_is_refused(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["@context"].append({"name": "http://schema.org/description"})
    assert verify(document).status == "malformed"


@pytest.mark.parametrize("garbage", [None, 42, "text", [], {}, {"@context": "nope"}])
def test_garbage_is_not_a_credential(garbage: Any) -> None:
    assert verify(garbage).status == "malformed"


def test_revoked_credential_says_so_with_the_reason(issued: Credential) -> None:
    revoke_credential(issued, by=StaffFactory.create(), reason="Issued in error")
    result = verify(issued.document)
    assert result.status == "revoked"
    assert "Issued in error" in str(result.reason)


def test_suspended_credential_is_valid_again_when_reinstated(issued: Credential) -> None:
    staff = StaffFactory.create()
    suspend_credential(issued, by=staff, reason="Under review")
    assert verify(issued.document).status == "suspended"
    reinstate_credential(issued, by=staff)
    assert verify(issued.document).status == "valid"


def test_expired_credential_is_reported(learner: User, make_achievement: MakeAchievement) -> None:
    credential = issue_credential(
        learner,
        make_achievement(),
        issued_at=timezone.now() - timedelta(days=400),
        valid_until=timezone.now() - timedelta(days=35),
    )
    result = verify(credential.document)
    assert result.status == "expired"


def test_credential_from_the_future_is_not_valid_yet(issued: Credential) -> None:
    result = verify(issued.document, now=timezone.now() - timedelta(days=2))
    assert result.status == "not_yet_valid"


def test_old_credentials_still_verify_after_key_rotation(
    issued: Credential, make_achievement: MakeAchievement
) -> None:
    rotate_signing_key()
    newer = issue_credential(issued.learner, make_achievement("course:second"))
    assert newer.signing_key != issued.signing_key
    assert verify(issued.document).status == "valid"
    assert verify(newer.document).status == "valid"


def test_credentials_issued_with_two_status_entries_still_verify_and_show_revocation(
    issued: Credential, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    """Credentials signed before the single status entry name the revocation and suspension
    lists and carry their proof alone; they keep verifying."""
    legacy = credential_document(issued)
    legacy["credentialStatus"] = [
        {
            "id": f"{status_list_url(purpose)}#{issued.status_index}",
            "type": "BitstringStatusListEntry",
            "statusPurpose": purpose,
            "statusListIndex": str(issued.status_index),
            "statusListCredential": status_list_url(purpose),
        }
        for purpose in ("revocation", "suspension")
    ]
    signed = add_proof(
        legacy,
        keys.private_key(issued.signing_key.encrypted_private_key),
        verification_method=keys.verification_method_id(issued.signing_key.key_id),
        created="2026-01-01T00:00:00Z",
    )
    signed["proof"] = signed["proof"][0]
    assert verify(signed).status == "valid"
    with django_capture_on_commit_callbacks(execute=True):
        revoke_credential(issued, by=StaffFactory.create(), reason="Issued in error")
    assert verify(signed).status == "revoked"
