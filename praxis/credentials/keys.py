"""The issuer's identity: its did:web identifier, its Ed25519 keys and its DID document.

Private keys are stored encrypted (Fernet) with a key derived from SECRET_KEY by HKDF, so a
database dump alone cannot sign. Changing SECRET_KEY makes the stored private keys unusable:
rotate to a new key afterwards (old public keys stay published, old credentials still verify).
"""

from __future__ import annotations

import base64
from functools import cache
from typing import Any
from urllib.parse import quote, urlsplit

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from praxis.credentials.multibase import ed25519_multikey


def issuer_did() -> str:
    """did:web of this site: the host (port percent-encoded) and any path, ':'-separated."""
    parts = urlsplit(settings.SITE_URL)
    did = "did:web:" + quote(parts.netloc, safe="")
    path = parts.path.strip("/")
    if path:
        did += ":" + ":".join(quote(segment, safe="") for segment in path.split("/"))
    return did


def did_document_url() -> str:
    """Where did:web resolves: /.well-known/did.json at the site root (or <path>/did.json)."""
    parts = urlsplit(settings.SITE_URL)
    path = parts.path.strip("/")
    suffix = f"/{path}/did.json" if path else "/.well-known/did.json"
    return f"{parts.scheme}://{parts.netloc}{suffix}"


def verification_method_id(key_id: str) -> str:
    return f"{issuer_did()}#{key_id}"


def sealing_key(purpose: bytes = b"praxis credentials signing keys") -> Fernet:
    """The key that encrypts stored private keys of `purpose`, derived from SECRET_KEY."""
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(
        settings.SECRET_KEY.encode()
    )
    return Fernet(base64.urlsafe_b64encode(derived))


def _fernet() -> Fernet:
    return sealing_key()


def new_key_pair() -> tuple[bytes, bytes]:
    """(raw public key, encrypted private key) of a fresh Ed25519 key."""
    private_key = Ed25519PrivateKey.generate()
    raw_private = private_key.private_bytes(
        serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    )
    raw_public = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    return raw_public, _fernet().encrypt(raw_private)


class KeyUnavailable(RuntimeError):
    """The stored private key cannot be decrypted (SECRET_KEY changed): rotate the key."""


def private_key(encrypted: bytes | memoryview) -> Ed25519PrivateKey:
    try:
        raw = _fernet().decrypt(bytes(encrypted))
    except InvalidToken as error:
        raise KeyUnavailable("the signing key cannot be decrypted with this SECRET_KEY") from error
    return Ed25519PrivateKey.from_private_bytes(raw)


@cache
def public_key(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


def did_document(keys: list[tuple[str, bytes]]) -> dict[str, Any]:
    """The issuer's DID document listing every key, old and current, for assertions."""
    did = issuer_did()
    methods = [
        {
            "id": verification_method_id(key_id),
            "type": "Multikey",
            "controller": did,
            "publicKeyMultibase": ed25519_multikey(bytes(raw)),
        }
        for key_id, raw in keys
    ]
    return {
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": [method["id"] for method in methods],
    }
