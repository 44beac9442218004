"""What an uploaded file is, told by its content rather than its name: the first bytes of the
kinds of file several pillars accept (PDF and the pictures browsers show), and whether bytes are
plain text. Each pillar keeps its own list of what it accepts and says so in its own words."""

from __future__ import annotations

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"

# Control characters never found in plain text (tab and the two new-line characters are).
TEXT_CONTROLS = frozenset(range(32)) - {9, 10, 13}


def signature_type(head: bytes) -> str | None:
    """The type the first bytes of a file (16 are enough) show among PDF, PNG, JPEG, GIF and
    WebP, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    return None


def is_plain_text(data: bytes) -> bool:
    """Whether `data` is UTF-8 text without control characters beyond tab and new lines."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not TEXT_CONTROLS.intersection(data)


def clean_file_name(name: str, max_length: int) -> str:
    """A file's own name without folders or characters that break a download's header,
    shortened to `max_length` characters with its ending kept."""
    base = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    kept = "".join(c for c in base if c.isprintable() and c not in '"<>:;|?*').strip(" .")
    if len(kept) > max_length:
        stem, _dot, ending = kept.rpartition(".")
        kept = f"{stem[: max_length - len(ending) - 1]}.{ending}"
    return kept
