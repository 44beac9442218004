"""Sending notices by e-mail: one at once, or many in a daily or weekly digest.

Each e-mail is claimed (`emailed_at`) in the transaction that sends it, so a run repeated, or two
runs at once, send nothing twice, and a failed send rolls the claim back and leaves it due.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
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


def send_emails(notice_ids: list[int]) -> int:
    """E-mail each notice still due for an e-mail at once; returns how many went. A failed
    send is logged and leaves the notice due (safe to run again)."""
    sent = 0
    for notice_id in notice_ids:
        try:
            with transaction.atomic():
                claimed = Notice.objects.filter(
                    pk=notice_id,
                    delivery=Delivery.EMAIL,
                    emailed_at__isnull=True,
                    person__is_active=True,
                ).update(emailed_at=timezone.now())
                if not claimed:
                    continue
                notice = Notice.objects.select_related("person").get(pk=notice_id)
                notice_message(notice).send()
        except (smtplib.SMTPException, OSError):
            logger.warning("Notice %s not e-mailed; still due", notice_id)
            continue
        sent += 1
    return sent


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
