"""Files an author may send to an import form by mistake, each made as the program that writes
it would, with the sentence that names its kind."""

from __future__ import annotations

import io

from PIL import Image

from praxis.packages.tests.crafting import zip_of

CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'


def picture(kind: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, kind)
    return buffer.getvalue()


def office(folder: str) -> bytes:
    return zip_of({"[Content_Types].xml": CONTENT_TYPES, f"{folder}/main.xml": "<x/>"})


def open_document(kind: str) -> bytes:
    media_type = f"application/vnd.oasis.opendocument.{kind}"
    return zip_of({"mimetype": media_type, "content.xml": "<office:document-content/>"})


# (file name, content, what the message says it is)
KINDS = [
    ("ward.png", picture("PNG"), "a PNG image"),
    ("ward.jpg", picture("JPEG"), "a JPEG image"),
    ("ward.gif", picture("GIF"), "a GIF image"),
    ("ward.webp", picture("WEBP"), "a WebP image"),
    ("bank.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
    ("bank.docx", office("word"), "a Word document"),
    ("bank.xlsx", office("xl"), "an Excel spreadsheet"),
    ("bank.pptx", office("ppt"), "a PowerPoint presentation"),
    ("bank.odt", open_document("text"), "an OpenDocument text"),
    ("bank.ods", open_document("spreadsheet"), "an OpenDocument spreadsheet"),
    ("bank.odp", open_document("presentation"), "an OpenDocument presentation"),
    ("notes.txt", "Câu 1: khi nào cần rửa tay?\n".encode(), "a plain text file"),
    ("page.html", b"<!DOCTYPE html>\n<html><body>Quiz</body></html>", "a web page (HTML)"),
]
