"""Files attached to a lesson for learners to download: documents, spreadsheets, slides, plain
text and sound. A file is accepted when its name says an allowed type and its first bytes prove
it; it is kept under a new random name in the private storage and served only after the
lesson's own checks, always as a download that browsers may not reinterpret.

An attachment is {"key", "file", "name", "type", "size"}: `file` is its storage path, `name` the
name learners see. Its stored file never changes, so every published version keeps it.
"""

from __future__ import annotations

import uuid
import zipfile
from typing import IO, Any

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, PayloadTooLarge, ValidationFailed
from praxis.core.file_kinds import PDF, clean_file_name, is_plain_text, signature_type

FOLDER = "lesson-files"
MAX_NAME = 120

ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
CSV = "text/csv"
TEXT = "text/plain"
MP3 = "audio/mpeg"
OGG = "audio/ogg"
M4A = "audio/mp4"
WAV = "audio/wav"

# The type each allowed name ending stands for.
TYPES = {
    "pdf": PDF,
    "odt": ODT,
    "ods": ODS,
    "odp": ODP,
    "docx": DOCX,
    "xlsx": XLSX,
    "pptx": PPTX,
    "csv": CSV,
    "txt": TEXT,
    "mp3": MP3,
    "ogg": OGG,
    "oga": OGG,
    "m4a": M4A,
    "wav": WAV,
}
# Short names of the types, as learners see them beside a file.
LABELS = {
    PDF: "PDF",
    ODT: "ODT",
    ODS: "ODS",
    ODP: "ODP",
    DOCX: "DOCX",
    XLSX: "XLSX",
    PPTX: "PPTX",
    CSV: "CSV",
    TEXT: "TXT",
    MP3: "MP3",
    OGG: "Ogg",
    M4A: "M4A",
    WAV: "WAV",
}
OPEN_DOCUMENT = (ODT, ODS, ODP)
OFFICE_FOLDERS = {"word/": DOCX, "xl/": XLSX, "ppt/": PPTX}
ALLOWED = _("PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, CSV, TXT, MP3, Ogg, M4A or WAV")


def _zipped(file: IO[bytes]) -> str | None:
    """The type of an OpenDocument or Office Open XML file, told by what the zip holds."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                with archive.open("mimetype") as declared:
                    kind = declared.read(100).decode("ascii", "replace").strip()
                return kind if kind in OPEN_DOCUMENT else None
            if "[Content_Types].xml" in names:
                for folder, kind in OFFICE_FOLDERS.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, RuntimeError):
        return None
    finally:
        file.seek(0)
    return None


def sniff(file: IO[bytes], claimed: str) -> str | None:
    """The allowed type the file's content shows, or None; `claimed` (the type its name says)
    decides only between the two text types, which no first bytes tell apart."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if signature_type(head) == PDF:
        return PDF
    if head.startswith(b"PK\x03\x04"):
        return _zipped(file)
    if head.startswith(b"ID3") or head[:2] in (b"\xff\xfb", b"\xff\xf3", b"\xff\xf2"):
        return MP3
    if head.startswith(b"OggS"):
        return OGG
    if head[4:8] == b"ftyp" and head[8:11] in (b"M4A", b"mp4", b"iso", b"M4B"):
        return M4A
    if head.startswith(b"RIFF") and head[8:12] == b"WAVE":
        return WAV
    if claimed in (CSV, TEXT):
        text = is_plain_text(file.read())
        file.seek(0)
        return claimed if text else None
    return None


def _refuse(code: ErrorCode, message: Any) -> ValidationFailed:
    return ValidationFailed(code, message, fields={"file": [message]})


def clean_name(name: str) -> str:
    """The file's own name without folders or characters that break a download's header."""
    return clean_file_name(name, MAX_NAME)


def check(upload: Any) -> tuple[str, str]:
    """The (clean name, type) of an uploaded lesson file; refused with a stable code when it is
    missing or empty (file_empty), too large (file_too_large), of a kind not allowed
    (file_type_not_allowed) or not what its name says (file_disguised)."""
    if upload is None or not getattr(upload, "size", 0):
        raise _refuse(ErrorCode.FILE_EMPTY, _("Choose a file that is not empty."))
    if upload.size > settings.LESSON_FILE_MAX_BYTES:
        message = _("A lesson file can be at most %(limit)s.") % {
            "limit": filesizeformat(settings.LESSON_FILE_MAX_BYTES)
        }
        raise PayloadTooLarge(ErrorCode.FILE_TOO_LARGE, message, fields={"file": [message]})
    name = clean_name(getattr(upload, "name", "") or "")
    ending = name.rpartition(".")[2].lower() if "." in name else ""
    claimed = TYPES.get(ending)
    if claimed is None or not name.rpartition(".")[0]:
        raise _refuse(
            ErrorCode.FILE_TYPE_NOT_ALLOWED,
            _("A lesson file must be one of: %(types)s.") % {"types": ALLOWED},
        )
    if sniff(upload, claimed) != claimed:
        raise _refuse(
            ErrorCode.FILE_DISGUISED,
            _("This file is not the %(type)s file its name says it is.")
            % {"type": LABELS[claimed]},
        )
    return name, claimed


def store(upload: Any) -> dict[str, Any]:
    """Check an uploaded lesson file and keep it under a new name; nothing is kept if refused."""
    name, kind = check(upload)
    key = uuid.uuid4()
    upload.seek(0)
    ending = name.rpartition(".")[2].lower()
    stored = default_storage.save(f"{FOLDER}/{key.hex}.{ending}", File(upload))
    return {"key": str(key), "file": stored, "name": name, "type": kind, "size": int(upload.size)}


def markdown_link(key: Any, name: str) -> str:
    """The Markdown link to an attached file, as the lesson's text carries it."""
    text = name.replace("[", "(").replace("]", ")")
    return f"[{text}]({reverse('catalog:attachment', args=[key])})"
