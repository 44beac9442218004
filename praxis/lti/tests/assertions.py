"""Client assertions and access tokens a tool sends to the token endpoint, made by hand so that
tests can get each claim wrong on purpose."""

from __future__ import annotations

import time
import uuid
from typing import Any

from django.conf import settings
from django.test import Client
from joserfc import jwt
from joserfc.jwk import OctKey, RSAKey

from praxis.lti.claims import SCOPES
from praxis.lti.tests.tool import PyltiTool

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
TOKEN_PATH = "/lti/token"


def assertion(
    tool: PyltiTool, *, key: RSAKey | OctKey | None = None, alg: str = "RS256", **claims: Any
) -> str:
    assert tool.registration is not None
    now = int(time.time())
    body = {
        "iss": tool.registration.client_id,
        "sub": tool.registration.client_id,
        "aud": settings.SITE_URL + TOKEN_PATH,
        "iat": now,
        "exp": now + 60,
        "jti": str(uuid.uuid4()),
        **claims,
    }
    signing = key or RSAKey.import_key(tool.private_pem)
    header = {"alg": alg, **({"kid": signing.kid} if signing.kid else {})}
    return jwt.encode(header, {k: v for k, v in body.items() if v is not None}, signing)


def token_request(
    client: Client, signed: str, scope: str = " ".join(sorted(SCOPES)), **fields: str
) -> tuple[int, dict[str, Any]]:
    data = {
        "grant_type": "client_credentials",
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": signed,
        "scope": scope,
        **fields,
    }
    response = client.post(TOKEN_PATH, data)
    return response.status_code, response.json()


def access_token(tool: PyltiTool, scope: str = " ".join(sorted(SCOPES))) -> str:
    status, body = token_request(Client(), assertion(tool), scope)
    assert status == 200, body
    return str(body["access_token"])
