"""Multibase and multicodec encodings used by Data Integrity proofs and Multikey documents."""

from __future__ import annotations

import base64

_BASE58_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {char: index for index, char in enumerate(_BASE58_ALPHABET)}
ED25519_PUBLIC_KEY_PREFIX = b"\xed\x01"  # multicodec ed25519-pub, as a varint


def base58btc_encode(data: bytes) -> str:
    number = int.from_bytes(data, "big")
    encoded = ""
    while number:
        number, remainder = divmod(number, 58)
        encoded = _BASE58_ALPHABET[remainder] + encoded
    leading_zeros = len(data) - len(data.lstrip(b"\0"))
    return "1" * leading_zeros + encoded


def base58btc_decode(text: str) -> bytes:
    """Bytes of a base58btc string; ValueError on a character outside the alphabet."""
    number = 0
    for char in text:
        if char not in _BASE58_INDEX:
            raise ValueError("not base58btc")
        number = number * 58 + _BASE58_INDEX[char]
    leading_zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * leading_zeros + body


def multibase_base58btc(data: bytes) -> str:
    return "z" + base58btc_encode(data)


def decode_multibase_base58btc(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("z"):
        raise ValueError("not a base58btc multibase value")
    return base58btc_decode(text[1:])


def multibase_base64url(data: bytes) -> str:
    return "u" + base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def decode_multibase_base64url(text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith("u"):
        raise ValueError("not a base64url multibase value")
    body = text[1:]
    return base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))


def ed25519_multikey(public_key: bytes) -> str:
    """The `publicKeyMultibase` of an Ed25519 public key (Multikey)."""
    return multibase_base58btc(ED25519_PUBLIC_KEY_PREFIX + public_key)


def ed25519_public_key_from_multikey(text: str) -> bytes:
    raw = decode_multibase_base58btc(text)
    if not raw.startswith(ED25519_PUBLIC_KEY_PREFIX) or len(raw) != 34:
        raise ValueError("not an Ed25519 Multikey")
    return raw[2:]
