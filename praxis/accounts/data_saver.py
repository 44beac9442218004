"""The data saver: images and videos are loaded only when the person asks for them.

A signed-in person keeps it in their profile; anyone, visitor or not, can also turn it on for
one browser with a cookie. Either turns it on."""

from __future__ import annotations

from django.http import HttpRequest

DATA_SAVER_COOKIE = "praxis_data_saver"
DATA_SAVER_COOKIE_AGE = 365 * 24 * 3600
# The query parameter that shows one held-back item, and the longest key it may carry.
SHOW_PARAMETER = "show"
SHOW_KEY_MAX_LENGTH = 60


def on_in_browser(request: HttpRequest) -> bool:
    """True when this browser's cookie turns the data saver on."""
    return request.COOKIES.get(DATA_SAVER_COOKIE) == "on"


def is_on(request: HttpRequest) -> bool:
    """True when images and videos wait to be asked for on the pages of this request."""
    user = getattr(request, "user", None)
    return on_in_browser(request) or bool(user is not None and getattr(user, "data_saver", False))


def shown(request: HttpRequest) -> str:
    """The key of the one held-back item this request asks to show, or ""."""
    return request.GET.get(SHOW_PARAMETER, "")[:SHOW_KEY_MAX_LENGTH]
