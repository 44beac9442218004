"""Permissions declared once per app and used by services, views and list filters.

An app's `permissions.py` declares `Rule`s. A rule answers two questions with one definition:
`allows(user, obj)` for the object check in a service, and `filter(user, queryset)` for the
list a user may see. Services call `require(rule, user, obj)`, which raises `PermissionDenied`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from praxis.core.errors import NotAuthenticated, PermissionDenied

Check = Callable[[Any, Any], bool]
Scope = Callable[[Any], Q]


@dataclass(frozen=True)
class Rule:
    """`check(user, obj)` decides one object; `scope(user)` gives the Q of the objects allowed."""

    name: str
    check: Check
    scope: Scope | None = None
    login_required: bool = False

    def allows(self, user: Any, obj: Any = None) -> bool:
        if self.login_required and not getattr(user, "is_authenticated", False):
            return False
        return bool(self.check(user, obj))

    def filter(self, user: Any, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.scope is None:
            raise TypeError(f"rule {self.name} declares no scope for lists")
        if self.login_required and not getattr(user, "is_authenticated", False):
            return queryset.none()
        return queryset.filter(self.scope(user))


def require(rule: Rule, user: Any, obj: Any = None) -> None:
    """Raise NotAuthenticated or PermissionDenied unless `rule` allows `user` on `obj`."""
    if rule.login_required and not getattr(user, "is_authenticated", False):
        raise NotAuthenticated()
    if not rule.allows(user, obj):
        raise PermissionDenied()


def is_staff(user: Any, obj: Any = None) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_staff)
