"""A software WebAuthn authenticator for the passkey tests: it answers the site's options the
way a security key does (a P-256 key, "none" attestation), so the server checks real
signatures. The browser tests use Chromium's own virtual authenticator instead."""

from __future__ import annotations

import hashlib
import json
import secrets
import struct
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url
from webauthn.helpers.encode_cbor import encode_cbor

UP, UV, AT = 0x01, 0x04, 0x40


def _client_data(kind: str, challenge: str, origin: str) -> bytes:
    data = {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}
    return json.dumps(data).encode()


@dataclass
class SoftAuthenticator:
    rp_id: str
    origin: str
    key: ec.EllipticCurvePrivateKey = field(
        default_factory=lambda: ec.generate_private_key(ec.SECP256R1())
    )
    credential_id: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    user_handle: bytes = b""
    sign_count: int = 0

    def _cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32), -3: numbers.y.to_bytes(32)}
        return encode_cbor(cose)

    def _rp_hash(self) -> bytes:
        return hashlib.sha256(self.rp_id.encode()).digest()

    def create(self, options_json: str) -> str:
        """The JSON answer to navigator.credentials.create() with these options."""
        options = json.loads(options_json)
        self.user_handle = base64url_to_bytes(options["user"]["id"])
        attested = (
            bytes(16) + struct.pack(">H", len(self.credential_id)) + self.credential_id
        ) + self._cose_key()
        auth_data = self._rp_hash() + bytes([UP | UV | AT]) + struct.pack(">I", 0) + attested
        attestation = encode_cbor({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = _client_data("webauthn.create", options["challenge"], self.origin)
        return json.dumps(
            {
                "id": bytes_to_base64url(self.credential_id),
                "rawId": bytes_to_base64url(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": bytes_to_base64url(client_data),
                    "attestationObject": bytes_to_base64url(attestation),
                    "transports": ["usb"],
                },
                "clientExtensionResults": {},
            }
        )

    def get(self, options_json: str, *, verified: bool = True, **changes: Any) -> str:
        """The JSON answer to navigator.credentials.get(); `changes` overrides client data."""
        options = json.loads(options_json)
        self.sign_count += 1
        flags = UP | (UV if verified else 0)
        auth_data = self._rp_hash() + bytes([flags]) + struct.pack(">I", self.sign_count)
        data = {
            "type": "webauthn.get",
            "challenge": options["challenge"],
            "origin": self.origin,
            "crossOrigin": False,
            **changes,
        }
        client_data = json.dumps(data).encode()
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return json.dumps(
            {
                "id": bytes_to_base64url(self.credential_id),
                "rawId": bytes_to_base64url(self.credential_id),
                "type": "public-key",
                "response": {
                    "clientDataJSON": bytes_to_base64url(client_data),
                    "authenticatorData": bytes_to_base64url(auth_data),
                    "signature": bytes_to_base64url(signature),
                    "userHandle": bytes_to_base64url(self.user_handle),
                },
                "clientExtensionResults": {},
            }
        )
