"""Lesson content: Markdown rendered to safe HTML, and the rules for video links and files.

Authors write Markdown (raw HTML allowed); what reaches a learner is sanitised with nh3 against
a fixed tag list. Nothing is loaded from another host (the Content-Security-Policy forbids it),
so images from elsewhere become plain links, and a video is only ever a link with a transcript.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

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


def is_same_site(url: str) -> bool:
    """True for a relative URL or one on this site's own origin."""
    parts = urlsplit(url.strip())
    if not parts.scheme and not parts.netloc:
        return True
    site = urlsplit(settings.SITE_URL)
    return (parts.scheme, parts.netloc) == (site.scheme, site.netloc)


class _LessonTree(Treeprocessor):
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


class _LessonExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_LessonTree(md), "praxis_lesson", 1)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    # Raw <img> written in the Markdown bypasses the tree above: drop an off-site source here.
    if tag == "img" and attribute == "src" and not is_same_site(value):
        return None
    return value


def sanitise(html: str) -> str:
    """Reduce HTML to the allowed tags and attributes; links get rel="noopener nofollow"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_filter_attribute,
        link_rel=LINK_REL,
        url_schemes=URL_SCHEMES,
    )


def render_markdown(text: str) -> str:
    """Lesson Markdown as sanitised HTML, ready to show without further escaping."""
    converter = markdown.Markdown(extensions=[*MARKDOWN_EXTENSIONS, _LessonExtension()])
    return sanitise(converter.convert(text))


def video_errors(url: str, transcript: str) -> dict[str, list[str | Promise]]:
    """Field errors for a lesson's video link: an http(s) address, and always a transcript."""
    errors: dict[str, list[str | Promise]] = {}
    if not url:
        return errors
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        errors["video_url"] = [_("Give the video's full web address, starting with https://.")]
    if not transcript.strip():
        errors["transcript"] = [
            _("A video needs a transcript, so that everyone can follow the lesson without it.")
        ]
    return errors
