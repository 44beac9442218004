"""Named hooks: a lower layer asks, higher layers answer, with no import upward.

A higher app connects a handler at start-up (`hooks.connect("catalog.completion_blockers", fn)`
in its AppConfig.ready); the lower app calls `hooks.ask("catalog.completion_blockers", **kw)`
and gets every handler's answer, in the order they were connected. Explicit, not a signal:
the names are few and each is documented where it is asked.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

Handler = Callable[..., Any]

_handlers: dict[str, list[Handler]] = {}


def connect(name: str, handler: Handler) -> None:
    """Answer `name` with `handler`; connecting the same handler twice has no effect."""
    handlers = _handlers.setdefault(name, [])
    if handler not in handlers:
        handlers.append(handler)


def disconnect(name: str, handler: Handler) -> None:
    """Stop answering `name` with `handler` (tests use it)."""
    if handler in _handlers.get(name, []):
        _handlers[name].remove(handler)


def ask(name: str, **kwargs: Any) -> list[Any]:
    """Call every handler of `name` with `kwargs`; return their answers in connection order."""
    return [handler(**kwargs) for handler in list(_handlers.get(name, []))]


def fire_on_commit(name: str, **kwargs: Any) -> None:
    """Tell every handler of `name` once the current transaction commits (nothing if it rolls
    back): for notifications upward, such as "catalog.course_completed"."""
    transaction.on_commit(lambda: ask(name, **kwargs))
