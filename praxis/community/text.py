"""What a post's text holds: rendered HTML, @mentions, links; and what an attachment really is.

Posts are Markdown rendered by praxis.core.markdown (sanitised: no HTML or script written by a
member ever runs in a reader's browser). Mentions (@handle) become links to the member's page
before rendering; web addresses written bare (https://…, www.…) become links after it, in the
rendered text outside links and code, so that Markdown links and code stay as written.
Attachments are recognised by their first bytes, not by their names.
"""

from __future__ import annotations

import html
import string
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import reverse

from praxis.core import file_kinds
from praxis.core.markdown import render_markdown, sanitise
from praxis.core.patterns import client_pattern

MENTION = client_pattern(r"@([a-z0-9][a-z0-9-]{1,39})", ignore_case=True)
LINK = client_pattern(r"https?://|www\.", ignore_case=True)
CODE = client_pattern(r"(?s)(```.*?```|`[^`\n]*`)")
MARKUP = client_pattern(r"<\s*(html|script|svg|!doctype)", ignore_case=True)
# A bare web address runs up to a space, a character never written raw in an address, or a
# punctuation mark of the text around it that no address holds unencoded (Chinese, Japanese and
# Arabic punctuation, typographic quotes): "请看https://www.who.int。" links the address alone.
ADDRESS = client_pattern(
    r"(?:https?://|www\.)"
    r"[^\s\pZ\pC<>\"`。，、；：！？「」『』【】《》〈〉（）［］｛｝“”‘’«»‹›…،؛؟۔]+",
    ignore_case=True,
)
# Rendered HTML split into tags and text. The sanitiser escapes "<" and ">" in text and in
# attribute values, so a tag is exactly "<" up to the next ">".
TAG = client_pattern(r"(<[^>]*>)")
TAG_NAME = client_pattern(r"^</?([a-zA-Z0-9]+)")
# Text inside these is left as written: a link already, or code.
UNLINKED = {"a", "code", "pre", "kbd"}
# Punctuation that ends a sentence rather than an address; a closing bracket only when the
# address opens none (so that ".../Health_(disambiguation)" keeps its own).
TRAILING = ".,:;!?'*_~"
CLOSING = {")": "(", "]": "[", "}": "{"}
# What joins an address to the text before it, making it part of a word or of another address.
ADDRESS_JOINED = set(string.ascii_letters + string.digits + "_/@.")


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
    return _with_addresses_linked(render_markdown(text))


def _with_addresses_linked(rendered: str) -> str:
    """Sanitised HTML with the bare web addresses in its text made links, each set left to
    right so that it reads whole in right-to-left text; sanitised again, so that they carry
    what every link in a post does (rel="noopener nofollow", http and https only)."""
    pieces: list[str] = []
    inside, changed = 0, False
    for index, piece in enumerate(TAG.split(rendered)):
        if index % 2:
            name = TAG_NAME.search(piece)
            if name is not None and name.group(1).lower() in UNLINKED:
                inside = max(0, inside + (-1 if piece.startswith("</") else 1))
        elif not inside and ADDRESS.search(piece):
            linked = _linked_text(html.unescape(piece))
            changed = changed or linked is not None
            piece = piece if linked is None else linked
        pieces.append(piece)
    return sanitise("".join(pieces)) if changed else rendered


def _linked_text(prose: str) -> str | None:
    """`prose` (plain text) as HTML with its bare web addresses linked; None when none is."""
    pieces: list[str] = []
    done = 0
    for match in ADDRESS.finditer(prose):
        start = match.start()
        # "xhttps://…" or "me@www.example.org" is no address of its own; Chinese and Japanese,
        # written without spaces, put one right after a word.
        if start and prose[start - 1] in ADDRESS_JOINED:
            continue
        address = _without_trailing_punctuation(match.group(0))
        href = _href(address)
        if href is None:
            continue
        pieces += [
            html.escape(prose[done:start], quote=False),
            f'<span dir="ltr"><a href="{html.escape(href)}">'
            f"{html.escape(address, quote=False)}</a></span>",
        ]
        done = start + len(address)
    if not pieces:
        return None
    return "".join([*pieces, html.escape(prose[done:], quote=False)])


def _without_trailing_punctuation(address: str) -> str:
    opened = {closer: address.count(opener) for closer, opener in CLOSING.items()}
    closed = {closer: address.count(closer) for closer in CLOSING}
    end = len(address)
    while end:
        last = address[end - 1]
        if last in CLOSING and closed[last] > opened[last]:
            closed[last] -= 1
        elif last not in TRAILING:
            break
        end -= 1
    return address[:end]


def _href(address: str) -> str | None:
    """Where a bare address leads, or None if it names no host. "www." addresses are taken
    as https: nearly every site serves it, and a reader is never sent over plain http unasked."""
    if address[:4].lower() == "www.":
        href, rest = f"https://{address}", address[4:]
    else:
        scheme, _, rest = address.partition("://")
        href = f"{scheme.lower()}://{rest}"
    if not rest[:1].isalnum():
        return None
    try:
        host = urlsplit(href).hostname
    except ValueError:  # a malformed address, such as an unclosed "[" of an IPv6 host
        return None
    return href if host else None


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
