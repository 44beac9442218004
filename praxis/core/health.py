"""What the readiness check asks of each dependency: can it be used now?

Each check answers None when the dependency works, or a short reason (never a secret: no URL,
no password). Only the dependencies this deployment configures are asked: the broker only with
Celery workers, the cache whatever its backend.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.files.storage import default_storage
from django.db import connections
from kombu import Connection

if TYPE_CHECKING:
    # The Redis cache's module loads the Redis client: only a deployment with one loads it.
    from praxis.core.cache import FailSoftRedisCache


def _reason(error: Exception) -> str:
    return type(error).__name__


def check_database() -> str | None:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not ready"; the reason is reported
        return _reason(error)
    return None


def check_cache() -> str | None:
    cache = caches["default"]
    try:
        if isinstance(cache, RedisCache):  # Django's, whose module imports no Redis client
            # Settings make Redis caches FailSoftRedisCache, which hides outages from pages.
            cast("FailSoftRedisCache", cache).ping()
        else:
            cache.set("readyz", "1", timeout=5)
            if cache.get("readyz") != "1":
                return "cache does not keep values"
    except Exception as error:  # any failure means "not ready"
        return _reason(error)
    return None


def check_broker() -> str | None:
    try:
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=0, interval_start=0, timeout=2)
    except Exception as error:  # any failure means "not ready"
        return _reason(error)
    return None


def check_storage() -> str | None:
    try:
        default_storage.exists("readyz")
    except Exception as error:  # any failure means "not ready"
        return _reason(error)
    return None


def checks() -> dict[str, Callable[[], str | None]]:
    """The checks this deployment needs, by dependency name."""
    found = {"database": check_database, "cache": check_cache}
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        found["broker"] = check_broker
    found["storage"] = check_storage
    return found


def readiness() -> tuple[bool, dict[str, dict[str, str]]]:
    """(all ready, {dependency: {"status": "ok"} or {"status": "error", "reason": ...}})."""
    report: dict[str, dict[str, str]] = {}
    for name, check in checks().items():
        reason = check()
        report[name] = {"status": "ok"} if reason is None else {"status": "error", "reason": reason}
    return all(entry["status"] == "ok" for entry in report.values()), report
