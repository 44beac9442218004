"""Background jobs for notices: e-mail at once, and the daily and weekly digests. Each is safe
to run twice."""

from __future__ import annotations

from celery import shared_task

from praxis.notifications import delivery
from praxis.notifications.kinds import Delivery


@shared_task
def send_notice_emails(notice_ids: list[int]) -> int:
    """E-mail the notices whose recipients want them at once (queued when they are made)."""
    return delivery.send_emails(notice_ids)


@shared_task
def retry_notice_emails() -> int:
    """Try again the e-mails at once that failed, or whose job was lost (every few minutes)."""
    return delivery.retry_emails()


@shared_task
def send_daily_digests() -> int:
    """The daily digest for everyone with notices waiting for it (schedule once a day)."""
    return delivery.send_digests(Delivery.DAILY)


@shared_task
def send_weekly_digests() -> int:
    """The weekly digest for everyone with notices waiting for it (schedule once a week)."""
    return delivery.send_digests(Delivery.WEEKLY)
