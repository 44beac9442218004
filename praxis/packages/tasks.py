"""Background jobs for the package player. Each is safe to run again."""

from __future__ import annotations

from celery import shared_task

from praxis.packages import cmi5


@shared_task(name="packages.abandon_expired_sessions")
def abandon_expired_sessions() -> int:
    """Abandon every cmi5 session whose credential expired without `terminated`."""
    return cmi5.abandon_expired()
