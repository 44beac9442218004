"""The catalogue's rendered results, kept per language, query and catalogue version.

Every catalogue visitor with the same language and the same search sees the same results, so
they are rendered once and kept in the default cache (local memory in each worker, or Redis).
Their key holds the catalogue's version: a token kept in the "shared" cache, which every
process sees alike (Redis, or files in var/ on one machine). The services call
`catalogue_changed()` whenever something a catalogue visitor sees changes (a course published,
archived or edited, its topics, organisations or translations); the token is replaced, so the
next request in every worker renders afresh, and old entries age out. The timeout bounds how
long a change made outside the services (a shell, raw SQL) can stay hidden.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable

from django.core.cache import cache, caches
from django.db import transaction
from django.http import QueryDict
from django.utils.safestring import SafeString, mark_safe

VERSION_KEY = "catalog:version"
TIMEOUT_SECONDS = 600


def catalogue_changed() -> None:
    """Show the current catalogue on every next request. The token is replaced at once (so the
    transaction that made the change sees it) and again once it commits (so that no worker keeps
    a page it rendered from the data as it was before the commit)."""
    _replace_version()
    transaction.on_commit(_replace_version)


def _replace_version() -> None:
    # A new random token rather than an increment: two changes at once still leave a token that
    # no page rendered before either of them was stored under.
    caches["shared"].set(VERSION_KEY, uuid.uuid4().hex, timeout=None)


def version() -> str:
    """The current catalogue version (a token; made on first use)."""
    shared = caches["shared"]
    current = shared.get(VERSION_KEY)
    if current is None:
        shared.add(VERSION_KEY, uuid.uuid4().hex, timeout=None)
        current = shared.get(VERSION_KEY)
    return str(current)


def normalised_query(params: QueryDict, names: Iterable[str]) -> QueryDict:
    """Only the parameters in `names`, each once (the last given), trimmed, empty ones left
    out, in a fixed order: one search written in different ways is one cache entry."""
    normal = QueryDict(mutable=True)
    for name in names:
        value = params.get(name, "").strip()
        if value:
            normal[name] = value
    if normal.get("page") == "1":
        del normal["page"]
    normal._mutable = False
    return normal


def cached_text(kind: str, language: str, query: str, render: Callable[[], str]) -> str:
    """The text (HTML, JSON) that `render` makes for this language and query string, made at
    most once per catalogue version and worker."""
    current = version()  # read before rendering: a change during rendering is never hidden
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    key = f"catalog:{kind}:{current}:{language}:{digest}"
    text = cache.get(key)
    if text is None:
        text = render()
        cache.set(key, text, TIMEOUT_SECONDS)
    return str(text)


def cached_html(
    kind: str, language: str, query: QueryDict, render: Callable[[], str]
) -> SafeString:
    """The HTML that `render` makes for this language and query, rendered at most once per
    catalogue version and worker."""
    html = cached_text(kind, language, query.urlencode(), render)
    return mark_safe(html)  # noqa: S308 - rendered by our own templates, escaped there
