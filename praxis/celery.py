"""Celery application. Without CELERY_BROKER_URL, tasks run in-process (eager)."""

import os

from celery import Celery
from celery.signals import worker_init

from praxis.core.hooks import require_answered

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "praxis.settings")

app = Celery("praxis")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_init.connect
def check_hooks(**_signal: object) -> None:
    """A worker starts only when every hook is answered. Celery's Django fixup, connected when
    the app was made and so told first, has set Django up by now."""
    require_answered()
