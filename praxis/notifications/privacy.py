"""What the notification centre holds about a person: their notices and delivery choices, and
their name inside others' notices (who replied, who reviewed)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from praxis.core.personal_data import Erasing, Erasure, Holding, register
from praxis.notifications.models import Notice, Preference


def _erase_notices(erasing: Erasing) -> None:
    """The person's own notices go; in others' notices their name becomes the former member's.
    Notices are few per person and short-lived, so they are read through once."""
    Notice.objects.filter(person=erasing.person).delete()
    name, replacement = erasing.person.full_name, erasing.former_member.full_name
    if not name:
        return
    changed = []
    for notice in Notice.objects.filter(params__isnull=False).iterator():
        params = dict(notice.params)
        if any(value == name for value in params.values()):
            notice.params = {k: replacement if v == name else v for k, v in params.items()}
            changed.append(notice)
    Notice.objects.bulk_update(changed, ["params"], batch_size=500)


register(
    Holding(
        Notice,
        ("person",),
        Erasure.CUSTOM,
        kind="notifications",
        label=_("Notifications"),
        fields=("created_at", "kind", "params", "link", "read_at"),
        erase=_erase_notices,
    ),
    Holding(
        Preference,
        ("person",),
        Erasure.DELETE,
        kind="notification-preferences",
        label=_("Notification choices"),
        fields=("kind", "delivery"),
    ),
)
