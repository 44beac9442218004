"""What the notification centre holds about a person: their notices and delivery choices, and
their name inside others' notices (who replied, who reviewed)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, Holding, Row, register
from praxis.notifications.models import Notice, Preference


def _notices(person: Person) -> list[Row]:
    """The person's notices, each with its text as the centre shows it, in their language (the
    kind and parameters alone would say little to them)."""
    language = person.preferred_language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        return [
            {
                "created_at": notice.created_at,
                "kind": notice.kind,
                "text": notice.text,
                "params": notice.params,
                "link": notice.link,
                "read_at": notice.read_at,
            }
            for notice in Notice.objects.filter(person=person).order_by("pk")
        ]


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
        export=_notices,
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
