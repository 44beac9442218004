"""Praxis's credentials checked by an implementation Praxis does not issue with:
Digital Bazaar's @digitalbazaar/vc with the eddsa-rdfc-2022 cryptosuite (tests/js/, installed
by `make test` with `npm ci`), fed only files: the credential, the DID document, the status lists.
"""

from __future__ import annotations

import copy
import json
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory
from praxis.credentials import queries
from praxis.credentials.models import Credential
from praxis.credentials.multibase import ed25519_multikey
from praxis.credentials.services import (
    issue_credential,
    revoke_credential,
    rotate_signing_key,
    suspend_credential,
)
from praxis.credentials.tests.conftest import MakeAchievement

pytestmark = pytest.mark.django_db

VERIFIER = Path(__file__).parent / "js" / "verify.mjs"


def independent_verify(
    credential: dict[str, Any], did_document: dict[str, Any] | None = None
) -> dict[str, Any]:
    entries = credential.get("credentialStatus", [])
    status_lists = {
        entry["statusListCredential"]: queries.status_list_credential(entry["statusPurpose"])
        for entry in (entries if isinstance(entries, list) else [entries])
    }
    completed = subprocess.run(  # noqa: S603 - our own script, input on stdin
        ["node", str(VERIFIER)],  # noqa: S607 - Node.js from the system, as in make test
        input=json.dumps(
            {
                "credential": credential,
                "didDocument": did_document or queries.did_document(),
                "statusLists": status_lists,
            }
        ),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def test_independent_verifier_accepts_our_credential(issued: Credential) -> None:
    assert independent_verify(issued.document) == {"verified": True, "errors": []}


def test_independent_verifier_accepts_arabic_and_chinese_text(
    learner: User, make_achievement: MakeAchievement
) -> None:
    credential = issue_credential(
        learner, make_achievement("course:zh", name="感染预防与控制 · الوقاية من العدوى")
    )
    assert independent_verify(credential.document)["verified"] is True


def test_independent_verifier_detects_a_changed_byte(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["credentialSubject"]["achievement"]["name"] = "Hand hygiene in practicE"
    result = independent_verify(document)
    assert result["verified"] is False
    assert "Invalid signature." in result["errors"]


def test_independent_verifier_detects_a_wrong_key(issued: Credential) -> None:
    did_document = copy.deepcopy(queries.did_document())
    other = Ed25519PrivateKey.generate().public_key()
    raw = other.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    did_document["verificationMethod"][0]["publicKeyMultibase"] = ed25519_multikey(raw)
    result = independent_verify(issued.document, did_document)
    assert result["verified"] is False
    assert "Invalid signature." in result["errors"]


def test_independent_verifier_detects_revocation(
    issued: Credential, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        revoke_credential(issued, by=StaffFactory.create(), reason="Issued in error")
    result = independent_verify(issued.document)
    assert result["verified"] is False
    assert "status revoked is set" in result["errors"]


def test_independent_verifier_detects_suspension(
    issued: Credential, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        suspend_credential(issued, by=StaffFactory.create(), reason="Under review")
    result = independent_verify(issued.document)
    assert result["verified"] is False
    assert "status suspended is set" in result["errors"]


def test_independent_verifier_detects_expiry(
    learner: User, make_achievement: MakeAchievement
) -> None:
    credential = issue_credential(
        learner,
        make_achievement(),
        issued_at=timezone.now() - timedelta(days=30),
        valid_until=timezone.now() - timedelta(days=1),
    )
    result = independent_verify(credential.document)
    assert result["verified"] is False
    assert any("expired" in error or "validUntil" in error for error in result["errors"])


def test_independent_verifier_accepts_old_credentials_after_rotation(issued: Credential) -> None:
    rotate_signing_key()
    assert independent_verify(issued.document)["verified"] is True
