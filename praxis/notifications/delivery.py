"""Sending notices by e-mail: one at once, or many in a daily or weekly digest.

Each e-mail is claimed (`emailed_at`) in the transaction that sends it, so a run repeated, or two
runs at once, send nothing twice, and a failed send rolls the claim back and leaves it due.

A failed e-mail at once is tried again by `retry_emails` (run every few minutes), later each
time (`retry_delay`), until `MAX_ATTEMPTS`; each failure is recorded on the notice, where staff
see it in the admin. A queued e-mail whose job never ran (a lost job) is swept up the same way.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from praxis.core.mail import email_from_templates
from praxis.notifications.kinds import DIGESTS, Delivery, find
from praxis.notifications.models import Notice

logger = logging.getLogger(__name__)


def _absolute(link: str) -> str:
    return settings.SITE_URL + link if link.startswith("/") else link


def _preferences_url() -> str:
    return settings.SITE_URL + reverse("notifications:preferences")


def notice_message(notice: Notice) -> Any:
    person = notice.person
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        return email_from_templates(
            person.email,
            "notifications/email/notice",
            {
                "person": person,
                "text": notice.text,
                "url": _absolute(notice.link),
                "preferences_url": _preferences_url(),
                "site_name": settings.SITE_NAME,
            },
        )


MAX_ATTEMPTS = 6
FIRST_RETRY = timedelta(minutes=5)
LONGEST_WAIT = timedelta(hours=6)
# A job queued when the notice was made runs within seconds; one not run by then was lost.
LOST_AFTER = timedelta(minutes=15)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the `attempts`-th failure: 5 minutes, doubling, at most 6 hours."""
    doubling: int = 2 ** max(attempts - 1, 0)
    return min(FIRST_RETRY * doubling, LONGEST_WAIT)


def _record_failure(notice_id: int, error: Exception, now: datetime) -> None:
    attempts = (
        Notice.objects.filter(pk=notice_id).values_list("email_attempts", flat=True).first() or 0
    ) + 1
    gave_up = attempts >= MAX_ATTEMPTS
    Notice.objects.filter(pk=notice_id).update(
        email_attempts=attempts,
        email_error=f"{type(error).__name__}: {error}"[:200],
        email_retry_at=None if gave_up else now + retry_delay(attempts),
    )
    if gave_up:
        logger.error("Notice %s not e-mailed after %s attempts; given up", notice_id, attempts)
    else:
        logger.warning(
            "Notice %s not e-mailed (attempt %s); tried again later", notice_id, attempts
        )


def send_emails(notice_ids: list[int], now: datetime | None = None) -> int:
    """E-mail each notice still due for an e-mail at once; returns how many went. A failed
    send is recorded on the notice, which stays due for `retry_emails` (safe to run again)."""
    sent = 0
    for notice_id in notice_ids:
        moment = now or timezone.now()
        try:
            with transaction.atomic():
                claimed = Notice.objects.filter(
                    pk=notice_id,
                    delivery=Delivery.EMAIL,
                    emailed_at__isnull=True,
                    email_attempts__lt=MAX_ATTEMPTS,
                    person__is_active=True,
                ).update(emailed_at=moment, email_retry_at=None)
                if not claimed:
                    continue
                notice = Notice.objects.select_related("person").get(pk=notice_id)
                notice_message(notice).send()
        except (smtplib.SMTPException, OSError) as error:
            _record_failure(notice_id, error, moment)
            continue
        sent += 1
    return sent


def due_for_retry(now: datetime) -> Any:
    """E-mails at once not sent yet that should be tried now: failed ones whose wait is over,
    and queued ones whose job was lost."""
    return Notice.objects.filter(
        delivery=Delivery.EMAIL,
        emailed_at__isnull=True,
        email_attempts__lt=MAX_ATTEMPTS,
        person__is_active=True,
    ).filter(
        Q(email_attempts__gt=0, email_retry_at__lte=now)
        | Q(email_attempts=0, created_at__lte=now - LOST_AFTER)
    )


def retry_emails(now: datetime | None = None, limit: int = 500) -> int:
    """Try again the e-mails at once that failed or were never sent (at most `limit` in a
    run, oldest first); returns how many went."""
    now = now or timezone.now()
    ids = list(due_for_retry(now).order_by("created_at", "id").values_list("pk", flat=True)[:limit])
    return send_emails(ids, now)


def undelivered() -> Any:
    """E-mails at once given up after `MAX_ATTEMPTS` failures (for staff to look into)."""
    return Notice.objects.filter(
        delivery=Delivery.EMAIL, emailed_at__isnull=True, email_attempts__gte=MAX_ATTEMPTS
    )


def send_digests(delivery: str, now: datetime | None = None) -> int:
    """Send each person with notices waiting for their daily or weekly digest one e-mail
    listing them, grouped by kind; returns how many digests went. Each notice goes in one
    digest only: a second run finds nothing left to send."""
    if delivery not in DIGESTS:
        raise ValueError(f"Not a digest: {delivery}")
    now = now or timezone.now()
    waiting = Notice.objects.filter(
        delivery=delivery, emailed_at__isnull=True, created_at__lte=now, person__is_active=True
    )
    sent = 0
    for person_id in waiting.values_list("person_id", flat=True).distinct().order_by("person_id"):
        try:
            with transaction.atomic():
                # Locked rows are another run's: skipped, not waited for (PostgreSQL).
                notices = list(
                    waiting.filter(person_id=person_id)
                    .select_for_update(skip_locked=True, of=("self",))
                    .select_related("person")
                    .order_by("created_at", "id")
                )
                if not notices:
                    continue
                Notice.objects.filter(pk__in=[n.pk for n in notices]).update(emailed_at=now)
                _digest_message(notices, delivery).send()
        except (smtplib.SMTPException, OSError):
            logger.warning("Digest for person %s not sent; still due", person_id)
            continue
        sent += 1
    return sent


def _digest_message(notices: list[Notice], delivery: str) -> Any:
    person = notices[0].person
    with translation.override(person.preferred_language or settings.LANGUAGE_CODE):
        sections: dict[str, list[dict[str, str]]] = {}
        for notice in notices:
            kind = find(notice.kind)
            label = str(kind.label) if kind is not None else str(_("Other notices"))
            sections.setdefault(label, []).append(
                {"text": notice.text, "url": _absolute(notice.link)}
            )
        return email_from_templates(
            person.email,
            "notifications/email/digest",
            {
                "person": person,
                "daily": delivery == Delivery.DAILY,
                "count": len(notices),
                "sections": sorted(sections.items()),
                "centre_url": settings.SITE_URL + reverse("notifications:centre"),
                "preferences_url": _preferences_url(),
                "site_name": settings.SITE_NAME,
            },
        )
