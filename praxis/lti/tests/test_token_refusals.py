"""The token endpoint: a tool's signed assertion exchanged for a bearer token, and every kind
of bad assertion refused with its code and nothing recorded."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from joserfc.jwk import OctKey, RSAKey

from praxis.lti.claims import AGS_SCOPE
from praxis.lti.models import UsedAssertion
from praxis.lti.tests.assertions import assertion, token_request
from praxis.lti.tests.factories import ToolFactory
from praxis.lti.tests.tool import PyltiTool, key_pair

pytestmark = pytest.mark.django_db


def test_a_good_assertion_gets_a_token_for_the_offered_scopes(pylti_tool: PyltiTool) -> None:
    status, body = token_request(
        Client(), assertion(pylti_tool), scope=f"{AGS_SCOPE}score https://example.org/unknown"
    )
    assert status == 200
    assert body["token_type"] == "Bearer"
    assert body["scope"] == f"{AGS_SCOPE}score"
    assert body["expires_in"] == settings.LTI_ACCESS_TOKEN_SECONDS


@pytest.mark.parametrize(
    ("claims", "code"),
    [
        ({"aud": "https://elsewhere.example/token"}, "lti_assertion_invalid"),
        ({"sub": "someone-else"}, "lti_assertion_invalid"),
        ({"jti": None}, "lti_assertion_invalid"),
        ({"exp": 1_000_000_000}, "lti_assertion_expired"),
        ({"exp": 4_000_000_000}, "lti_assertion_expired"),
        ({"exp": "tomorrow"}, "lti_assertion_expired"),
        ({"iat": 4_000_000_000}, "lti_assertion_expired"),
    ],
)
def test_a_wrong_claim_is_refused(pylti_tool: PyltiTool, claims: dict[str, Any], code: str) -> None:
    status, body = token_request(Client(), assertion(pylti_tool, **claims))
    assert (status, body["code"]) == (400, code)
    assert body["error"] == "invalid_grant"
    assert not UsedAssertion.objects.exists()


def test_an_assertion_signed_with_another_key_is_refused(pylti_tool: PyltiTool) -> None:
    other = RSAKey.import_key(key_pair()[0])
    status, body = token_request(Client(), assertion(pylti_tool, key=other))
    assert (status, body["error"], body["code"]) == (401, "invalid_client", "lti_bad_signature")
    assert not UsedAssertion.objects.exists()


def test_a_tampered_assertion_is_refused(pylti_tool: PyltiTool) -> None:
    header, _payload, signature = assertion(pylti_tool).split(".")
    forged = assertion(pylti_tool, aud="x").split(".")[1]
    status, body = token_request(Client(), f"{header}.{forged}.{signature}")
    assert (status, body["code"]) == (401, "lti_bad_signature")


def test_an_assertion_without_rs256_is_refused(pylti_tool: PyltiTool) -> None:
    secret = OctKey.import_key(b"a shared secret the tool never had" * 2)
    status, body = token_request(Client(), assertion(pylti_tool, key=secret, alg="HS256"))
    assert (status, body["code"]) == (401, "lti_bad_signature")


def test_an_unknown_client_is_refused(pylti_tool: PyltiTool) -> None:
    status, body = token_request(Client(), assertion(pylti_tool, iss="nobody", sub="nobody"))
    assert (status, body["error"], body["code"]) == (401, "invalid_client", "lti_unknown_client")


def test_a_reused_assertion_is_refused(pylti_tool: PyltiTool) -> None:
    signed = assertion(pylti_tool)
    assert token_request(Client(), signed)[0] == 200
    status, body = token_request(Client(), signed)
    assert (status, body["code"]) == (400, "lti_replay")
    assert UsedAssertion.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"grant_type": "password"}, "lti_invalid_request"),
        ({"client_assertion_type": "bearer"}, "lti_invalid_request"),
        ({"client_assertion": "not.a.jwt"}, "lti_invalid_request"),
        ({"client_assertion": ""}, "lti_invalid_request"),
        ({"client_assertion": "x" * 20_000}, "lti_invalid_request"),
        ({"scope": "https://example.org/everything"}, "lti_invalid_scope"),
        ({"scope": ""}, "lti_invalid_scope"),
    ],
)
def test_a_malformed_request_is_refused(
    pylti_tool: PyltiTool, fields: dict[str, str], code: str
) -> None:
    signed = fields.pop("client_assertion", None)
    status, body = token_request(
        Client(), assertion(pylti_tool) if signed is None else signed, **fields
    )
    assert (status, body["code"]) == (400, code)
    assert not UsedAssertion.objects.exists()


class _KeySet(BaseHTTPRequestHandler):
    document = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.document)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def key_set_server() -> Iterator[HTTPServer]:
    server = HTTPServer(("127.0.0.1", 0), _KeySet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_tool_registered_by_key_set_url_is_checked_with_the_key_its_kid_names(
    key_set_server: HTTPServer,
) -> None:
    tool = PyltiTool.new()
    decoy = RSAKey.import_key(key_pair()[1], parameters={"kid": "old"})
    current = RSAKey.import_key(tool.public_pem, parameters={"kid": "current"})
    _KeySet.document = json.dumps(
        {"keys": [decoy.as_dict(private=False), current.as_dict(private=False)]}
    ).encode()
    port = key_set_server.server_address[1]
    tool.registration = ToolFactory.create(jwks_url=f"http://127.0.0.1:{port}/jwks.json")
    signing = RSAKey.import_key(tool.private_pem, parameters={"kid": "current"})

    status, _body = token_request(Client(), assertion(tool, key=signing))
    assert status == 200
    unknown = RSAKey.import_key(key_pair()[0], parameters={"kid": "unknown"})
    status, body = token_request(Client(), assertion(tool, key=unknown))
    assert (status, body["code"]) == (401, "lti_bad_signature")


def test_a_client_refused_too_often_is_held_back(
    pylti_tool: PyltiTool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Refusals are counted in fixed ten-minute windows: the clock stays inside one, so that a
    # slow run does not cross into the next and start counting again.
    now = time.time()
    monkeypatch.setattr("praxis.core.ratelimit.time.time", lambda: now)
    for _attempt in range(30):
        assert token_request(Client(), "guess.guess.guess")[0] == 400

    status, body = token_request(Client(), assertion(pylti_tool))

    assert (status, body["code"]) == (429, "rate_limited")
    assert not UsedAssertion.objects.exists()
