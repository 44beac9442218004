"""The installable app: its manifest, its service worker and the page that works offline.

The service worker is ours and small (web/templates/web/sw.js): it keeps the site's shell for
offline use (the offline page in one language, the learner's), answers a page that cannot be
reached with the offline page (which shows the downloaded course the address belongs to), and
sends what was done offline when the connection returns. Its version is a digest of its own
text and of the static files it keeps, so every deploy that changes them is a new version and
the pages offer to reload.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from praxis.catalog.xapi import EXTENSION_COURSE_VERSION
from praxis.core.languages import canonical_tag
from praxis.lrs.vocabulary import VERB_COMPLETED
from praxis.offline.sync import EXTENSION_ANSWERS, VERB_ATTEMPTED

STATIC = Path(__file__).parent / "static" / "praxis"
SHELL_FILES = ("site.css", "site.js", "offline.js", "icon.svg")
THEME_COLOUR = "#0b5cad"
BACKGROUND_COLOUR = "#ffffff"


@cache
def app_version() -> str:
    """A digest of the service worker's template and the files it keeps."""
    digest = hashlib.sha256()
    template = Path(__file__).parent / "templates" / "web" / "sw.js"
    for path in (template, *(STATIC / name for name in SHELL_FILES)):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


@require_GET
@vary_on_headers("Cookie", "Accept-Language")
@cache_control(no_cache=True)
def manifest(request: HttpRequest) -> HttpResponse:
    """The web app manifest, in the visitor's language and direction."""
    body = {
        "name": settings.SITE_NAME,
        "short_name": settings.SITE_NAME,
        "description": _("Lifelong learning for the health workforce"),
        "lang": canonical_tag(get_language() or "en"),
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": reverse("web:home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            {"src": static("praxis/icon.svg"), "sizes": "any", "type": "image/svg+xml"},
            {
                "src": static("praxis/icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
                "purpose": "maskable",
            },
        ],
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/manifest+json"
    )


@require_GET
@cache_control(no_cache=True)
def service_worker(request: HttpRequest) -> HttpResponse:
    """The service worker, at the site's root so that it may serve every page."""
    shell = [reverse("web:offline"), *(static(f"praxis/{name}") for name in SHELL_FILES)]
    script = render_to_string(
        "web/sw.js",
        {
            "version": app_version(),
            "shell": json.dumps(shell),
            "offline_url": json.dumps(reverse("web:offline")),
            "sync_url": json.dumps("/api/v1/offline/sync"),
        },
    )
    return HttpResponse(script, content_type="text/javascript")


@require_GET
def offline(request: HttpRequest) -> HttpResponse:
    """Downloaded courses, and, when the connection is gone, the downloaded lesson, course or
    quiz whose address was asked for (drawn by offline.js from what the device keeps).

    `?language=` asks for the page in one of the interface's languages, whatever the
    visitor's: the service worker keeps it, words and all, in the language of the learner's
    last page (sw.js). Any other value is ignored, as the language chooser ignores it."""
    asked = _interface_language(request.GET.get("language", ""))
    if asked is None:
        return _offline_page(request, {})
    with translation.override(asked):
        # Its language and data-saver forms go back to it without `?language=`, which would
        # outrank the language chosen.
        response = _offline_page(request, {"language_next": reverse("web:offline")})
    response["Content-Language"] = asked
    return response


def _interface_language(code: str) -> str | None:
    """The interface's language `code` names, in any case ("zh-Hans" is "zh-hans"), or None."""
    return {known.lower(): known for known, _name in settings.LANGUAGES}.get(code.lower())


def _offline_page(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render(
        request,
        "web/offline.html",
        {
            **context,
            "strings": _strings(),
            "vocabulary": {
                "completed": VERB_COMPLETED,
                "attempted": VERB_ATTEMPTED,
                "version": EXTENSION_COURSE_VERSION,
                "answers": EXTENSION_ANSWERS,
            },
        },
    )


def _strings() -> dict[str, str]:
    """The words offline.js shows, in the page's language (%(name)s: what it fills in)."""
    return {
        "none": _(
            "No course is downloaded on this device yet. Open a course you are enrolled in "
            "and choose “Download for offline”."
        ),
        "offline": _("You are offline. Downloaded courses still work."),
        "remove": _("Remove from this device"),
        "removed": _("The course was removed from this device."),
        "version": _("Version %(number)s"),
        "size": _("Download size: %(size)s"),
        "download": _("Download (%(size)s)"),
        "downloading": _("Downloading…"),
        "downloaded": _("Downloaded. You can follow this course without a connection."),
        "download_failed": _("The download did not finish. Check the connection and try again."),
        "no_room": _(
            "There is not enough space on this device: the course needs %(size)s and %(free)s "
            "is free. Remove a downloaded course or free some space, then try again."
        ),
        "updated": _(
            "A new version of %(course)s was downloaded (version %(number)s). What changed: "
            "%(changes)s"
        ),
        "waiting": _("Done offline, waiting to be sent: %(count)s"),
        "sent": _("Everything you did offline has been sent."),
        "not_sent": _("Some of what you did offline could not be sent: %(reason)s"),
        "refused": _("Not recorded: %(reason)s"),
        "refused_item": _("Not recorded: “%(title)s”. %(reason)s"),
        "not_downloaded": _("This page is not downloaded. Connect to the internet to open it."),
        "done": _("Done"),
        "mark_done": _("Mark as done and continue"),
        "kept_done": _("Kept on this device; it will be sent when you are back online."),
        "lessons": _("Lessons"),
        "quizzes": _("Quizzes"),
        "needs_connection": _("Needs a connection"),
        "submit": _("Submit answers"),
        "answers_kept": _(
            "Your answers are kept on this device. Quizzes are marked when your answers reach "
            "Praxis, so your result will show once you are back online."
        ),
        "back_to_course": _("Back to the course"),
        "transcript": _("Transcript"),
        "files": _("Files"),
        "position": _("Position %(number)s"),
        "unordered": _("Put every item in order, each once."),
        "graded": _("Marked online: no answers are kept on this device."),
    }
