"""What a session's uploaded slides or recording may be, told by the file's first bytes, never
by its name or the browser's word: PDF, OpenDocument or Office Open XML slides, MP4, WebM, MP3."""

from __future__ import annotations

import zipfile
from typing import IO

SLIDE_TYPES = {"application/pdf", "application/zip-slides"}
MAX_BYTES = 200 * 1024 * 1024


def _zip_slides(file: IO[bytes]) -> str | None:
    """The media type of a zipped slide deck (.odp or .pptx), or None for any other zip."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                kind = archive.read("mimetype").decode("ascii", "replace").strip()
                if kind == "application/vnd.oasis.opendocument.presentation":
                    return kind
            if "[Content_Types].xml" in names and any(n.startswith("ppt/") for n in names):
                return "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return None
    finally:
        file.seek(0)
    return None


def sniff(file: IO[bytes], kind: str) -> str | None:
    """The media type of `file` if it is an allowed `kind` ("slides" or "recording")."""
    head = file.read(16)
    file.seek(0)
    if kind == "slides":
        if head.startswith(b"%PDF-"):
            return "application/pdf"
        if head.startswith(b"PK\x03\x04"):
            return _zip_slides(file)
        return None
    if head[4:8] == b"ftyp":
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return "video/webm"
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3"):
        return "audio/mpeg"
    return None
