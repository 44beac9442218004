"""W3C Bitstring Status List: entry i holds `size` bits, counted from the left of the list.

With one bit per entry a set bit means the status applies; with more, the entry's bits read as
a number (most significant first) that the credential's status messages name."""

from __future__ import annotations

import gzip
from collections.abc import Iterable

from praxis.credentials.multibase import decode_multibase_base64url, multibase_base64url


def encode(set_indexes: Iterable[int], entries: int) -> str:
    """The `encodedList` value of a one-bit list: multibase base64url of the GZIP'd bitstring."""
    return encode_values(((index, 1) for index in set_indexes), entries, 1)


def encode_values(values: Iterable[tuple[int, int]], entries: int, status_size: int) -> str:
    """The `encodedList` value of a list of `entries` entries of `status_size` bits each, with
    the given (index, value) pairs; other entries are 0."""
    bits = bytearray(entries * status_size // 8)
    for index, value in values:
        for offset in range(status_size):
            if value >> (status_size - 1 - offset) & 1:
                position = index * status_size + offset
                bits[position >> 3] |= 0x80 >> (position & 7)
    return multibase_base64url(gzip.compress(bytes(bits), mtime=0))


def is_set(encoded_list: str, index: int) -> bool:
    """Whether bit `index` is set in a one-bit `encodedList` value; ValueError when malformed."""
    return value_at(encoded_list, index, 1) == 1


def value_at(encoded_list: str, index: int, status_size: int) -> int:
    """The value of entry `index` in an `encodedList` of `status_size`-bit entries."""
    bits = gzip.decompress(decode_multibase_base64url(encoded_list))
    if index < 0 or (index + 1) * status_size > len(bits) * 8:
        raise ValueError("status index outside the list")
    value = 0
    for offset in range(status_size):
        position = index * status_size + offset
        value = value << 1 | bool(bits[position >> 3] & (0x80 >> (position & 7)))
    return value
