"""Responses compressed as they go out, and pages kept for everybody compressed once.

Django's GZipMiddleware compresses every response it sends. For a page served whole from text
kept for every visitor (praxis.core.fragments), compressing it again on every request took more
CPU than the rest of the request. Such a page is the same for every visitor but for the CSRF
token of its forms, so each worker compresses its text once, in pieces split where the token
goes (`kept`), and a request's own token goes between them as a stored (uncompressed) DEFLATE
block: the visitor gets one valid gzip stream, with a header and trailer (CRC-32 and length of
what they receive) written for them.

Each piece ends on a byte boundary (a sync flush), and is compressed knowing what precedes it in
the page, the token's place held by as many bytes 0xFF: a piece may still refer back to the text
before the token (the header, the navigation), at the same distances, so the page is as small as
compressed whole; and as 0xFF is never part of UTF-8 text, nothing is ever compressed as a copy
of the token's place. The token shares no compression state with the page's text, which members
write (BREACH); the header also carries a name of random length, as Django's middleware adds.

A kept text with no visitor's part (the catalogue, a search, the home page, the API's answers)
holds no secret, and is also sent with Brotli to a browser that asks for it, about a quarter
smaller than with gzip: compressed at its best quality (15 to 30 ms for a page) when the same
text is asked for a second time in the worker, so that a text asked once (a search found
afresh) costs no more than before.

Every other response is compressed by Django's middleware, as before.
"""

from __future__ import annotations

import secrets
import struct
import threading
import zlib
from collections import OrderedDict
from dataclasses import dataclass

import brotli
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.middleware.gzip import GZipMiddleware, re_accepts_gzip
from django.utils.cache import patch_vary_headers

# What each worker keeps of the pages it compressed (their text, as sent, and compressed), at
# most: pages beyond it are compressed again when next asked.
KEPT_BYTES = 4 * 1024 * 1024
# The gzip header (RFC 1952) with a file name to follow, as Django writes it: no time, the
# default compression, an unknown system.
_HEADER = b"\x1f\x8b\x08\x08\x00\x00\x00\x00\x00\xff"
_STORED_BLOCK_LIMIT = 0xFFFF
_ATTRIBUTE = "praxis_kept_page"
BROTLI_QUALITY = 11


@dataclass(frozen=True)
class Kept:
    """A response's text as kept for everybody (`text`, holding `placeholder` where a
    visitor's own part goes) and that visitor's part (`fill`)."""

    text: str
    placeholder: str = ""
    fill: str = ""


# What DEFLATE refers back to at most (32 KiB).
_WINDOW = 1 << zlib.MAX_WBITS
# A byte no UTF-8 text holds: what stands for the visitor's part while the pieces are compressed.
_NOT_TEXT = b"\xff"


@dataclass
class _Pieces:
    sent: tuple[bytes, ...]  # the text's pieces as sent (UTF-8), between the visitor's parts
    deflated: tuple[bytes, ...]  # each piece compressed, the last one ending the stream
    asked: int = 0  # times asked for with Brotli (a text without a visitor's part)
    brotli: bytes | None = None  # the whole text with Brotli, once asked for twice

    @property
    def size(self) -> int:
        made = len(self.brotli) if self.brotli is not None else 0
        return sum(map(len, self.sent)) + sum(map(len, self.deflated)) + made


def kept(response: HttpResponseBase, text: str, placeholder: str = "", fill: str = "") -> None:
    """Mark `response` as `text` kept for everybody, with `fill` in place of each `placeholder`
    (its content must be exactly that): it is then compressed from pieces kept by the worker."""
    setattr(response, _ATTRIBUTE, Kept(text, placeholder, fill if placeholder else ""))


class _Compressed:
    """The pieces of the texts a worker compressed, the most recently used kept."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._entries: OrderedDict[tuple[str, str, int], _Pieces] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    @staticmethod
    def _key(page: Kept) -> tuple[str, str, int]:
        # Compressed for a visitor's part of this length (a CSRF token's is always the same).
        return (page.text, page.placeholder, len(page.fill.encode()))

    def pieces(self, page: Kept) -> _Pieces:
        key = self._key(page)
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        made = _compress(page)
        with self._lock:
            if key not in self._entries:
                self._entries[key] = made
                self._size += made.size + len(page.text)
            while self._size > self._limit and len(self._entries) > 1:
                old, dropped = self._entries.popitem(last=False)
                self._size -= dropped.size + len(old[0])
        return made

    def brotli(self, page: Kept, content: bytes) -> bytes | None:
        """`content`, the text of `page` (which has no visitor's part), with Brotli once it has
        been asked for twice; else None."""
        pieces = self.pieces(page)
        if pieces.sent[0] != content:
            return None
        with self._lock:
            pieces.asked += 1
            made, asked = pieces.brotli, pieces.asked
        if made is None and asked >= 2:
            made = brotli.compress(content, quality=BROTLI_QUALITY)
            with self._lock:
                if pieces.brotli is None:
                    pieces.brotli = made
                    if self._entries.get(self._key(page)) is pieces:  # not dropped since
                        self._size += len(made)
        return made

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._size = 0


_compressed = _Compressed(KEPT_BYTES)


def _compress(page: Kept) -> _Pieces:
    texts = page.text.split(page.placeholder) if page.placeholder else [page.text]
    sent = tuple(text.encode() for text in texts)
    stand_in = _NOT_TEXT * len(page.fill.encode())
    deflated = []
    before = b""  # the page up to this piece, the visitor's parts stood in for
    for number, piece in enumerate(sent):
        compressor = (
            zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, zdict=before)
            if before
            else zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
        )
        ending = zlib.Z_FINISH if number == len(sent) - 1 else zlib.Z_SYNC_FLUSH
        deflated.append(compressor.compress(piece) + compressor.flush(ending))
        before = (before + piece + stand_in)[-_WINDOW:]
    return _Pieces(sent, tuple(deflated))


def _stored(data: bytes) -> bytes:
    """`data` as stored DEFLATE blocks, none of them the last of the stream."""
    blocks = []
    for start in range(0, max(len(data), 1), _STORED_BLOCK_LIMIT):
        chunk = data[start : start + _STORED_BLOCK_LIMIT]
        blocks.append(b"\x00" + struct.pack("<HH", len(chunk), len(chunk) ^ 0xFFFF) + chunk)
    return b"".join(blocks)


def gzipped(page: Kept, content: bytes, max_random_bytes: int = 0) -> bytes | None:
    """`content` (the text of `page` with its visitor's part) as a gzip stream made of the
    pieces kept for `page`, or None when `content` is not that text."""
    pieces = _compressed.pieces(page)
    fill = page.fill.encode()
    if fill.join(pieces.sent) != content:
        return None
    name = b"a" * secrets.randbelow(max_random_bytes) if max_random_bytes else b""
    trailer = struct.pack("<II", zlib.crc32(content), len(content) & 0xFFFFFFFF)
    return b"".join([_HEADER, name, b"\x00", _stored(fill).join(pieces.deflated), trailer])


def _accepts_brotli(accepted: str) -> bool:
    """Whether an Accept-Encoding header names Brotli ("br")."""
    return any(part.split(";")[0].strip() == "br" for part in accepted.split(","))


class CompressionMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, with the pages marked by `kept` compressed from kept pieces."""

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        page = getattr(response, _ATTRIBUTE, None)
        if (
            page is None
            or not isinstance(response, HttpResponse)
            or response.has_header("Content-Encoding")
            or len(response.content) < 200
        ):
            return super().process_response(request, response)
        patch_vary_headers(response, ("Accept-Encoding",))
        accepted = request.META.get("HTTP_ACCEPT_ENCODING", "")
        body = None
        if _accepts_brotli(accepted) and not page.placeholder:
            body, encoding = _compressed.brotli(page, response.content), "br"
        if body is None:
            if not re_accepts_gzip.search(accepted):
                return response
            body, encoding = gzipped(page, response.content, self.max_random_bytes), "gzip"
        if body is None:
            # Changed after the view made it: compressed as any other response.
            return super().process_response(request, response)
        response.content = body
        response.headers["Content-Length"] = str(len(body))
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        response.headers["Content-Encoding"] = encoding
        return response
