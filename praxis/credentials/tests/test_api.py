from __future__ import annotations

import copy
from typing import Any

import pytest

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.credentials.models import Credential

pytestmark = pytest.mark.django_db


def test_api_verifies_a_valid_credential(
    api_client: SchemaCheckedClient, issued: Credential
) -> None:
    body = api_client.post("/api/v1/credentials/verify", data={"credential": issued.document})
    assert body.status_code == 200
    assert body.json()["status"] == "valid" and body.json()["valid"] is True
    assert body.json()["summary"]["learner"] == "Amina Yusuf"


def test_api_reports_a_tampered_credential_with_the_reason(
    api_client: SchemaCheckedClient, issued: Credential
) -> None:
    document = copy.deepcopy(issued.document)
    document["credentialSubject"]["creditsEarned"] = 40
    body = api_client.post("/api/v1/credentials/verify", data={"credential": document}).json()
    assert body["status"] == "tampered"
    assert "changed" in body["reason"]


def test_api_verifies_text(api_client: SchemaCheckedClient) -> None:
    body = api_client.post("/api/v1/credentials/verify", data={"text": "garbage"}).json()
    assert body["status"] == "malformed"


def test_api_refuses_a_foreign_url(api_client: SchemaCheckedClient) -> None:
    body = api_client.post(
        "/api/v1/credentials/verify", data={"url": "http://10.0.0.1/secret"}
    ).json()
    assert body["status"] == "malformed"


@pytest.mark.parametrize(
    "data", [{}, {"text": "a", "url": "b"}, {"credential": "a string"}, {"text": 5}]
)
def test_api_refuses_a_malformed_request(api_client: SchemaCheckedClient, data: Any) -> None:
    assert api_client.post("/api/v1/credentials/verify", data=data).status_code == 400


def test_api_lists_my_credentials(api_client: SchemaCheckedClient, issued: Credential) -> None:
    api_client.force_login(issued.learner)
    body = api_client.get("/api/v1/credentials/mine").json()
    assert [item["achievement"] for item in body] == ["Hand hygiene in practice"]
    assert body[0]["credential"] == issued.document


def test_api_lists_no_credentials_of_others(
    api_client: SchemaCheckedClient, issued: Credential
) -> None:
    api_client.force_login(UserFactory.create())
    assert api_client.get("/api/v1/credentials/mine").json() == []


def test_api_credentials_need_authentication(api_client: SchemaCheckedClient) -> None:
    assert api_client.get("/api/v1/credentials/mine").status_code == 401


def test_api_cpd_record_by_system(api_client: SchemaCheckedClient, issued: Credential) -> None:
    api_client.force_login(issued.learner)
    body = api_client.get("/api/v1/cpd").json()
    totals = {item["system"]: item["total"] for item in body}
    assert totals == {"ama-pra-1": "2.50", "cpd-hours": "2.50"} or totals == {
        "ama-pra-1": 2.5,
        "cpd-hours": 2.5,
    }


def test_api_cpd_refuses_a_bad_date(api_client: SchemaCheckedClient, issued: Credential) -> None:
    api_client.force_login(issued.learner)
    assert api_client.get("/api/v1/cpd?start=yesterday").status_code == 400


def test_api_cpd_refuses_a_period_ending_before_it_starts(
    api_client: SchemaCheckedClient, issued: Credential
) -> None:
    api_client.force_login(issued.learner)
    response = api_client.get("/api/v1/cpd?start=2026-03-01&end=2026-01-01")
    assert response.status_code == 400
    assert response.json()["error"]["fields"]["end"] == ["The end cannot come before the start."]
