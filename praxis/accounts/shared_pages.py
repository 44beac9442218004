"""Who may be served a page rendered once for everybody.

A visitor without a session is not signed in and has no messages kept there; without the
messages cookie they have none waiting either, and without the data saver's cookie they see
images as everybody does. Every such visitor asking for the same address in the same language
sees the same page (unless they chose a time zone), so it can be rendered once
(praxis.core.fragments) and served to all of them. Anybody else (signed in, with a message,
with the data saver on, in a zone of their own) gets their own.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest

from praxis.accounts.data_saver import DATA_SAVER_COOKIE
from praxis.core.timezones import VIEWER_ZONE_COOKIE

_OWN_PAGE_COOKIES = (
    settings.SESSION_COOKIE_NAME,
    CookieStorage.cookie_name,
    DATA_SAVER_COOKIE,
    VIEWER_ZONE_COOKIE,  # times shown in the visitor's chosen zone
)


def sees_the_shared_page(request: HttpRequest, *, query: bool = False) -> bool:
    """True when `request` may be answered with the page every visitor sees. Unless `query`
    (the view normalises its query string itself), only an address without a query string
    qualifies: the layout links back to the address as asked."""
    if not query and request.META.get("QUERY_STRING"):
        return False
    cookies = request.COOKIES
    return not any(name in cookies for name in _OWN_PAGE_COOKIES)
