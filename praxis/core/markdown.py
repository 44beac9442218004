"""Markdown written by people, rendered to HTML that is safe to show to anyone else.

Text is converted with Python-Markdown (raw HTML allowed) and then sanitised with nh3 against a
fixed tag list, so that no script, style or event handler written by a user ever reaches a
reader's browser. Nothing is loaded from another host (the Content-Security-Policy forbids it),
so images from elsewhere become plain links. Headings are demoted one level: the page title is
the only h1.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as etree
from urllib.parse import unquote, urlsplit

import markdown
import nh3
from django.conf import settings
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from praxis.core.patterns import client_pattern

# fmt: off
ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
    "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}
# fmt: on
ALLOWED_ATTRIBUTES = {
    "*": {"lang", "dir"},
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "ol": {"start"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
}
DROPPED_WITH_CONTENT = {"script", "style"}
URL_SCHEMES = {"http", "https", "mailto"}
LINK_REL = "noopener nofollow"
MARKDOWN_EXTENSIONS = ["tables", "fenced_code", "sane_lists", "def_list", "abbr"]
# Every image in sanitised HTML: the sanitiser writes each as `<img ...>`, its attributes quoted.
IMAGE_TAG = client_pattern(r"<img\b[^>]*>")


# What browsers do to an address before reading it (the WHATWG URL standard): C0 controls and
# spaces at either end are dropped, tabs and newlines anywhere, and "\" counts as "/".
_EDGE_JUNK = "".join(chr(code) for code in range(0x21))
_TAB_OR_NEWLINE = {ord("\t"): None, ord("\n"): None, ord("\r"): None}
# Percent-encoding undone this many times, so that "%5C" and "%255C" are judged as "\" too.
_DECODINGS = 3


def _as_browsers_read(url: str) -> str:
    return url.strip(_EDGE_JUNK).translate(_TAB_OR_NEWLINE).replace("\\", "/")


def is_same_site(url: str) -> bool:
    """True for a relative URL or one on this site's own origin, as a browser would read it.

    Judged on the address and on its percent-decoded forms: any of them that a browser could
    take for another host (`//host`, `/\\host`, `http:host`…) makes the address off-site.
    """
    site = urlsplit(settings.SITE_URL)
    candidate = url
    for _ in range(_DECODINGS + 1):
        form = _as_browsers_read(candidate)
        parts = urlsplit(form)
        names_a_host = bool(parts.scheme or parts.netloc or form.startswith("//"))
        origin = (parts.scheme.lower(), parts.netloc.lower())
        if names_a_host and origin != (site.scheme, site.netloc.lower()):
            return False
        candidate = unquote(candidate)
    return True


class _SafeTree(Treeprocessor):
    """Demote headings (the page title is the only h1) and turn off-site images into links."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            for index, child in enumerate(list(parent)):
                if child.tag in {"h1", "h2", "h3", "h4", "h5"}:
                    child.tag = f"h{int(child.tag[1]) + 1}"
                elif child.tag == "img" and not is_same_site(child.get("src", "")):
                    link = etree.Element("a", {"href": child.get("src", "")})
                    link.text = child.get("alt") or child.get("title") or child.get("src", "")
                    link.tail = child.tail
                    parent.remove(child)
                    parent.insert(index, link)


class _SafeExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_SafeTree(md), "praxis_safe", 1)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Raw <img> written in the Markdown bypasses the tree above: drop an off-site source here.
    if tag == "img" and attribute == "src" and not is_same_site(value):
        return None
    return value


def _decorative_unless_described(html: str) -> str:
    """An image written without a text alternative is announced as decorative (alt=""), not
    by its file name. The sanitiser writes every image tag as `<img ...>` with its attributes
    separated by single spaces, so looking inside each tag for ` alt=` is exact."""
    before, *images = html.split("<img")
    parts = [before]
    for rest in images:
        end = rest.find(">")
        tag = rest if end < 0 else rest[:end]
        parts.append("<img" + ("" if " alt=" in tag else ' alt=""') + rest)
    return "".join(parts)


def sanitise(html: str) -> str:
    """Reduce HTML to the allowed tags and attributes; links get rel="noopener nofollow";
    images without a text alternative get an empty one."""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
    )
    return _decorative_unless_described(cleaned)


# One converter per thread, reset before each text: making one (its extensions' processors and
# patterns) takes about as long as converting a short post, and a reset forgets everything the
# last text defined (references, abbreviations, stashed HTML).
_converters = threading.local()


def _converter() -> markdown.Markdown:
    converter: markdown.Markdown | None = getattr(_converters, "markdown", None)
    if converter is None:
        converter = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _SafeExtension()])
        _converters.markdown = converter
    return converter.reset()


def render_markdown(text: str) -> str:
    """Markdown as sanitised HTML, ready to show without further escaping."""
    return sanitise(_converter().convert(text))
