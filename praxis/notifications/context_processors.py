"""The unread count for the header link to the notification centre."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from praxis.notifications.queries import unread_count


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    """`unread_notifications`: the signed-in person's unread count, looked up (from the cache,
    most times) only if the page shows it."""
    user = getattr(request, "user", None)
    return {
        "unread_notifications": SimpleLazyObject(
            lambda: unread_count(user) if user is not None else 0
        )
    }
