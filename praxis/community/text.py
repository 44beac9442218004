"""What a post's text holds: rendered HTML, @mentions, links; and what an attachment really is.

Posts are Markdown rendered by praxis.core.markdown (sanitised: no HTML or script written by a
member ever runs in a reader's browser). Mentions (@handle) and web addresses written bare
(https://…, www.…) become links after rendering, in the rendered text outside links and code, so
that Markdown links and code (inline, fenced or indented) stay as written: where the code is, the
Markdown converter itself has said. A bare address is kept whole through rendering, so that the
"_" and "*" it holds are never read as emphasis.
Attachments are recognised by their first bytes, not by their names.
"""

from __future__ import annotations

import html
import string
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from praxis.core import file_kinds
from praxis.core.markdown import render_markdown, sanitise
from praxis.core.patterns import client_pattern

MENTION = client_pattern(r"@([a-z0-9][a-z0-9-]{1,39})", ignore_case=True)
LINK = client_pattern(r"https?://|www\.", ignore_case=True)
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
# What Markdown reads as emphasis, and so must not see inside a bare address.
EMPHASIS = ("_", "*")


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


def _addresses(text: str) -> Iterator[tuple[int, int, str]]:
    """The (start, end, href) of each bare web address in `text`, without the punctuation of
    the sentence around it."""
    for match in ADDRESS.finditer(text):
        start = match.start()
        # "xhttps://…" or "me@www.example.org" is no address of its own; Chinese and Japanese,
        # written without spaces, put one right after a word.
        if start and text[start - 1] in ADDRESS_JOINED:
            continue
        address = _without_trailing_punctuation(match.group(0))
        href = _href(address)
        if href is not None:
            yield start, start + len(address), href


def _mentions_outside_addresses(text: str) -> Iterator[tuple[int, int]]:
    spans = [(start, end) for start, end, _ in _addresses(text)]
    for start, end in _mentions(text):
        if not any(start < span_end and span_start < end for span_start, span_end in spans):
            yield start, end


def _prose(rendered: str) -> Iterator[tuple[bool, str]]:
    """Rendered HTML in pieces, each (True, its text unescaped) for text outside links and code,
    or (False, the HTML as it is) for tags and for text inside them."""
    inside = 0
    for index, piece in enumerate(TAG.split(rendered)):
        if index % 2:
            name = TAG_NAME.search(piece)
            if name is not None and name.group(1).lower() in UNLINKED:
                inside = max(0, inside + (-1 if piece.startswith("</") else 1))
            yield False, piece
        elif inside or not piece:
            yield False, piece
        else:
            yield True, html.unescape(piece)


def _rendered(body: str) -> str:
    """`body` as sanitised HTML, its bare addresses shown exactly as written.

    A reply's text is read several times as it is posted (for the page, its mentions, the
    notices and the warnings about unknown handles): the last texts rendered are kept, per
    address of the site (which says which images are its own).

    Before rendering, the "_" and "*" of each bare address are replaced by words that `body`
    does not hold, and put back after: Markdown reads no emphasis in them, wherever they stand
    (in text, code or a link's target), and everything around them renders as before."""
    return _rendered_for_site(body, settings.SITE_URL)


@lru_cache(maxsize=8)
def _rendered_for_site(body: str, _site: str) -> str:
    if not any(mark in body for mark in EMPHASIS):
        return render_markdown(body)
    # A word that begins with the only "q" it holds cannot be found across the edge of another
    # one or of the text around it, so putting the marks back is exact.
    serial = 0
    while f"qz{serial}" in body:
        serial += 1
    stand_ins = {mark: f"qz{serial}{letter}" for mark, letter in zip(EMPHASIS, "us", strict=True)}
    pieces, done = [], 0
    for start, end, _ in _addresses(body):
        address = body[start:end]
        for mark, stand_in in stand_ins.items():
            address = address.replace(mark, stand_in)
        pieces += [body[done:start], address]
        done = end
    rendered = render_markdown("".join([*pieces, body[done:]]))
    for mark, stand_in in stand_ins.items():
        rendered = rendered.replace(stand_in, mark)
    return rendered


def mentioned_handles(body: str) -> list[str]:
    """The distinct handles mentioned in `body`, in order: those that render_post would link,
    outside code, links and web addresses."""
    handles = [
        text[start + 1 : end].lower()
        for is_prose, text in _prose(_rendered(body))
        if is_prose
        for start, end in _mentions_outside_addresses(text)
    ]
    return list(dict.fromkeys(handles))


def link_count(body: str) -> int:
    return len(LINK.findall(body))


def render_post(body: str, known_handles: set[str]) -> str:
    """The post as safe HTML; mentions of known members link to their page and bare web
    addresses to where they lead, each set left to right so that it reads whole (the "@"
    before the handle) in right-to-left text; sanitised again when anything was linked, so
    that these links carry what every link in a post does (rel="noopener nofollow", http and
    https only)."""
    rendered = _rendered(body)
    pieces: list[str] = []
    changed = False
    for is_prose, piece in _prose(rendered):
        linked = _linked_text(piece, known_handles) if is_prose else None
        changed = changed or linked is not None
        pieces.append(piece if linked is None else linked)
    return sanitise("".join(pieces)) if changed else rendered


def _linked_text(prose: str, known_handles: set[str]) -> str | None:
    """`prose` (plain text) as HTML with its bare web addresses and its mentions of known
    members linked; None when nothing is."""
    links: list[tuple[int, int, str]] = []
    for start, end, href in _addresses(prose):
        links.append((start, end, f'<a href="{html.escape(href)}">'))
    for start, end in _mentions_outside_addresses(prose):
        handle = prose[start + 1 : end].lower()
        if handle in known_handles:
            url = reverse("community:member", args=[handle])
            links.append((start, end, f'<a href="{html.escape(url)}">'))
    if not links:
        return None
    pieces: list[str] = []
    done = 0
    for start, end, opening in sorted(links):
        shown = prose[start:end]
        if shown.startswith("@"):
            shown = shown.lower()
        pieces += [
            html.escape(prose[done:start], quote=False),
            f'<span dir="ltr">{opening}{html.escape(shown, quote=False)}</a></span>',
        ]
        done = end
    return "".join([*pieces, html.escape(prose[done:], quote=False)])


def _without_trailing_punctuation(address: str) -> str:
    opened = {closer: address.count(opener) for closer, opener in CLOSING.items()}
    closed = {closer: address.count(closer) for closer in CLOSING}
    end = len(address)
    while end:
        last = address[end - 1]
        if last in CLOSING and closed[last] > opened[last]:
            closed[last] -= 1
        elif last not in TRAILING or (last in EMPHASIS and _closes_a_pair(address[:end])):
            break
        end -= 1
    return address[:end]


def _closes_a_pair(address: str) -> bool:
    """True when the run of "_" or "*" that `address` ends with closes a run just like it that
    opens inside the address after a character that is not a word's, as Markdown would pair
    them: ".../__init__" keeps its last "__", "www.who.int*" (emphasis around it) does not."""
    mark = address[-1]
    opening = len(address)
    while opening and address[opening - 1] == mark:
        opening -= 1
    run, head = address[opening:], address[:opening]
    index = head.find(run)
    while index >= 0:
        after = index + len(run)
        if (
            index
            and not _is_word(head[index - 1])
            and head[index - 1] != mark
            and after < len(head)
            and _is_word(head[after])
        ):
            return True
        index = head.find(run, index + 1)
    return False


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
