"""Every change to notices and preferences: sending, reading, choosing a delivery.

`notify` is called by the sending app's service, inside its transaction: the notice commits or
rolls back with the hand-off, and its e-mail (praxis.notifications.delivery) is queued only once
the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.notifications import delivery, queries
from praxis.notifications.kinds import Delivery, Kind, declared
from praxis.notifications.models import Notice, Preference
from praxis.notifications.tasks import send_notice_emails

P = ParamSpec("P")

_held: ContextVar[bool] = ContextVar("notices_held", default=False)


@contextmanager
def without_notices() -> Iterator[None]:
    """Make no notices inside the block: for loading data (the demo) in which the hand-offs
    are not news for anyone."""
    token = _held.set(True)
    try:
        yield
    finally:
        _held.reset(token)


def _deliveries(people: list[User], kind: Kind[Any]) -> dict[int, str]:
    """Each person's chosen delivery of `kind` (one query)."""
    chosen = dict(
        Preference.objects.filter(person__in=people, kind=kind.key).values_list(
            "person_id", "delivery"
        )
    )
    return {person.pk: chosen.get(person.pk, kind.default) for person in people}


def _create(
    people: Iterable[User], kind: Kind[Any], link: str, params: Mapping[str, Any]
) -> list[Notice]:
    if _held.get():
        return []
    recipients = [person for person in {p.pk: p for p in people}.values() if person.is_active]
    if not recipients:
        return []
    deliveries = _deliveries(recipients, kind)
    notices = Notice.objects.bulk_create(
        Notice(
            person=person,
            kind=kind.key,
            params=dict(params),
            link=link[:500],
            delivery=deliveries[person.pk],
        )
        for person in recipients
        if deliveries[person.pk] != Delivery.NEVER
    )
    ids = [notice.person_id for notice in notices]
    queries.forget_unread(ids)
    return notices


def _email_on_commit(notices: list[Notice]) -> None:
    ids = [notice.pk for notice in notices if notice.delivery == Delivery.EMAIL]
    if ids:
        transaction.on_commit(lambda: send_notice_emails.delay(ids))


def notify(
    person: User, kind: Kind[P], link: str, /, *args: P.args, **params: P.kwargs
) -> Notice | None:
    """Tell `person` about something of `kind` (`link`: a path on this site); returns the notice,
    or None if they chose never to hear of this kind. E-mailed once the caller commits, if they
    chose e-mail at once; gathered into their digest if they chose one."""
    if args:
        raise TypeError("A notice's parameters are passed by name.")
    notices = _create([person], kind, link, params)
    _email_on_commit(notices)
    return notices[0] if notices else None


def notify_all(
    people: Iterable[User], kind: Kind[P], link: str, /, *args: P.args, **params: P.kwargs
) -> list[Notice]:
    """`notify` for many people at once (a few queries, whatever their number)."""
    if args:
        raise TypeError("A notice's parameters are passed by name.")
    notices = _create(people, kind, link, params)
    _email_on_commit(notices)
    return notices


def notify_and_email_now(
    person: User, kind: Kind[P], link: str, /, *args: P.args, **params: P.kwargs
) -> Notice | None:
    """`notify`, but the e-mail (if `person` wants one at once) is sent inside the caller's
    transaction: a failure to send raises, so the caller's work rolls back and can be retried."""
    if args:
        raise TypeError("A notice's parameters are passed by name.")
    notices = _create([person], kind, link, params)
    if not notices:
        return None
    notice = notices[0]
    if notice.delivery == Delivery.EMAIL:
        notice.emailed_at = timezone.now()
        notice.save(update_fields=["emailed_at"])
        delivery.notice_message(notice).send()
    return notice


# Reading


@transaction.atomic
def mark_read(person: User, notice_id: int) -> Notice:
    """Mark one of `person`'s notices read; another's, or none, is NotFound."""
    notice = Notice.objects.filter(pk=notice_id, person=person).first()
    if notice is None:
        raise NotFound()
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
        queries.forget_unread([person.pk])
    return notice


@transaction.atomic
def mark_read_about(person: User, link: str, kinds: Iterable[Kind[Any]]) -> int:
    """Mark read `person`'s notices of these kinds about `link`, once what they announced is
    dealt with (an invitation accepted or declined); returns how many were unread."""
    count = Notice.objects.filter(
        person=person, link=link, kind__in=[kind.key for kind in kinds], read_at__isnull=True
    ).update(read_at=timezone.now())
    if count:
        queries.forget_unread([person.pk])
    return count


@transaction.atomic
def mark_all_read(person: User) -> int:
    """Mark all of `person`'s notices read; returns how many were unread."""
    count = Notice.objects.filter(person=person, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    queries.forget_unread([person.pk])
    return count


# Preferences


@transaction.atomic
def set_preferences(person: User, choices: Mapping[str, str]) -> None:
    """Save `person`'s delivery for each kind named in `choices`; an unknown kind or delivery
    refuses the whole change."""
    known = {kind.key: kind for kind in declared()}
    unknown = [key for key in choices if key not in known]
    if unknown:
        raise ValidationFailed(
            ErrorCode.UNKNOWN_NOTICE_KIND,
            _("There is no such kind of notification."),
            fields={
                key[:60]: [_("There is no such kind of notification.")] for key in unknown[:10]
            },
        )
    invalid = [key for key, value in choices.items() if value not in Delivery.values]
    if invalid:
        raise ValidationFailed(
            ErrorCode.INVALID_DELIVERY,
            _("Choose how you want to receive each kind of notification."),
            fields={key: [_("Choose one of the ways offered.")] for key in invalid},
        )
    for key, value in choices.items():
        if value == known[key].default:
            Preference.objects.filter(person=person, kind=key).delete()
        else:
            Preference.objects.update_or_create(
                person=person, kind=key, defaults={"delivery": value}
            )
