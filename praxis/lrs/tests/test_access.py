"""Credentials, scopes, the version header, CORS, the alternate syntax, About and signatures."""

from __future__ import annotations

import base64
import datetime
import json
import uuid
from io import StringIO
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from django.core.management import call_command
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from praxis.lrs.models import LrsClient, Statement
from praxis.lrs.services.clients import authenticate_client
from praxis.lrs.tests.factories import SECRET, Xapi, make_client, statement

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"


def test_wrong_secret_is_refused_with_401(client: Client, xapi: Xapi) -> None:
    token = base64.b64encode(b"nobody:wrong").decode()

    response = client.get(
        "/xapi/statements",
        HTTP_AUTHORIZATION=f"Basic {token}",
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Basic")


def test_no_credentials_is_refused_with_401(client: Client, db: None) -> None:
    response = client.post(
        "/xapi/statements",
        json.dumps(statement()),
        content_type="application/json",
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )
    assert response.status_code == 401
    assert not Statement.objects.exists()


def test_inactive_client_is_refused(client: Client) -> None:
    credential = make_client()
    credential.active = False
    credential.save()

    assert Xapi(client, credential).get("statements").status_code == 401


def test_write_only_client_cannot_read(client: Client) -> None:
    writer = Xapi(client, make_client([LrsClient.Scope.STATEMENTS_WRITE]))

    assert writer.post("statements", statement()).status_code == 200
    assert writer.get("statements").status_code == 403


def test_read_only_client_cannot_write(client: Client) -> None:
    reader = Xapi(client, make_client([LrsClient.Scope.STATEMENTS_READ]))

    assert reader.post("statements", statement()).status_code == 403
    assert not Statement.objects.exists()


def test_read_mine_client_sees_only_its_own_statements(client: Client) -> None:
    own = Xapi(
        client,
        make_client([LrsClient.Scope.STATEMENTS_WRITE, LrsClient.Scope.STATEMENTS_READ_MINE]),
    )
    other = Xapi(client, make_client())
    mine = own.post("statements", statement()).json()[0]
    theirs = other.post("statements", statement()).json()[0]

    assert [s["id"] for s in own.get("statements").json()["statements"]] == [mine]
    assert own.get("statements", {"statementId": theirs}).status_code == 404


def test_statement_client_cannot_touch_documents(client: Client) -> None:
    writer = Xapi(client, make_client([LrsClient.Scope.STATEMENTS_WRITE]))
    url = "activities/state?" + urlencode(
        {
            "activityId": "http://x.org/a",
            "agent": json.dumps({"mbox": "mailto:a@x.org"}),
            "stateId": "s",
        }
    )
    assert writer.put(url, {"a": 1}).status_code == 403


def test_secret_is_kept_only_as_a_digest() -> None:
    credential = make_client()

    assert SECRET not in credential.secret_digest
    assert authenticate_client(credential.key, SECRET) == credential
    assert authenticate_client(credential.key, SECRET + "x") is None


def test_management_command_prints_a_working_key_and_secret() -> None:
    out = StringIO()
    call_command("create_lrs_client", "Partner LMS", "--scope", "statements/write", stdout=out)
    values = dict(line.split("=", 1) for line in out.getvalue().split())

    credential = authenticate_client(values["KEY"], values["SECRET"])
    assert credential is not None and credential.scopes == ["statements/write"]


def test_about_needs_no_credentials(client: Client, db: None) -> None:
    response = client.get("/xapi/about")

    assert response.status_code == 200
    assert "2.0.0" in response.json()["version"]


def test_a_resource_is_found_after_an_endpoint_joined_with_a_second_slash(
    client: Client, db: None
) -> None:
    # Content given the endpoint ".../xapi/" often joins it with "/activities/state".
    assert client.get("/xapi//about").status_code == 200
    response = client.options("/xapi//activities/state", HTTP_ORIGIN="https://content.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert client.get("/xapi//nothing").status_code == 404


def test_no_answer_of_the_lrs_is_kept_in_a_cache(client: Client, db: None) -> None:
    assert client.get("/xapi/about")["Cache-Control"] == "no-store"
    assert client.get("/xapi/statements")["Cache-Control"] == "no-store"


def test_cors_preflight_is_answered_for_any_origin_without_credentials(
    client: Client, db: None
) -> None:
    response = client.options("/xapi/statements", HTTP_ORIGIN="https://content.example")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response
    assert "X-Experience-API-Version" in response["Access-Control-Allow-Headers"]


def test_an_unknown_origin_is_never_reflected_with_credentials(client: Client, xapi: Xapi) -> None:
    response = xapi.get("statements", HTTP_ORIGIN="https://evil.example")

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] != "https://evil.example"
    assert "Access-Control-Allow-Credentials" not in response


def test_a_configured_origin_is_allowed_with_credentials(
    client: Client, xapi: Xapi, settings: SettingsWrapper
) -> None:
    settings.XAPI_CORS_CREDENTIAL_ORIGINS = ["https://lms.partner.example"]

    response = xapi.get("statements", HTTP_ORIGIN="https://lms.partner.example")

    assert response["Access-Control-Allow-Origin"] == "https://lms.partner.example"
    assert response["Access-Control-Allow-Credentials"] == "true"
    assert "Origin" in response["Vary"]


def test_alternate_request_syntax_puts_a_statement(client: Client, xapi: Xapi) -> None:
    statement_id = str(uuid.uuid4())
    form = urlencode(
        {
            "statementId": statement_id,
            "content": json.dumps(statement()),
            "Authorization": xapi.headers["HTTP_AUTHORIZATION"],
            "X-Experience-API-Version": "1.0.3",
            "Content-Type": "application/json",
        }
    )

    response = client.post(
        "/xapi/statements?method=PUT", form, content_type="application/x-www-form-urlencoded"
    )

    assert response.status_code == 204
    assert Statement.objects.filter(id=statement_id).exists()


def test_agents_resource_returns_a_person(xapi: Xapi) -> None:
    agent = {"name": "Amina", "mbox": "mailto:amina@example.org"}

    person = xapi.get("agents", {"agent": json.dumps(agent)}).json()

    assert person == {
        "objectType": "Person",
        "name": ["Amina"],
        "mbox": ["mailto:amina@example.org"],
    }


def _signed(
    data: dict[str, Any], key: rsa.RSAPrivateKey, tamper: dict[str, Any] | None = None
) -> bytes:
    certificate = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "LMS")]))
        .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "LMS")]))
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(datetime.datetime(2020, 1, 1))
        .not_valid_after(datetime.datetime(2040, 1, 1))
        .sign(key, hashes.SHA256())
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    header = {"alg": "RS256", "x5c": [base64.b64encode(der).decode()]}

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signing_input = f"{b64(json.dumps(header).encode())}.{b64(json.dumps(tamper or data).encode())}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{b64(signature)}".encode()


def _post_signed(xapi: Xapi, data: dict[str, Any], jws: bytes) -> Response:
    import hashlib

    sha2 = hashlib.sha256(jws).hexdigest()
    signed = {
        **data,
        "attachments": [
            {
                "usageType": "http://adlnet.gov/expapi/attachments/signature",
                "display": {"en": "signature"},
                "contentType": "application/octet-stream",
                "length": len(jws),
                "sha2": sha2,
            }
        ],
    }
    body = (
        (
            f"--b\r\nContent-Type: application/json\r\n\r\n{json.dumps(signed)}\r\n"
            "--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {sha2}\r\n\r\n"
        ).encode()
        + jws
        + b"\r\n--b--"
    )
    return xapi.post("statements", body, content_type="multipart/mixed; boundary=b")


def test_signed_statement_with_a_valid_signature_is_stored(xapi: Xapi) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    data = statement()

    response = _post_signed(xapi, data, _signed(data, key))

    assert response.status_code == 200
    (statement_id,) = response.json()
    stored = xapi.get("statements", {"statementId": statement_id}).json()
    assert stored["object"]["id"] == data["object"]["id"]
    assert stored["attachments"][0]["usageType"] == SIGNATURE
    assert Statement.objects.filter(id=statement_id, voided=False).exists()


def test_signed_statement_whose_payload_differs_is_refused(xapi: Xapi) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    data = statement()
    jws = _signed(data, key, tamper=statement(result={"success": True}))

    assert _post_signed(xapi, data, jws).status_code == 400
    assert not Statement.objects.exists()


def test_signature_that_does_not_verify_is_refused(xapi: Xapi) -> None:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    data = statement()
    jws = _signed(data, key)
    forged = jws[:-6] + (b"AAAAAA" if not jws.endswith(b"AAAAAA") else b"BBBBBB")

    assert _post_signed(xapi, data, forged).status_code == 400
