"""Signed statements: a JWS (compact serialisation, RS256/384/512) whose payload is the
statement."""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from praxis.lrs.validation.errors import StatementInvalid
from praxis.lrs.validation.primitives import hundredths

ALGORITHMS: dict[str, type[hashes.SHA256 | hashes.SHA384 | hashes.SHA512]] = {
    "RS256": hashes.SHA256,
    "RS384": hashes.SHA384,
    "RS512": hashes.SHA512,
}
# What the LRS or the signing itself may add, left out of the comparison.
NOT_COMPARED = {"authority", "stored", "version", "attachments", "timestamp"}


def _decode(segment: str) -> bytes:
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))


def _comparable(statement: dict[str, Any]) -> dict[str, Any]:
    kept = {key: value for key, value in statement.items() if key not in NOT_COMPARED}
    result = kept.get("result")
    if isinstance(result, dict) and isinstance(result.get("duration"), str):
        kept["result"] = {**result, "duration": hundredths(result["duration"])}
    return kept


def verify_signature(statement: dict[str, Any], jws: bytes) -> None:
    """Raise StatementInvalid unless `jws` is a valid signature of `statement`."""
    try:
        header_b64, payload_b64, signature_b64 = jws.decode("ascii").strip().split(".")
        header = json.loads(_decode(header_b64))
        payload = json.loads(_decode(payload_b64))
        signature = _decode(signature_b64)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise StatementInvalid("the signature is not a JWS in compact serialisation") from error
    if not isinstance(header, dict) or header.get("alg") not in ALGORITHMS:
        raise StatementInvalid("the signature must use RS256, RS384 or RS512")
    if not isinstance(payload, dict):
        raise StatementInvalid("the signature's payload is not a statement")
    said = _comparable(statement)
    signed = _comparable(payload)
    if "id" not in payload:
        said.pop("id", None)
    if said != signed:
        raise StatementInvalid("the signature's payload does not match the statement")
    chain = header.get("x5c")
    if not chain:
        return
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0]))
        key = certificate.public_key()
    except (ValueError, TypeError, IndexError) as error:
        raise StatementInvalid("the signature's x5c certificate cannot be read") from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise StatementInvalid("the signature's certificate does not hold an RSA key")
    try:
        key.verify(
            signature,
            f"{header_b64}.{payload_b64}".encode(),
            padding.PKCS1v15(),
            ALGORITHMS[header["alg"]](),
        )
    except InvalidSignature as error:
        raise StatementInvalid("the signature does not verify") from error
