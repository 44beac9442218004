"""Keeps the package origin to packages.

The package origin (PACKAGE_ORIGIN) is served by the same application as the site, so without
this every page of the site would answer there too: the sign-in page, the API, a learner's
pages. A package's scripts run on that origin, so they could open the site's sign-in page
beside themselves, same-origin, and read what the learner types in it; and a learner who once
signed in there would give every package their session. On the package origin only the
players and package files (`/packages/`) and the static files they load answer; a visit to any
other address is sent to the same address on the site's own origin (a person who typed the
other host name arrives where they meant to, and a package reaching for a page gets a
cross-origin answer it cannot read), and anything else is 404. On the site's own host nothing
changes.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotFound, HttpResponseRedirect

ALLOWED_PREFIXES = ("/packages/",)


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def package_host() -> str | None:
    """The package origin's host, or None when it is the site's own (then nothing is kept
    apart; `packages.W001` warns)."""
    return _package_host(settings.PACKAGE_ORIGIN, settings.SITE_URL)


@functools.cache
def _package_host(package_origin: str, site_url: str) -> str | None:
    # Read on every request: parsed once per pair of settings (tests may change them).
    packages = _host(package_origin)
    return None if packages == _host(site_url) else packages


def allowed_on_package_origin(path: str) -> bool:
    return path.startswith((*ALLOWED_PREFIXES, settings.STATIC_URL))


class PackageOriginOnlyMiddleware:
    """Answers a request on the package origin that is not for a package or a static file,
    before anything else runs: a visit goes to the site's own origin, anything else is 404."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        host = package_host()
        on_packages = host is not None and request.get_host().lower() == host
        if on_packages and not allowed_on_package_origin(request.path):
            if request.method in ("GET", "HEAD"):
                return HttpResponseRedirect(settings.SITE_URL + request.get_full_path())
            response = HttpResponseNotFound(b"Not found", content_type="text/plain")
            response.headers["Content-Security-Policy"] = "default-src 'none'"
            response.headers["X-Content-Type-Options"] = "nosniff"
            return response
        return self.get_response(request)
