"""The reviewers of a call for abstracts' tracks, set by the event's organisers: a person named
by the e-mail address of their account or by their @handle is added, and told; one is removed."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.community.services.membership import ensure_profile
from praxis.community.services.messaging import person_by_handle
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.events import notices
from praxis.events.models import Event, Track
from praxis.events.permissions import manage_event
from praxis.notifications.services import notify

WHO_LONGEST = 254


def handle_of(person: User) -> str | None:
    """The person's @handle (without the "@"), or None if they have none yet; read from
    `community_profile`, which callers listing many people select with them."""
    try:
        return str(person.community_profile.handle)
    except ObjectDoesNotExist:
        return None


def _by_name() -> QuerySet[User]:
    return User.objects.select_related("community_profile").order_by("full_name", "pk")


def track_reviewers(track: Track) -> list[User]:
    """The reviewers of `track` by name, each with their handle (one query)."""
    return list(_by_name().filter(reviewed_tracks=track))


def tracks_with_reviewers(event: Event) -> list[tuple[Track, list[User]]]:
    """The event's tracks, each with its reviewers by name (two queries, however many
    tracks)."""
    tracks = Track.objects.filter(event=event).prefetch_related(
        Prefetch("reviewers", queryset=_by_name())
    )
    return [(track, list(track.reviewers.all())) for track in tracks]


def _person_named(who: str) -> User:
    """The active person whose account has the address `who`, or whose handle it is."""
    who = (who or "").strip()
    if not who or len(who) > WHO_LONGEST:
        raise ValidationFailed(
            fields={"who": [_("Give the e-mail address of the person's account or their @handle.")]}
        )
    if "@" in who.lstrip("@"):
        person = User.objects.filter(email__iexact=who, is_active=True).first()
        if person is None:
            raise ValidationFailed(
                ErrorCode.UNKNOWN_HANDLE,
                fields={
                    "who": [
                        _(
                            "No one can be added under this address: ask the person to sign up, "
                            "or give their @handle."
                        )
                    ]
                },
            )
        return person
    try:
        return person_by_handle(who)
    except ValidationFailed as unknown:
        raise ValidationFailed(
            ErrorCode.UNKNOWN_HANDLE, fields={"who": unknown.fields["to"]}
        ) from None


@transaction.atomic
def add_reviewer(track: Track, who: str, *, by: Person) -> User:
    """Make the person `who` names (the address of their account, or their @handle) a reviewer
    of `track`, and tell them. Someone who already reviews it is refused beside `who`."""
    require(manage_event, by, track.event)
    person = _person_named(who)
    # Two organisers adding at once wait for each other here, and the second sees the first.
    track = Track.objects.select_for_update().select_related("event").get(pk=track.pk)
    if track.reviewers.filter(pk=person.pk).exists():
        raise ValidationFailed(
            fields={"who": [_("%(name)s already reviews this track.") % {"name": person.full_name}]}
        )
    track.reviewers.add(person)
    ensure_profile(person)  # so that the API can name them by handle to remove them
    notify(
        person,
        notices.abstract_reviewer_added,
        reverse("events:review", args=[track.event.slug]),
        event=track.event.title,
        track=track.name,
        by=by.full_name,
    )
    return person


@transaction.atomic
def remove_reviewer(track: Track, person: User, *, by: Person) -> None:
    """Take `person` off the reviewers of `track`; their reviews already written stay.
    NotFound if they do not review it."""
    require(manage_event, by, track.event)
    if not track.reviewers.filter(pk=person.pk).exists():
        raise NotFound()
    track.reviewers.remove(person)
