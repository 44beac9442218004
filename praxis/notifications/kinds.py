"""Kinds of notice, each declared once by the app that sends it, in that app's `notices.py`.

A kind is declared by decorating a function whose keyword arguments are the notice's parameters
and whose body renders its text in the active language:

    @kind(label=_("Changes requested on your draft"), default=Delivery.EMAIL)
    def changes_requested(*, course: str, reviewer: str) -> str:
        return _("%(reviewer)s asked for changes to “%(course)s”.") % {...}

A kind sent only to people in some role says so with `audience`, a test of a person (an author,
a reviewer, a research officer): the preferences page offers a person only the kinds that can
reach them. Without one, a kind can reach anybody.

The sender calls `notify(person, changes_requested, link, course=..., reviewer=...)`; mypy checks
the parameters against the declaration. A notice stores the kind's key and its parameters (plain
JSON values), never its text: the text is rendered when it is read, so it follows the reader's
language, whoever sent it and whenever.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any, Generic, ParamSpec, cast

from django.db import models
from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import get_language_bidi, gettext
from django.utils.translation import gettext_lazy as _

from praxis.core.languages import isolated
from praxis.core.people import Person

P = ParamSpec("P")

# Whether a kind of notice can reach a person (by their roles, permissions or memberships).
Audience = Callable[[Person], bool]

logger = logging.getLogger(__name__)


class Delivery(models.TextChoices):
    """How a person wants a kind of notice: always in the app, unless never."""

    IN_APP = "app", _("In the app only")
    EMAIL = "email", _("E-mail at once")
    DAILY = "daily", _("Daily digest e-mail")
    WEEKLY = "weekly", _("Weekly digest e-mail")
    NEVER = "never", _("Never")


DIGESTS = (Delivery.DAILY, Delivery.WEEKLY)

_kinds: dict[str, Kind[Any]] = {}


class Kind(Generic[P]):
    """A declared kind of notice: its key (the function's name), label, default delivery and
    how its text is rendered from its parameters."""

    def __init__(
        self,
        render: Callable[P, str],
        *,
        label: str | Promise,
        default: Delivery,
        audience: Audience | None = None,
    ) -> None:
        key = render.__name__
        if key in _kinds:
            raise ValueError(f"The notice kind {key!r} is declared twice.")
        self.key, self.app, self._render = key, render.__module__.split(".")[1], render
        self.label, self.default, self.audience = label, Delivery(default), audience
        self.__doc__ = render.__doc__
        _kinds[key] = self

    def __repr__(self) -> str:
        return f"<notice kind {self.key}>"

    def text(self, params: Mapping[str, Any]) -> str:
        """The notice's text in the active language; the label if the parameters no longer fit
        the declaration (a notice stored before the kind changed). A parameter written the
        other way from that language (an English title in an Arabic sentence) is isolated."""
        render = cast(Callable[..., str], self._render)
        direction = "rtl" if get_language_bidi() else "ltr"
        try:
            return render(
                **{
                    name: isolated(value, direction) if isinstance(value, str) else value
                    for name, value in params.items()
                }
            )
        except (TypeError, KeyError, ValueError):
            logger.warning("Notice of kind %s has parameters that no longer fit", self.key)
            return str(self.label)


def kind(
    *, label: str | Promise, default: Delivery = Delivery.IN_APP, audience: Audience | None = None
) -> Callable[[Callable[P, str]], Kind[P]]:
    """Declare the decorated function as a kind of notice (see the module's docstring)."""

    def declare(render: Callable[P, str]) -> Kind[P]:
        return Kind(render, label=label, default=default, audience=audience)

    return declare


def discover() -> None:
    """Import every installed app's `notices.py` (at start-up, in AppConfig.ready)."""
    autodiscover_modules("notices")


def declared() -> list[Kind[Any]]:
    """Every kind declared by an installed app, by app then key."""
    return sorted(_kinds.values(), key=lambda kind: (kind.app, kind.key))


def reaching(person: Person) -> list[Kind[Any]]:
    """The declared kinds that can reach `person`, in the order of `declared`; each audience
    is asked once, however many kinds share it."""
    kinds = declared()
    answers: dict[Audience, bool] = {}
    for each in kinds:
        if each.audience is not None and each.audience not in answers:
            answers[each.audience] = each.audience(person)
    return [each for each in kinds if each.audience is None or answers[each.audience]]


def find(key: str) -> Kind[Any] | None:
    return _kinds.get(key)


def text_of(key: str, params: Mapping[str, Any]) -> str:
    """The text of a stored notice, in the active language."""
    kind = find(key)
    return kind.text(params) if kind is not None else gettext("Something needs your attention.")
