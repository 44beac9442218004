"""Permissions declared once per app and used by services, views and list filters.

An app's `permissions.py` declares rules. A rule answers two questions with one definition:
`allows(user, obj)` for the object check in a service, and `filter(user, queryset)` for the
list a user may see. Services call `require(rule, user, obj)`, which raises `PermissionDenied`.

A `Rule` is about signed-in people: its check is never asked about an anonymous visitor, who is
refused (`require` raises NotAuthenticated). An `OpenRule` is asked about anonymous visitors
too, and its check says what they may do. A rule about no object in particular is a
`Rule[None]` and is asked without one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar, cast, overload

from django.db.models import Model, Q, QuerySet

from praxis.core.errors import NotAuthenticated, PermissionDenied
from praxis.core.people import Person, Visitor, signed_in

# Contravariant: a rule that can judge any object can judge a course.
T = TypeVar("T", contravariant=True)
M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Rule(Generic[T]):
    """`check(person, obj)` decides one object; `scope(person)` gives the Q of those allowed."""

    name: str
    check: Callable[[Person, T], bool]
    scope: Callable[[Person], Q] | None = None

    @overload
    def allows(self: Rule[None], user: Visitor) -> bool: ...
    @overload
    def allows(self, user: Visitor, obj: T) -> bool: ...
    def allows(self, user: Visitor, obj: T | None = None) -> bool:
        if not signed_in(user):
            return False
        # Without an object the rule is a Rule[None] (the overloads above), so None is a T.
        return bool(self.check(user, cast(T, obj)))

    def filter(self, user: Visitor, queryset: QuerySet[M]) -> QuerySet[M]:
        if self.scope is None:
            raise TypeError(f"rule {self.name} declares no scope for lists")
        if not signed_in(user):
            return queryset.none()
        return queryset.filter(self.scope(user))


@dataclass(frozen=True)
class OpenRule(Generic[T]):
    """Like `Rule`, for what anonymous visitors may also be allowed (seeing a public course)."""

    name: str
    check: Callable[[Visitor, T], bool]
    scope: Callable[[Visitor], Q] | None = None

    def allows(self, user: Visitor, obj: T) -> bool:
        return bool(self.check(user, obj))

    def filter(self, user: Visitor, queryset: QuerySet[M]) -> QuerySet[M]:
        if self.scope is None:
            raise TypeError(f"rule {self.name} declares no scope for lists")
        return queryset.filter(self.scope(user))


@overload
def require(rule: Rule[None], user: Visitor) -> None: ...
@overload
def require(rule: Rule[T] | OpenRule[T], user: Visitor, obj: T) -> None: ...
def require(rule: Rule[T] | OpenRule[T], user: Visitor, obj: T | None = None) -> None:
    """Raise NotAuthenticated or PermissionDenied unless `rule` allows `user` on `obj`."""
    if isinstance(rule, Rule) and not signed_in(user):
        raise NotAuthenticated()
    # Without an object the rule is a Rule[None] (the overloads above), so None is a T.
    if not rule.allows(user, cast(T, obj)):
        raise PermissionDenied()


def is_staff(user: Visitor, obj: object = None) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff)
