"""Rendered text kept per version of what it shows.

Many pages show the same thing to everybody who asks in the same language: the catalogue's
results, an event's programme. Such text is rendered once and kept in the default cache (local
memory in each worker, or Redis) under a key that holds the version of its scope — a token kept
in the "shared" cache, which every process sees alike (Redis, or files in var/ on one machine).
Whatever changes what a scope shows calls `changed(scope)`: the token is replaced, the next
request in every worker renders afresh, and old entries age out. The timeout bounds how long a
change made outside the application (a shell, raw SQL) can stay hidden.

With Redis as the default cache, a worker also keeps what it read there in its own memory (the
"local" cache) for up to a minute: the text under a key never changes, as the key holds the
version, so the worker's copy is as right as Redis's and most requests read it without a round
trip. Only the version is read from Redis on every request.

A person's own state (progress, a registration, unread counts) never goes into such text: it is
rendered around it, per request. A form's CSRF token is a visitor's own too: a shared page is
rendered with `CSRF_PLACEHOLDER` in its place, and `with_csrf_token` puts the visitor's in.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping
from typing import TypeVar, cast

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache, caches
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import get_token
from django.utils.safestring import SafeString, mark_safe

from praxis.core import compression

TIMEOUT_SECONDS = 600
# How long a worker keeps its own copy of what it read from the default cache (when that is not
# already the worker's memory).
LOCAL_SECONDS = 60
# Rendered by {% csrf_token %} when given as the context's `csrf_token`; letters only, so no
# escaping changes it.
CSRF_PLACEHOLDER = "praxisSharedPageCsrfTokenPlaceholder"
# The hidden field {% csrf_token %} writes, and the one holding the placeholder: only these are
# filled (a member's text can hold no "<" unescaped, so never this).
CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
CSRF_FIELD = CSRF_INPUT.format(CSRF_PLACEHOLDER)
T = TypeVar("T")
_MISSING = object()


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
    token = uuid.uuid4().hex
    caches["shared"].set(version_key(scope), token, timeout=None)
    read = getattr(_request, "versions", None)
    if read is not None:
        read[scope] = token


# The versions read while a request is served, each asked of the shared cache once: a page asks
# for the same scope's version for each part of it that is kept (a course page four times, each
# a round trip to Redis). What the request itself changes replaces its entry; a change made
# elsewhere meanwhile is seen by the next request, as it would be had it come a moment later.
# Outside a request (a job, a command) every read asks the shared cache.
_request = Local()


def _request_started(**kwargs: object) -> None:
    _request.versions = {}


def _request_finished(**kwargs: object) -> None:
    _request.versions = None


request_started.connect(_request_started, dispatch_uid="praxis.fragments.request_started")
request_finished.connect(_request_finished, dispatch_uid="praxis.fragments.request_finished")


def changes_with(scope: str, models: Iterable[type[Model]]) -> None:
    """Replace the version of `scope` whenever one of `models` is saved or deleted, whichever
    code path does it (an update or a bulk write sends no signal: its service calls `changed`)."""

    def on_change(sender: type[Model], **kwargs: object) -> None:
        changed(scope)

    for model in models:
        name = f"{scope}:{model._meta.label}"
        post_save.connect(on_change, sender=model, dispatch_uid=name, weak=False)
        post_delete.connect(on_change, sender=model, dispatch_uid=f"{name}:deleted", weak=False)


def version(scope: str) -> str:
    """The current version of `scope` (a token; made on first use)."""
    read = getattr(_request, "versions", None)
    if read is not None and scope in read:
        return str(read[scope])
    shared = caches["shared"]
    current = shared.get(version_key(scope))
    if current is None:
        shared.add(version_key(scope), uuid.uuid4().hex, timeout=None)
        current = shared.get(version_key(scope))
    if read is not None:
        read[scope] = current
    return str(current)


def cached_value(
    scope: str,
    parts: Iterable[str],
    make: Callable[[], T],
    timeout: int = TIMEOUT_SECONDS,
) -> T:
    """What `make` returns for these parts (a kind, a language, a query…), made at most once per
    version of `scope` and worker, and kept at most `timeout` seconds (what changes with time on
    its own, such as a validity, passes the time left). The value is stored pickled: each
    caller gets a copy of its own, never one another request changed. A timeout of 0 keeps
    nothing and reads nothing kept."""
    if timeout <= 0:
        return make()
    current = version(scope)  # read before making: a change meanwhile is never hidden
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    key = f"{scope}:{current}:{digest}"
    local = caches["local"] if "local" in settings.CACHES else None
    kept = _MISSING if local is None else local.get(key, _MISSING)
    if kept is _MISSING:
        kept = cache.get(key, _MISSING)
        if kept is _MISSING:
            kept = make()
            cache.set(key, kept, min(timeout, TIMEOUT_SECONDS))
        if local is not None:
            local.set(key, kept, min(timeout, LOCAL_SECONDS))
    return cast("T", kept)


def cached_text(
    scope: str,
    parts: Iterable[str],
    render: Callable[[], str],
    timeout: int = TIMEOUT_SECONDS,
) -> str:
    """The text that `render` makes for these parts, as `cached_value`."""
    return str(cached_value(scope, parts, render, timeout))


def cached_html(
    scope: str,
    parts: Iterable[str],
    render: Callable[[], str],
    timeout: int = TIMEOUT_SECONDS,
) -> SafeString:
    """As `cached_text`, for HTML rendered by our own templates (escaped there)."""
    return mark_safe(cached_text(scope, parts, render, timeout))  # noqa: S308 - escaped by the templates


def normalised_query(params: QueryDict, names: Iterable[str]) -> QueryDict:
    """Only the parameters in `names`, each once (the last given), trimmed, empty ones left
    out, in a fixed order: one search written in different ways is one kept page."""
    normal = QueryDict(mutable=True)
    for name in names:
        value = params.get(name, "").strip()
        if value:
            normal[name] = value
    if normal.get("page") == "1":
        del normal["page"]
    normal._mutable = False
    return normal


def kept_response(text: str, request: HttpRequest, content_type: str | None = None) -> HttpResponse:
    """The response of a page (or an answer) kept for everybody, `text`, with the visitor's CSRF
    token in its forms as `with_csrf_token` puts it in; compressed from pieces each worker keeps
    (praxis.core.compression), not compressed again on every request."""
    fill = CSRF_INPUT.format(get_token(request)) if CSRF_FIELD in text else ""
    response = HttpResponse(text.replace(CSRF_FIELD, fill) if fill else text, content_type)
    compression.kept(response, text, CSRF_FIELD if fill else "", fill)
    return response


def with_csrf_token(text: str, request: HttpRequest) -> str:
    """`text` rendered with `CSRF_PLACEHOLDER` as its CSRF token, with the visitor's token in its
    place (which, as `{% csrf_token %}` does, has the response set the CSRF cookie). Only the
    forms' hidden fields are filled: the placeholder written by a member in a post (a link's
    address, say) stays as written, so that no page hands a reader's token to another site."""
    if CSRF_FIELD not in text:
        return text
    return text.replace(CSRF_FIELD, CSRF_INPUT.format(get_token(request)))


# Slots: where a reader's own part goes in text rendered once for everybody. A slot is an HTML
# comment, which escaped text (a title, a name) can never contain, as it has no "<".
_SLOT_OPENING = "<!--praxis-slot:"
_SLOT_CLOSING = "-->"


def slot(name: str) -> str:
    """The mark of the slot `name`, as a template writes it: `<!--praxis-slot:name-->`."""
    return f"{_SLOT_OPENING}{name}{_SLOT_CLOSING}"


def fill_slots(text: str, values: Mapping[str, str]) -> SafeString:
    """`text` (HTML rendered by our own templates) with each slot replaced by its value in
    `values` (HTML, escaped by its maker), or by nothing when it has none."""
    pieces = text.split(_SLOT_OPENING)
    filled = [pieces[0]]
    for piece in pieces[1:]:
        name, _closing, rest = piece.partition(_SLOT_CLOSING)
        filled.append(values.get(name, ""))
        filled.append(rest)
    return mark_safe("".join(filled))  # noqa: S308 - our templates' HTML and escaped values


def slot_values(text: str) -> dict[str, str]:
    """The values of a reader's own parts rendered in one text, each after the mark of its slot
    (`slot(name)` then its HTML), as `fill_slots` takes them; what comes before the first mark
    is left out."""
    values: dict[str, str] = {}
    for piece in text.split(_SLOT_OPENING)[1:]:
        name, _closing, value = piece.partition(_SLOT_CLOSING)
        values[name] = value
    return values
