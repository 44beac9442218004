"""Lesson content: Markdown rendered to safe HTML (praxis.core.markdown), and the rules for
video links and files.

Authors write Markdown (raw HTML allowed); what reaches a learner is sanitised with nh3 against
a fixed tag list. Nothing is loaded from another host (the Content-Security-Policy forbids it),
so images from elsewhere become plain links, and a video is only ever a link with a transcript.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.catalog.images import with_picture_sizes
from praxis.core.markdown import is_same_site, sanitise
from praxis.core.markdown import render_markdown as render_text

__all__ = ["is_same_site", "render_markdown", "sanitise", "video_errors"]


def render_markdown(text: str) -> str:
    """A lesson's Markdown as its learners see it: sanitised HTML (core.markdown), each of its
    pictures with its width and height (images.with_picture_sizes)."""
    return with_picture_sizes(render_text(text))


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
