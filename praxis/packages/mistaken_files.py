"""Files sent to an import form by mistake: a picture, a PDF, an office document, a web page or
plain text where a package (or, for questions, an XML item) was expected.

They are told apart by their first bytes, and an office document, which is a zip too, by what
the zip holds; the author then reads what they sent and what the form expects, rather than a
complaint about XML or a manifest they never meant to send. Whatever is not plainly another kind
goes on to the package checks, which say what is wrong with it. Nothing is kept of a refused file.
"""

from __future__ import annotations

from typing import IO

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from praxis.core import file_kinds
from praxis.core.errors import ErrorCode
from praxis.core.languages import in_sentence
from praxis.packages.archive import ZIP_SIGNATURES, Archive
from praxis.packages.errors import PackageRefused

__all__ = [
    "CARTRIDGE",
    "CONTENT_PACKAGE",
    "QTI_BANK",
    "open_archive",
    "refuse_documents",
    "refuse_other_kinds",
]

# What each import form expects, told after what was sent.
QTI_BANK = _("A QTI question bank is a .zip package or one .xml item file.")
CARTRIDGE = _("A Common Cartridge is an .imscc or .zip file.")
CONTENT_PACKAGE = _("A SCORM, cmi5, xAPI or H5P package is a .zip or .h5p file.")

# As much of the start of a file as tells text from other bytes.
HEAD_BYTES = 4096
# A file's name as the message shows it.
NAME_SHOWN = 80
# XML may be written in UTF-16 or UTF-32, whose first bytes are not text to a UTF-8 reader.
WIDE_TEXT_MARKS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")

EMPTY = pgettext_lazy("a kind of file", "an empty file")
OTHER = pgettext_lazy("a kind of file", "a file of another kind")
TEXT = pgettext_lazy("a kind of file", "a plain text file")
XML = pgettext_lazy("a kind of file", "an XML file")
HTML = pgettext_lazy("a kind of file", "a web page (HTML)")
SIGNED = {
    file_kinds.PNG: pgettext_lazy("a kind of file", "a PNG image"),
    file_kinds.JPEG: pgettext_lazy("a kind of file", "a JPEG image"),
    file_kinds.GIF: pgettext_lazy("a kind of file", "a GIF image"),
    file_kinds.WEBP: pgettext_lazy("a kind of file", "a WebP image"),
    file_kinds.PDF: pgettext_lazy("a kind of file", "a PDF document"),
}
# A zip holding one of these at its root is read as a package, whatever else it holds.
PACKAGE_MANIFESTS = frozenset({"imsmanifest.xml", "cmi5.xml", "tincan.xml", "h5p.json"})
# Office Open XML keeps its main part in a folder of its own beside [Content_Types].xml.
OFFICE_FOLDERS = {
    "word/": pgettext_lazy("a kind of file", "a Word document"),
    "xl/": pgettext_lazy("a kind of file", "an Excel spreadsheet"),
    "ppt/": pgettext_lazy("a kind of file", "a PowerPoint presentation"),
}
# OpenDocument declares its kind in a `mimetype` file at the zip's root.
OPEN_DOCUMENTS = {
    "application/vnd.oasis.opendocument.text": pgettext_lazy(
        "a kind of file", "an OpenDocument text"
    ),
    "application/vnd.oasis.opendocument.spreadsheet": pgettext_lazy(
        "a kind of file", "an OpenDocument spreadsheet"
    ),
    "application/vnd.oasis.opendocument.presentation": pgettext_lazy(
        "a kind of file", "an OpenDocument presentation"
    ),
}


def _refused(
    upload: IO[bytes], kind: Promise, expected: Promise, code: ErrorCode
) -> PackageRefused:
    name = file_kinds.clean_file_name(getattr(upload, "name", "") or "", NAME_SHOWN)
    if name:
        found = _("“%(name)s” is %(kind)s.") % {"name": in_sentence(name), "kind": kind}
    else:
        found = _("This file is %(kind)s.") % {"kind": kind}
    message = pgettext_lazy(
        "what a refused file is, then what the form expects", "%(found)s %(expected)s"
    ) % {"found": found, "expected": expected}
    return PackageRefused(code, message=message)


def _text(head: bytes) -> str | None:
    """The start of a file as text, or None when it is not UTF-8 text; a character cut short at
    the end of `head` is not held against it."""
    whole = head
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return None
        whole = head[: error.start]
    return whole.decode("utf-8") if file_kinds.is_plain_text(whole) else None


def _head_kind(head: bytes, *, xml: bool) -> Promise | None:
    """What the first bytes show a file to be when it is plainly not what the form reads, or
    None to go on reading it."""
    if head.startswith(ZIP_SIGNATURES):
        return None
    signed = file_kinds.signature_type(head)
    if signed in SIGNED:
        return SIGNED[signed]
    text = _text(head)
    if text is None:
        if xml:
            return None if head.startswith(WIDE_TEXT_MARKS) else OTHER
        # The zip check says it is not a zip, or a damaged one.
        return None
    start = text.lstrip("\ufeff \t\r\n")[:20].lower()
    if start.startswith(("<!doctype html", "<html")):
        return HTML
    if start.startswith("<"):
        return None if xml else XML
    return TEXT


def refuse_other_kinds(upload: IO[bytes], expected: Promise, *, xml: bool = False) -> None:
    """Refuse (`file_empty`, `file_type_not_allowed`) an upload whose first bytes show it is
    not a zip (nor, with `xml`, an XML file): saying what it is and the form's `expected`."""
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    if not head:
        raise _refused(upload, EMPTY, expected, ErrorCode.FILE_EMPTY)
    kind = _head_kind(head, xml=xml)
    if kind is not None:
        raise _refused(upload, kind, expected, ErrorCode.FILE_TYPE_NOT_ALLOWED)


def refuse_documents(archive: Archive, upload: IO[bytes], expected: Promise) -> None:
    """Refuse (`file_type_not_allowed`) a checked zip that is an office document (Word, Excel,
    PowerPoint or OpenDocument), saying what it is and the form's `expected`."""
    if PACKAGE_MANIFESTS.intersection(archive.files):
        return
    if "[Content_Types].xml" in archive.files:
        for folder, kind in OFFICE_FOLDERS.items():
            if any(name.startswith(folder) for name in archive.files):
                raise _refused(upload, kind, expected, ErrorCode.FILE_TYPE_NOT_ALLOWED)
    if "mimetype" in archive.files and archive.files["mimetype"].file_size < 100:
        declared = archive.read_file("mimetype", 100).decode("ascii", "replace").strip()
        if declared in OPEN_DOCUMENTS:
            kind = OPEN_DOCUMENTS[declared]
            raise _refused(upload, kind, expected, ErrorCode.FILE_TYPE_NOT_ALLOWED)


def open_archive(upload: IO[bytes], expected: Promise) -> Archive:
    """The checked archive of an upload to a form that reads packages (`Archive`), an upload
    that is plainly another kind of file being refused first as `refuse_other_kinds` and
    `refuse_documents` say."""
    refuse_other_kinds(upload, expected)
    archive = Archive(upload)
    refuse_documents(archive, upload, expected)
    return archive
