"""W3C Bitstring Status List: bit i (counted from the left) set means the status applies."""

from __future__ import annotations

import gzip
from collections.abc import Iterable

from praxis.credentials.multibase import decode_multibase_base64url, multibase_base64url


def encode(set_indexes: Iterable[int], size: int) -> str:
    """The `encodedList` value: multibase base64url of the GZIP-compressed bitstring."""
    bits = bytearray(size // 8)
    for index in set_indexes:
        bits[index >> 3] |= 0x80 >> (index & 7)
    return multibase_base64url(gzip.compress(bytes(bits), mtime=0))


def is_set(encoded_list: str, index: int) -> bool:
    """Whether bit `index` is set in an `encodedList` value; ValueError when malformed."""
    bits = gzip.decompress(decode_multibase_base64url(encoded_list))
    if not 0 <= index < len(bits) * 8:
        raise ValueError("status index outside the list")
    return bool(bits[index >> 3] & (0x80 >> (index & 7)))
