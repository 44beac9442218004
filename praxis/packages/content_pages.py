"""A package's HTML pages as the package origin serves them: with Praxis's storage script first
in the page (packages/storage.js), which gives the page a storage kept in memory where the
browser refuses the framed package origin its own. Authoring tools' pages read localStorage and
sessionStorage without a guard and stop there otherwise. The page is otherwise sent as stored,
streamed, never read whole."""

from __future__ import annotations

from collections.abc import Iterator

from django.core.files import File
from django.templatetags.static import static

from praxis.core.patterns import client_pattern

__all__ = ["PageWithStorageScript"]

CHUNK = 64 * 1024
# Where the tag goes: past what may open a page (a byte order mark, white space, comments, an
# XML declaration, the doctype, the html start tag), after the head's start tag if that comes
# next; so before every script of the page's own, and never before the doctype (which would put
# the page in quirks mode) nor inside anything else.
# Matched on the page's beginning read as Latin-1, one character a byte, whatever its encoding.
_OPENING = client_pattern(
    r"\A(?:\s+|<!--.*?-->|<\?xml[^>]*>|<!doctype[^>]*>|<html(?:[\s/][^>]*)?>)*"
    r"(?:<head(?:[\s/][^>]*)?>)?",
    ignore_case=True,
    dot_all=True,
)
_UTF8_BOM = b"\xef\xbb\xbf"
# UTF-16 and UTF-32 pages would need the tag in their own encoding: they are sent as stored.
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _storage_script_tag() -> bytes:
    return f'<script src="{static("packages/storage.js")}"></script>'.encode("ascii")


class PageWithStorageScript:
    """A package's page, read in chunks, with the storage script's tag inserted; closed (the
    file with it) by the response that streams it, whether it was read or not."""

    def __init__(self, page: File[bytes]) -> None:
        self._page = page
        beginning = page.read(CHUNK)
        self.added = b"" if beginning.startswith(_WIDE_BOMS) else _storage_script_tag()
        at = len(_UTF8_BOM) if beginning.startswith(_UTF8_BOM) else 0
        opening = _OPENING.match(beginning[at:].decode("latin-1"))
        if opening and self.added:
            at += opening.end()
        self._first = beginning[:at] + self.added + beginning[at:]

    def __iter__(self) -> Iterator[bytes]:
        yield self._first
        while chunk := self._page.read(CHUNK):
            yield chunk

    def close(self) -> None:
        self._page.close()
