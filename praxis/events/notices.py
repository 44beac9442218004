"""The notices events send to their registrants (praxis.notifications.kinds). Times are stored
as ISO 8601 with the event's zone and shown in the reader's language when read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.events.models import Track
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


def _reviews_abstracts(person: Person) -> bool:
    return Track.objects.filter(reviewers=person).exists()


# Offered in the preferences of those who review a track already, as authoring offers its
# review requests to reviewers; a first one reaches anybody, by e-mail unless they chose.
@kind(
    label=_("Being made a reviewer of an event's abstracts"),
    default=Delivery.EMAIL,
    audience=_reviews_abstracts,
)
def abstract_reviewer_added(*, event: str, track: str, by: str) -> str:
    return gettext(
        "%(by)s asked you to review the abstracts of the track “%(track)s” of “%(event)s”."
    ) % {"by": by, "track": track, "event": event}
