"""A claim the JSON-LD contexts do not define is not covered by the signature: such a
credential is refused, naming what was not signed."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from django.test import Client

from conftest import SchemaCheckedClient
from praxis.credentials.canonical import undefined_terms
from praxis.credentials.models import Credential
from praxis.credentials.verification import verify

pytestmark = pytest.mark.django_db


def with_extra_claim(document: dict[str, Any]) -> dict[str, Any]:
    changed = copy.deepcopy(document)
    changed["extraClaim"] = "Licensed surgeon"
    return changed


def test_added_undefined_claim_is_refused_and_named(issued: Credential) -> None:
    result = verify(with_extra_claim(issued.document))
    assert result.status == "unsigned_claims"
    assert not result.valid
    assert "extraClaim" in str(result.reason)


def test_undefined_claim_deep_in_the_achievement_is_refused(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["credentialSubject"]["achievement"]["licence"] = "Surgery"
    result = verify(document)
    assert result.status == "unsigned_claims"
    assert "licence" in str(result.reason)


def test_undefined_type_is_refused(issued: Credential) -> None:
    document = copy.deepcopy(issued.document)
    document["type"] = [*document["type"], "SurgicalLicence"]
    assert verify(document).status == "unsigned_claims"


def test_issued_credentials_define_every_term(issued: Credential) -> None:
    assert undefined_terms(issued.document) == []
    assert verify(issued.document).status == "valid"


def test_verify_page_names_the_claim_that_was_not_signed(
    client: Client, issued: Credential
) -> None:
    page = client.post(
        "/credentials/verify/", {"document": json.dumps(with_extra_claim(issued.document))}
    ).content.decode()
    assert 'data-status="unsigned_claims"' in page
    assert "extraClaim" in page
    assert "genuine and in force" not in page


def test_api_names_the_claim_that_was_not_signed(
    api_client: SchemaCheckedClient, issued: Credential
) -> None:
    body = api_client.post(
        "/api/v1/credentials/verify", data={"credential": with_extra_claim(issued.document)}
    ).json()
    assert body["status"] == "unsigned_claims"
    assert body["valid"] is False
    assert "extraClaim" in body["reason"]
    assert body["unsigned_terms"] == ["extraClaim"]
