"""Evidence files a learner attaches to a self-reported CPD activity: a PDF, a JPEG, PNG or WebP
picture, or plain text. A file is accepted when its name says an allowed type and its first
bytes prove it; it is kept under a folder of its own, so its name is the one the learner gave,
and served only to its learner, always as a download that browsers may not reinterpret.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath
from typing import IO, Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.file_kinds import (
    JPEG,
    PDF,
    PNG,
    WEBP,
    clean_file_name,
    is_plain_text,
    signature_type,
)

MAX_BYTES = 5 * 1024 * 1024  # the refusal below names it
MAX_NAME = 60

TEXT = "text/plain"

# The type each allowed name ending stands for.
TYPES = {"pdf": PDF, "jpg": JPEG, "jpeg": JPEG, "png": PNG, "webp": WEBP, "txt": TEXT}
# Short names of the types, as the learner reads them in a refusal.
LABELS = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", WEBP: "WebP", TEXT: "TXT"}
# What a stored file is served as: its type, told by the ending checked when it was uploaded.
# Files of any other ending (none are accepted) are served as opaque bytes.
SERVED_TYPES = {**TYPES, "txt": "text/plain; charset=utf-8"}
OPAQUE = "application/octet-stream"


def sniff(file: IO[bytes]) -> str | None:
    """The allowed type the file's content shows, or None."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if (found := signature_type(head)) in LABELS:
        return found
    data = file.read(MAX_BYTES + 1)
    file.seek(0)
    return TEXT if is_plain_text(data) else None


def clean_name(name: str) -> str:
    """The file's own name without folders or characters that break a download's header,
    shortened to MAX_NAME characters with its ending kept."""
    return clean_file_name(name, MAX_NAME)


def refusal(upload: Any) -> str | Promise | None:
    """Why an uploaded evidence file cannot be kept (a translated message), or None when it can:
    it must not be empty nor over MAX_BYTES, must be named as an allowed type and be one."""
    size = int(getattr(upload, "size", 0) or 0)
    if size <= 0:
        return _("Choose a file that is not empty.")
    if size > MAX_BYTES:
        return _("The evidence file must be under 5 MB.")
    name = clean_name(getattr(upload, "name", "") or "")
    stem, dot, ending = name.rpartition(".")
    claimed = TYPES.get(ending.lower()) if dot and stem else None
    if claimed is None:
        return _("Attach a PDF, a JPEG, PNG or WebP picture, or a plain text file.")
    if sniff(upload) != claimed:
        return _("This file is not the %(type)s file its name says it is.") % {
            "type": LABELS[claimed]
        }
    return None


def storage_name(upload: Any) -> str:
    """The name to keep an accepted file under, inside the field's yearly folder: a folder of
    its own, so that the learner's name for it never collides with another file's."""
    return f"{uuid.uuid4().hex[:16]}/{clean_name(upload.name)}"


def shown_name(stored: str) -> str:
    """The name of a stored evidence file as its learner gave it (its last path part)."""
    return PurePosixPath(stored).name


def served_type(stored: str) -> str:
    """The type a stored evidence file is served as, told by its checked ending."""
    ending = shown_name(stored).rpartition(".")[2].lower()
    return SERVED_TYPES.get(ending, OPAQUE)
