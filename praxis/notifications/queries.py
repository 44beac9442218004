"""Reading notices and preferences. The unread count, shown in every page's header, is cached
per person and forgotten whenever it changes, so most pages pay no query for it. It is kept
where every worker reads it (the "counters" cache: Redis, or a SQLite file in var/ without it):
a count kept in one worker's own memory would not be forgotten when a notice is made in
another."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db import transaction

from praxis.core.pagination import Page, clamp, paginate
from praxis.core.people import Person, Visitor, signed_in
from praxis.notifications.kinds import Delivery, Kind, reaching
from praxis.notifications.models import Notice, Preference

NOTICES_PER_PAGE = 20
UNREAD_CACHE_SECONDS = 86400


def _unread_key(person_id: int) -> str:
    return f"notifications:unread:{person_id}"


def unread_count(person: Visitor) -> int:
    """How many of `person`'s notices are unread (0 for a visitor)."""
    if not signed_in(person):
        return 0
    key = _unread_key(person.pk)
    count = caches["counters"].get(key)
    if count is None:
        count = Notice.objects.filter(person=person, read_at__isnull=True).count()
        caches["counters"].set(key, count, UNREAD_CACHE_SECONDS)
    return int(count)


def count_unread_at_login(sender: Any, user: Person, **kwargs: Any) -> None:
    """Receiver of Django's user_logged_in: fill the cached count for the header."""
    unread_count(user)


def forget_unread(person_ids: Iterable[int]) -> None:
    """Drop the cached unread counts of these people, now and again once the current
    transaction commits (a page counting meanwhile would otherwise keep the old number)."""
    keys = [_unread_key(person_id) for person_id in set(person_ids)]
    caches["counters"].delete_many(keys)
    transaction.on_commit(lambda: caches["counters"].delete_many(keys))


def latest_unread(person: Visitor, limit: int) -> list[Notice]:
    """`person`'s newest unread notices, at most `limit`; no query when the cached count says
    there are none."""
    if not signed_in(person) or unread_count(person) == 0:
        return []
    return list(Notice.objects.filter(person=person, read_at__isnull=True)[:limit])


def notices(person: Person, page: Any = 1) -> Page[Notice]:
    """One page of `person`'s notices, newest first (a page past the end is the last page).
    They are counted only when the page read is full: a page with fewer is the last, and says
    how many there are (most people have fewer than a page of notices)."""
    number, size = clamp(page, NOTICES_PER_PAGE)
    mine = Notice.objects.filter(person_id=person.pk)
    start = (number - 1) * size
    items = list(mine[start : start + size])
    if not items and number > 1:
        return paginate(mine, number, size)
    total = mine.count() if len(items) == size else start + len(items)
    return Page(items=items, number=number, size=size, total=total)


@dataclass(frozen=True)
class Choice:
    kind: Kind[Any]
    delivery: str


def preferences(person: Person) -> list[Choice]:
    """Each kind that can reach `person` with their delivery for it (their choice, or the
    default). A choice they made for a kind that no longer reaches them stays as it was, and
    holds again should it reach them once more."""
    chosen = dict(Preference.objects.filter(person=person).values_list("kind", "delivery"))
    return [Choice(kind, chosen.get(kind.key, kind.default)) for kind in reaching(person)]


def sent_about(link: str, kinds: Iterable[Kind[Any]]) -> bool:
    """Whether notices of these kinds about `link` were made already (a retried job's check)."""
    return Notice.objects.filter(link=link, kind__in=[kind.key for kind in kinds]).exists()


def emailed_about(link: str, kinds: Iterable[Kind[Any]]) -> set[int]:
    """The people whose notice of these kinds about `link` goes to them by e-mail at once, so
    that another e-mail about the same thing can leave them out."""
    return set(
        Notice.objects.filter(
            link=link, kind__in=[kind.key for kind in kinds], delivery=Delivery.EMAIL
        ).values_list("person_id", flat=True)
    )
