"""What a post's text holds: rendered HTML, @mentions, links; and what an attachment really is.

Posts are Markdown rendered by praxis.core.markdown (sanitised: no HTML or script written by a
member ever runs in a reader's browser). Mentions (@handle) become links to the member's page
before rendering. Attachments are recognised by their first bytes, not by their names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django.urls import reverse

from praxis.core import file_kinds
from praxis.core.markdown import render_markdown
from praxis.core.patterns import client_pattern

MENTION = client_pattern(r"@([a-z0-9][a-z0-9-]{1,39})", ignore_case=True)
LINK = client_pattern(r"https?://|www\.", ignore_case=True)
CODE = client_pattern(r"(?s)(```.*?```|`[^`\n]*`)")
MARKUP = client_pattern(r"<\s*(html|script|svg|!doctype)", ignore_case=True)


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


def _mentions(text: str) -> Iterator[tuple[int, int]]:
    """The (start, end) of each mention: "@handle" not preceded by a letter, digit, "_", "@" or
    "/", its handle the longest that ends where a word does."""
    for match in MENTION.finditer(text):
        start, end = match.start(), match.end()
        if start and (_is_word(text[start - 1]) or text[start - 1] in "@/"):
            continue
        while end - start > 2 and _is_word(text[end - 1]) == (
            end < len(text) and _is_word(text[end])
        ):
            end -= 1
        if end - start > 2:
            yield start, end


def mentioned_handles(body: str) -> list[str]:
    """The distinct handles mentioned in `body`, outside code, in order."""
    prose = CODE.sub(" ", body)
    return list(dict.fromkeys(prose[start + 1 : end].lower() for start, end in _mentions(prose)))


def link_count(body: str) -> int:
    return len(LINK.findall(body))


def render_post(body: str, known_handles: set[str]) -> str:
    """The post as safe HTML; mentions of known members link to their page."""

    def linked(prose: str) -> str:
        pieces, done = [], 0
        for start, end in _mentions(prose):
            handle = prose[start + 1 : end].lower()
            if handle in known_handles:
                url = reverse("community:member", args=[handle])
                # Set left to right, so that "@" stays before the handle in right-to-left text.
                pieces += [prose[done:start], f'<span dir="ltr">[@{handle}]({url})</span>']
                done = end
        return "".join([*pieces, prose[done:]])

    parts = CODE.split(body)
    # Odd parts are code spans and blocks: mentions there stay as typed.
    text = "".join(part if index % 2 else linked(part) for index, part in enumerate(parts))
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
    if (shown := file_kinds.signature_type(head)) is not None:
        return next(kind for kind in (PDF, PNG, JPEG, GIF, WEBP) if kind.content_type == shown)
    if b"\x00" not in head:
        try:
            text = head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sample is still text.
            if error.start < len(head) - 3:
                return None
            text = head[: error.start].decode("utf-8")
        if "<" in text and MARKUP.search(text):
            return None  # HTML pretending to be text would run if ever served inline
        return TEXT
    return None
