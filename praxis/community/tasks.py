"""Background jobs for the communities: notifications and digests. Each is safe to run twice."""

from __future__ import annotations

from celery import shared_task

from praxis.community.models import Membership
from praxis.community.services import notifying


@shared_task
def notify_new_post(post_id: int) -> None:
    """In-app notifications and immediate e-mail for a post that just became visible."""
    notifying.notify_new_post(post_id)


@shared_task
def send_daily_digests() -> int:
    """The daily digest for every member who chose it (schedule once a day)."""
    return notifying.send_digests(Membership.Email.DAILY)


@shared_task
def send_weekly_digests() -> int:
    """The weekly digest for every member who chose it (schedule once a day: each member gets
    one a week, counted from their last)."""
    return notifying.send_digests(Membership.Email.WEEKLY)
