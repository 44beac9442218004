"""Rendered text kept per version of what it shows.

Many pages show the same thing to everybody who asks in the same language: the catalogue's
results, an event's programme. Such text is rendered once and kept in the default cache (local
memory in each worker, or Redis) under a key that holds the version of its scope — a token kept
in the "shared" cache, which every process sees alike (Redis, or files in var/ on one machine).
Whatever changes what a scope shows calls `changed(scope)`: the token is replaced, the next
request in every worker renders afresh, and old entries age out. The timeout bounds how long a
change made outside the application (a shell, raw SQL) can stay hidden.

A person's own state (progress, a registration, unread counts) never goes into such text: it is
rendered around it, per request. A form's CSRF token is a visitor's own too: a shared page is
rendered with `CSRF_PLACEHOLDER` in its place, and `with_csrf_token` puts the visitor's in.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache, caches
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

TIMEOUT_SECONDS = 600
# Rendered by {% csrf_token %} when given as the context's `csrf_token`; letters only, so no
# escaping changes it.
CSRF_PLACEHOLDER = "praxisSharedPageCsrfTokenPlaceholder"


def version_key(scope: str) -> str:
    return f"{scope}:version"


def changed(scope: str) -> None:
    """Show the current state of `scope` on every next request. The token is replaced at once
    (so the transaction that made the change sees it) and again once it commits (so that no
    worker keeps text it rendered from the data as it was before the commit)."""
    _replace_version(scope)
    transaction.on_commit(lambda: _replace_version(scope))


def _replace_version(scope: str) -> None:
    # A new random token rather than an increment: two changes at once still leave a token that
    # no text rendered before either of them was stored under.
    caches["shared"].set(version_key(scope), uuid.uuid4().hex, timeout=None)


def version(scope: str) -> str:
    """The current version of `scope` (a token; made on first use)."""
    shared = caches["shared"]
    current = shared.get(version_key(scope))
    if current is None:
        shared.add(version_key(scope), uuid.uuid4().hex, timeout=None)
        current = shared.get(version_key(scope))
    return str(current)


def cached_text(
    scope: str,
    parts: Iterable[str],
    render: Callable[[], str],
    timeout: int = TIMEOUT_SECONDS,
) -> str:
    """The text that `render` makes for these parts (a kind, a language, a query…), made at most
    once per version of `scope` and worker, and kept at most `timeout` seconds (text that
    changes with time on its own, such as a validity, passes the time left)."""
    current = version(scope)  # read before rendering: a change during rendering is never hidden
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    key = f"{scope}:{current}:{digest}"
    text = cache.get(key)
    if text is None:
        text = render()
        if timeout > 0:
            cache.set(key, text, min(timeout, TIMEOUT_SECONDS))
    return str(text)


def cached_html(
    scope: str,
    parts: Iterable[str],
    render: Callable[[], str],
    timeout: int = TIMEOUT_SECONDS,
) -> SafeString:
    """As `cached_text`, for HTML rendered by our own templates (escaped there)."""
    return mark_safe(cached_text(scope, parts, render, timeout))  # noqa: S308 - escaped by the templates


def with_csrf_token(text: str, request: HttpRequest) -> str:
    """`text` rendered with `CSRF_PLACEHOLDER` as its CSRF token, with the visitor's token in its
    place (which, as `{% csrf_token %}` does, has the response set the CSRF cookie)."""
    if CSRF_PLACEHOLDER not in text:
        return text
    return text.replace(CSRF_PLACEHOLDER, get_token(request))
