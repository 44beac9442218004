"""An event's settings as the API's body gives them: organisations and topics named by their
slugs, and only the fields given changed."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Topic
from praxis.core.errors import ValidationFailed
from praxis.events.schemas import EventIn, EventPatchIn
from praxis.events.services.event_settings import ORGANISER_MESSAGE, EventSettings
from praxis.organisations.models import Organisation


def _organisations(slugs: list[str], field: str) -> list[Organisation]:
    found = list(Organisation.objects.filter(slug__in=slugs))
    if len(found) != len(set(slugs)):
        message = (
            ORGANISER_MESSAGE
            if field == "organiser"
            else _("Name organisations of the partner directory by their slugs.")
        )
        raise ValidationFailed(fields={field: [message]})
    return found


def _topics(slugs: list[str]) -> list[Topic]:
    found = list(Topic.objects.filter(slug__in=slugs))
    if len(found) != len(set(slugs)):
        raise ValidationFailed(fields={"topics": [_("Name topics by their slugs.")]})
    return found


def settings_from(body: EventIn | EventPatchIn, now: EventSettings) -> EventSettings:
    """`now` with the fields the body gives; organisations and topics read by their slugs."""
    given = body.dict(exclude_unset=True)
    given.pop("status", None)
    # Null means "none" where an event may have none; elsewhere it changes nothing.
    for name in ("type", "format", "waitlist", "cpd_credits", "co_organisers", "topics"):
        if name in given and given[name] is None:
            del given[name]
    if "organiser" in given:
        slug = given["organiser"]
        given["organiser"] = _organisations([slug], "organiser")[0] if slug else None
    if "co_organisers" in given:
        given["co_organisers"] = _organisations(given["co_organisers"], "co_organisers")
    if "topics" in given:
        given["topics"] = _topics(given["topics"])
    for name in ("title", "summary", "language", "time_zone", "venue", "online_url"):
        if name in given and given[name] is None:
            given[name] = ""
    return now.but(**given)
