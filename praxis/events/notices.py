"""The notices events send to their registrants (praxis.notifications.kinds). Times are stored
as ISO 8601 with the event's zone and shown in the reader's language when read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.notifications.kinds import Delivery, kind


def _when(moment: str, zone: str) -> str:
    local = timezone.localtime(datetime.fromisoformat(moment), ZoneInfo(zone))
    return f"{date_format(local, 'DATETIME_FORMAT')} ({zone})"


@kind(label=_("Reminders of events you registered for"), default=Delivery.EMAIL)
def event_reminder(*, event: str, starts_at: str, zone: str) -> str:
    return gettext("Reminder: “%(event)s” starts on %(when)s.") % {
        "event": event,
        "when": _when(starts_at, zone),
    }


@kind(label=_("Changes to events you registered for"), default=Delivery.EMAIL)
def event_changed(
    *, event: str, starts_at: str, zone: str, session: str = "", cancelled: bool = False
) -> str:
    """A session moved (`session`), the whole event moved (no session), or it is cancelled."""
    if cancelled:
        return gettext("“%(event)s” is cancelled: it will not take place.") % {"event": event}
    if not session:
        return gettext("“%(event)s” has moved: it now starts on %(when)s.") % {
            "event": event,
            "when": _when(starts_at, zone),
        }
    return gettext("The programme of “%(event)s” changed: “%(session)s” is now on %(when)s.") % {
        "event": event,
        "session": session,
        "when": _when(starts_at, zone),
    }


@kind(label=_("Messages from the organisers of events you registered for"), default=Delivery.EMAIL)
def organiser_message(*, event: str, subject: str, body: str) -> str:
    return gettext("From the organisers of “%(event)s”: %(subject)s\n\n%(body)s") % {
        "event": event,
        "subject": subject,
        "body": body,
    }
