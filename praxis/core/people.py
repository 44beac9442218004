"""Who acts: a signed-in `Person`, or any `Visitor`, who may also be anonymous.

Core imports no app, so it cannot name `accounts.User`. It names the project's user model through
django-stubs instead: for the type checker `Person` is `django.contrib.auth.models._User`, which
the django-stubs plugin resolves to `AUTH_USER_MODEL` (`accounts.User`), so every app, core
included, speaks of people with one type and the checker still sees their fields. At run time
`Person` is Django's `AbstractBaseUser`, the user model's base. A function that also serves people
who have not signed in takes a `Visitor` and tells the two apart with `signed_in`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias, TypeGuard

from django.contrib.auth.models import AnonymousUser

if TYPE_CHECKING:
    from django.contrib.auth.models import _User as Person
else:
    from django.contrib.auth.base_user import AbstractBaseUser as Person

Visitor: TypeAlias = "Person | AnonymousUser"


def signed_in(visitor: Visitor) -> TypeGuard[Person]:
    """Whether `visitor` is a signed-in person rather than an anonymous visitor."""
    return bool(getattr(visitor, "is_authenticated", False))


__all__ = ["Person", "Visitor", "signed_in"]
