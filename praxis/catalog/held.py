"""What the data saver holds back on catalogue and lesson pages, and the links that bring one
item in.

Each held item has a key (`image-<course slug>`, `picture-<n>` for a lesson's n-th picture,
`video`); the page asked for with `?show=<key>` shows that item, and the element shown keeps
the id `held-<key>`, so that a script can fetch that page and swap the one element in place."""

from __future__ import annotations

from typing import Any

from django.http import QueryDict
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from praxis.core.markdown import IMAGE_TAG
from praxis.core.patterns import client_pattern

SHOW_PARAMETER = "show"
_ALT = client_pattern(r'\salt="([^"]*)"')


def is_held(context: Any, key: str) -> bool:
    """True when the data saver is on and `key` is not the item this page was asked to show."""
    return bool(context.get("data_saver")) and context.get("data_saver_shown") != key


def show_url(context: Any, key: str) -> str:
    """This page's address (its other query parameters kept) showing the item `key`; a page
    part rendered without the request gives its query as `query`."""
    request = context.get("request")
    given = request.GET if request is not None else context.get("query")
    query = given.copy() if isinstance(given, QueryDict) else QueryDict(mutable=True)
    query[SHOW_PARAMETER] = key
    return f"?{query.urlencode()}#held-{key}"


def hold_pictures(context: Any, body_html: str) -> SafeString:
    """`body_html` (already sanitised) with each picture held back behind a "Show image" link,
    but for the one asked for; unchanged when the data saver is off."""
    if not context.get("data_saver"):
        return mark_safe(body_html)  # noqa: S308  # sanitised when the lesson was saved
    counter = iter(range(1, 10_000))

    def held_or_shown(match: Any) -> str:
        key = f"picture-{next(counter)}"
        if not is_held(context, key):
            return f'<span id="held-{key}">{match.group(0)}</span>'
        alt = _ALT.search(match.group(0))
        described = alt.group(1) if alt else ""
        return str(
            format_html(
                '<a class="held" id="held-{}" href="{}" data-held="{}">{}{}</a>',
                key,
                show_url(context, key),
                key,
                _("Show image"),
                # The alternative text is already escaped in the sanitised HTML.
                mark_safe(f": {described}") if described else "",  # noqa: S308 - escaped already, as the line above says
            )
        )

    return mark_safe(IMAGE_TAG.sub(held_or_shown, body_html))  # noqa: S308  # sanitised, see above
