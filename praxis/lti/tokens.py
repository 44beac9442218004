"""The OAuth 2 token endpoint of the grade services: a tool trades a client assertion (a JWT
signed with its own key, RFC 7523) for a short-lived bearer token naming its scopes."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from joserfc import jws, jwt
from joserfc.errors import BadSignatureError, JoseError

from praxis.core.errors import ErrorCode
from praxis.lti.claims import SCOPES, absolute
from praxis.lti.errors import refused
from praxis.lti.keys import tool_key
from praxis.lti.models import Tool, UsedAssertion

__all__ = ["AccessToken", "grant_token", "read_token", "read_unverified", "token_url"]

SALT = "praxis.lti.access-token"
ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
LEEWAY = 60  # seconds of clock difference allowed between the tool and Praxis
LONGEST_ASSERTION = 3600  # an assertion may not be valid for longer than this
LONGEST_ASSERTION_TEXT = 16_000


@dataclass(frozen=True)
class AccessToken:
    tool: Tool
    scopes: frozenset[str]


def token_url() -> str:
    return absolute("lti:token")


def read_unverified(assertion: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The assertion's header and claims, read before its signature is checked (to find the
    tool whose key checks it)."""
    try:
        compact = jws.extract_compact(assertion.encode())
        payload = json.loads(compact.payload)
    except (JoseError, ValueError, TypeError) as error:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "client_assertion") from error
    if not isinstance(payload, dict):
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "client_assertion")
    return dict(compact.protected), payload


def _check_claims(tool: Tool, found: Mapping[str, Any]) -> tuple[str, int]:
    if found.get("iss") != tool.client_id or found.get("sub") != tool.client_id:
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "iss")
    audience = found.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if token_url() not in audiences:
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "aud")
    jti = found.get("jti")
    if not isinstance(jti, str) or not jti or len(jti) > 255:
        raise refused(ErrorCode.LTI_ASSERTION_INVALID, "jti")
    expires, issued = found.get("exp"), found.get("iat", found.get("nbf"))
    now = time.time()
    if not isinstance(expires, int | float) or isinstance(expires, bool) or expires < now - LEEWAY:
        raise refused(ErrorCode.LTI_ASSERTION_EXPIRED)
    if isinstance(issued, int | float) and issued > now + LEEWAY:
        raise refused(ErrorCode.LTI_ASSERTION_EXPIRED)
    if expires > now + LONGEST_ASSERTION:
        raise refused(ErrorCode.LTI_ASSERTION_EXPIRED)
    return jti, int(expires)


def grant_token(params: Mapping[str, str]) -> dict[str, object]:
    """The token response for a client-credentials grant: refused (`lti_*`, nothing recorded)
    for an unknown client, a wrong signature, audience or lifetime, a reused `jti`, or scopes
    none of which are offered."""
    if params.get("grant_type") != "client_credentials":
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "grant_type")
    if params.get("client_assertion_type") != ASSERTION_TYPE:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "client_assertion_type")
    assertion = params.get("client_assertion") or ""
    if not isinstance(assertion, str) or not assertion or len(assertion) > LONGEST_ASSERTION_TEXT:
        raise refused(ErrorCode.LTI_INVALID_REQUEST, "client_assertion")
    header, unverified = read_unverified(assertion)
    if header.get("alg") != "RS256":
        raise refused(ErrorCode.LTI_BAD_SIGNATURE, "alg")
    client_id = unverified.get("iss")
    tool = Tool.objects.filter(client_id=client_id, active=True).first() if client_id else None
    if tool is None:
        raise refused(ErrorCode.LTI_UNKNOWN_CLIENT)
    kid = header.get("kid")
    try:
        verified = jwt.decode(
            assertion, tool_key(tool, kid if isinstance(kid, str) else None), ["RS256"]
        )
    except (BadSignatureError, JoseError, ValueError) as error:
        raise refused(ErrorCode.LTI_BAD_SIGNATURE) from error
    jti, expires = _check_claims(tool, verified.claims)
    granted = sorted(set(str(params.get("scope") or "").split()) & SCOPES)
    if not granted:
        raise refused(ErrorCode.LTI_INVALID_SCOPE)
    try:
        with transaction.atomic():
            UsedAssertion.objects.create(
                tool=tool,
                jti=jti,
                expires_at=datetime.fromtimestamp(expires + LEEWAY, tz=UTC),
            )
    except IntegrityError as error:
        raise refused(ErrorCode.LTI_REPLAY) from error
    token = signing.dumps({"tool": str(tool.uuid), "scopes": granted}, salt=SALT)
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": settings.LTI_ACCESS_TOKEN_SECONDS,
        "scope": " ".join(granted),
    }


def read_token(authorization: str, *needed: str) -> AccessToken:
    """The access token in an `Authorization: Bearer` header, holding one of the `needed`
    scopes; refused (`lti_token_invalid`) otherwise."""
    scheme, _space, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise refused(ErrorCode.LTI_TOKEN_INVALID)
    try:
        data = signing.loads(token.strip(), salt=SALT, max_age=settings.LTI_ACCESS_TOKEN_SECONDS)
    except signing.BadSignature as error:
        raise refused(ErrorCode.LTI_TOKEN_INVALID) from error
    scopes = frozenset(data.get("scopes", []))
    tool = Tool.objects.filter(uuid=data.get("tool"), active=True).first()
    if tool is None or not scopes & set(needed):
        raise refused(ErrorCode.LTI_TOKEN_INVALID)
    return AccessToken(tool=tool, scopes=scopes)
