"""What a post's text holds: rendered HTML, @mentions, links; and what an attachment really is.

Posts are Markdown rendered by praxis.core.markdown (sanitised: no HTML or script written by a
member ever runs in a reader's browser). Mentions (@handle) become links to the member's page
before rendering. Attachments are recognised by their first bytes, not by their names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse

from praxis.core.markdown import render_markdown

MENTION = re.compile(r"(?<![\w@/])@([a-z0-9][a-z0-9-]{1,39})\b", re.IGNORECASE)
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
CODE = re.compile(r"(```.*?```|`[^`\n]*`)", re.DOTALL)


def mentioned_handles(body: str) -> list[str]:
    """The distinct handles mentioned in `body`, outside code, in order."""
    prose = CODE.sub(" ", body)
    return list(dict.fromkeys(match.lower() for match in MENTION.findall(prose)))


def link_count(body: str) -> int:
    return len(LINK.findall(body))


def render_post(body: str, known_handles: set[str]) -> str:
    """The post as safe HTML; mentions of known members link to their page."""

    def link(match: re.Match[str]) -> str:
        handle = match.group(1).lower()
        if handle not in known_handles:
            return match.group(0)
        return f"[@{handle}]({reverse('community:member', args=[handle])})"

    parts = CODE.split(body)
    # Odd parts are code spans and blocks: mentions there stay as typed.
    text = "".join(
        part if index % 2 else MENTION.sub(link, part) for index, part in enumerate(parts)
    )
    return render_markdown(text)


def quote(author_name: str, body: str) -> str:
    """Markdown that quotes `body`, attributed to its author, to start a reply with."""
    lines = body.strip().splitlines() or [""]
    return f"> **{author_name}:**\n" + "\n".join(f"> {line}" for line in lines) + "\n\n"


@dataclass(frozen=True)
class FileType:
    content_type: str
    extensions: tuple[str, ...]


PDF = FileType("application/pdf", (".pdf",))
PNG = FileType("image/png", (".png",))
JPEG = FileType("image/jpeg", (".jpg", ".jpeg"))
GIF = FileType("image/gif", (".gif",))
WEBP = FileType("image/webp", (".webp",))
TEXT = FileType("text/plain", (".txt", ".csv", ".md"))


def sniff(head: bytes) -> FileType | None:
    """The allowed type the first bytes of a file show, or None for anything else."""
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
    if b"\x00" not in head:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sample is still text.
            if error.start < len(head) - 3:
                return None
            text = head[: error.start].decode("utf-8")
        if "<" in text and re.search(r"<\s*(html|script|svg|!doctype)", text, re.IGNORECASE):
            return None  # HTML pretending to be text would run if ever served inline
        return TEXT
    return None
