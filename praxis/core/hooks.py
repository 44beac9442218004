"""Typed hooks: a lower layer asks, higher layers answer, with no import upward.

The app that asks declares each hook once, in its own `hooks.py`, by decorating a function whose
signature is the hook's: its keyword arguments and, for a query, its answer type. The body is
never run; the docstring says when the hook is asked.

    @Query
    def lesson_for(*, learner: User | AnonymousUser, lesson: Lesson) -> Lesson | None:
        "The lesson to show in place of `lesson`, or None."

A higher app imports that declaration and answers it at start-up, in its AppConfig.ready
(`catalog_hooks.lesson_for.answer(experiments.lesson_for)`); mypy checks the handler against the
declared signature. The asking app calls `lesson_for.ask(learner=..., lesson=...)` and gets every
handler's answer, in the order they were connected. A `Notification` has no answer: it tells its
handlers that something happened, inside the caller's transaction (`send`) or once it commits
(`send_on_commit`). Hooks are objects, so a misspelt hook does not import; a declared hook that no
installed app answers is an error of `manage.py check` (and so of runserver and of the tests),
and stops the site and the Celery worker from starting (`require_answered`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, ParamSpec, TypeVar

from django.apps import AppConfig
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.module_loading import autodiscover_modules

P = ParamSpec("P")
R = TypeVar("R")

_declared: list[_Declared] = []


class _Declared:
    """A hook as the start-up check sees it: its name and whether it is answered."""

    kind = "hook"

    def __init__(self, spec: Callable[..., object], *, required: bool) -> None:
        self.name = f"{spec.__module__}.{spec.__qualname__}"
        self.__doc__ = spec.__doc__
        self.required = required
        _declared.append(self)

    def __str__(self) -> str:
        return f"{self.kind} {self.name}"

    def __repr__(self) -> str:
        return f"<{self}>"

    @property
    def answered(self) -> bool:
        raise NotImplementedError


class _Hook(_Declared, Generic[P, R]):
    """What queries and notifications share: the handlers that answer, in connection order."""

    def __init__(self, spec: Callable[P, R], *, required: bool = True) -> None:
        super().__init__(spec, required=required)
        self._handlers: list[Callable[P, R]] = []

    @property
    def answered(self) -> bool:
        return bool(self._handlers)

    def answer(self, handler: Callable[P, R]) -> Callable[P, R]:
        """Answer with `handler` (in AppConfig.ready); answering twice with one handler has no
        effect. Returns `handler`, so it serves as a decorator too."""
        if handler not in self._handlers:
            self._handlers.append(handler)
        return handler

    def disconnect(self, handler: Callable[P, R]) -> None:
        """Stop answering with `handler` (tests use it)."""
        if handler in self._handlers:
            self._handlers.remove(handler)


class Query(_Hook[P, R]):
    """A question a lower app asks of higher ones."""

    kind = "query"

    def ask(self, *args: P.args, **kwargs: P.kwargs) -> list[R]:
        """Every handler's answer, in the order they were connected."""
        return [handler(*args, **kwargs) for handler in list(self._handlers)]


class Notification(_Hook[P, object]):
    """News a lower app gives higher ones; whatever a handler returns is ignored."""

    kind = "notification"

    def __init__(self, spec: Callable[P, None], *, required: bool = True) -> None:
        super().__init__(spec, required=required)

    def send(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Tell every handler now, inside the caller's transaction: what they write commits or
        rolls back with it."""
        for handler in list(self._handlers):
            handler(*args, **kwargs)

    def send_on_commit(self, *args: P.args, **kwargs: P.kwargs) -> None:
        """Tell every handler once the current transaction commits (nobody if it rolls back)."""
        transaction.on_commit(lambda: self.send(*args, **kwargs))


def declared() -> list[_Declared]:
    """Every hook declared by an installed app (each app's `hooks.py` is imported first)."""
    autodiscover_modules("hooks")
    return list(_declared)


def unanswered() -> list[_Declared]:
    """Every declared hook that must be answered and that no installed app answers."""
    return [hook for hook in declared() if hook.required and not hook.answered]


HINT = (
    "Answer it in the AppConfig.ready of the app that should, or, if nobody need answer, "
    "declare it with required=False."
)


@checks.register()
def unanswered_hooks(
    app_configs: Iterable[AppConfig] | None = None, **kwargs: object
) -> list[checks.CheckMessage]:
    """An error for each declared hook that must be answered and that no installed app answers."""
    return [
        checks.Error(
            f"This {hook.kind} is declared but no installed app answers it.",
            hint=HINT,
            obj=hook,
            id="praxis.hooks.E001",
        )
        for hook in unanswered()
    ]


def require_answered() -> None:
    """Refuse to start (ImproperlyConfigured, naming each hook) while a hook that must be
    answered is not. The WSGI entry point and the Celery worker call it once Django is set up:
    they do not run `manage.py check`, and every app has answered by then."""
    missing = unanswered()
    if missing:
        names = ", ".join(str(hook) for hook in missing)
        raise ImproperlyConfigured(f"Declared but answered by no installed app: {names}. {HINT}")
