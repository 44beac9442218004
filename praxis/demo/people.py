"""The demo's own people. Loaders act on them only: a database that also holds real accounts
(someone signed up, a site's own staff) must find those untouched after the demo is loaded."""

from __future__ import annotations

from django.db.models import QuerySet

from praxis.accounts.models import User
from praxis.demo.content.people import PEOPLE

EMAILS = frozenset(person.email for person in PEOPLE)


def demo_people() -> QuerySet[User]:
    return User.objects.filter(email__in=EMAILS)


def demo_staff() -> QuerySet[User]:
    """The demo's staff, the platform admin first."""
    return demo_people().filter(is_staff=True).order_by("pk")
