"""Praxis's keys as an LTI platform, and the keys tools sign with.

Platform keys are RSA (LTI 1.3 requires RS256), stored encrypted with a key derived from
SECRET_KEY as the credential issuer's are (praxis.credentials.keys). A tool's key is its PEM
public key, or the key of the `kid` its messages name in the JWKS it publishes.
"""

from __future__ import annotations

import json
import urllib.request
from functools import cache
from typing import Any

from cryptography.fernet import InvalidToken
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache as shared_cache
from django.db import transaction
from joserfc.errors import JoseError
from joserfc.jwk import KeySet, RSAKey

from praxis.core.errors import ErrorCode
from praxis.credentials.keys import KeyUnavailable, sealing_key
from praxis.lti.errors import refused
from praxis.lti.models import PlatformKey, Tool

PURPOSE = b"praxis lti platform keys"
JWKS_MAX_BYTES = 100_000
JWKS_SECONDS = 600


def _new_key() -> PlatformKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    kid = RSAKey.import_key(public_pem).thumbprint()
    return PlatformKey.objects.create(
        kid=kid, public_pem=public_pem, private_encrypted=sealing_key(PURPOSE).encrypt(pem)
    )


def current_key() -> PlatformKey:
    """The key that signs new id_tokens, made the first time one is needed."""
    key = PlatformKey.objects.filter(retired_at__isnull=True).first()
    if key is None:
        with transaction.atomic():
            key = PlatformKey.objects.select_for_update().filter(retired_at__isnull=True).first()
            key = key or _new_key()
    return key


@cache
def _private_key(kid: str, encrypted: bytes) -> RSAKey:
    try:
        pem = sealing_key(PURPOSE).decrypt(encrypted)
    except InvalidToken as error:
        raise KeyUnavailable("the LTI key cannot be decrypted with this SECRET_KEY") from error
    return RSAKey.import_key(pem, parameters={"kid": kid})


def signing_key() -> RSAKey:
    key = current_key()
    return _private_key(key.kid, bytes(key.private_encrypted))


def platform_jwks() -> dict[str, Any]:
    """Every key not retired, as a JSON Web Key Set."""
    current_key()
    keys = []
    for key in PlatformKey.objects.filter(retired_at__isnull=True):
        public = RSAKey.import_key(key.public_pem, parameters={"kid": key.kid, "use": "sig"})
        keys.append({**public.as_dict(private=False), "alg": "RS256"})
    return {"keys": keys}


def read_public_key(pem: str) -> RSAKey:
    """`pem` as an RSA public key of at least 2048 bits; refused (`lti_tool_key_invalid`)
    otherwise."""
    try:
        loaded = serialization.load_pem_public_key(pem.strip().encode())
    except (ValueError, TypeError) as error:
        raise refused(ErrorCode.LTI_TOOL_KEY_INVALID) from error
    if not isinstance(loaded, rsa.RSAPublicKey) or loaded.key_size < 2048:
        raise refused(ErrorCode.LTI_TOOL_KEY_INVALID)
    return RSAKey.import_key(pem.strip())


def fetch_jwks(url: str) -> dict[str, Any]:
    """The JSON Web Key Set at `url` (at most JWKS_MAX_BYTES, within five seconds)."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})  # noqa: S310 (registered https URL)
    with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 (as above)
        body = response.read(JWKS_MAX_BYTES + 1)
    if len(body) > JWKS_MAX_BYTES:
        raise ValueError("JWKS too large")
    data = json.loads(body)
    if not isinstance(data, dict) or not isinstance(data.get("keys"), list):
        raise ValueError("not a JWKS")
    return data


def _tool_key_set(tool: Tool, *, fresh: bool) -> KeySet:
    cache_key = f"lti:jwks:{tool.uuid}"
    data = None if fresh else shared_cache.get(cache_key)
    if data is None:
        try:
            data = fetch_jwks(tool.jwks_url)
        except (OSError, ValueError) as error:
            raise refused(ErrorCode.LTI_BAD_SIGNATURE, "JWKS") from error
        shared_cache.set(cache_key, data, JWKS_SECONDS)
    try:
        return KeySet.import_key_set(data)  # type: ignore[arg-type] # checked as it is read: a dict with a list of keys
    except (JoseError, ValueError, TypeError, KeyError) as error:
        raise refused(ErrorCode.LTI_BAD_SIGNATURE, "JWKS") from error


def tool_key(tool: Tool, kid: str | None) -> RSAKey:
    """The key `tool` signs with under `kid`: its registered PEM key, or that key of its JWKS
    (fetched again once when `kid` is new; without a kid, the set's only key). Refused
    (`lti_bad_signature`) when there is none."""
    if tool.public_key:
        return read_public_key(tool.public_key)
    for fresh in (False, True):
        keys = [key for key in _tool_key_set(tool, fresh=fresh).keys if isinstance(key, RSAKey)]
        named = [key for key in keys if key.kid == kid] if kid else keys
        if len(named) == 1:  # without a kid, only a set of one key says which
            return named[0]
    raise refused(ErrorCode.LTI_BAD_SIGNATURE, "kid")
