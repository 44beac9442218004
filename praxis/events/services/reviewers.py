"""The reviewers of a call for abstracts' tracks, set by the event's organisers: a member named
by their @handle is added and told, an e-mail address is sent an invitation
(`reviewer_invitations`), and a reviewer is removed."""

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
from praxis.core.languages import in_sentence
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit
from praxis.events import notices
from praxis.events.models import Event, ReviewerInvitation, Track
from praxis.events.permissions import manage_event
from praxis.events.services.reviewer_invitations import invite_reviewer
from praxis.notifications.services import notify

WHO_LONGEST = 254
WHO_MESSAGE = _("Give the person's e-mail address or their @handle.")
# How many reviewers one organiser may add, or invite, in an hour, whatever the event.
ADD_LIMIT = RateLimit("events.add_reviewer", limit=40, window=3600)


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


def _is_handle(who: str) -> bool:
    return "@" not in who.lstrip("@")


def _person_with_handle(who: str) -> User:
    try:
        return person_by_handle(who)
    except ValidationFailed as unknown:
        raise ValidationFailed(
            ErrorCode.UNKNOWN_HANDLE, fields={"who": unknown.fields["to"]}
        ) from None


def _allowance(by: Person) -> None:
    """Refuse an organiser who has added too many reviewers lately: each address is e-mailed,
    and each try at a handle says whether it exists."""
    ADD_LIMIT.check_and_hit(f"person:{by.pk}")


@transaction.atomic
def add_reviewer(track: Track, who: str, *, by: Person) -> User | ReviewerInvitation:
    """Add a reviewer to `track` as `who` names them (the event's managers).

    By @handle, the member with it becomes a reviewer at once and is told (returned); someone
    who already reviews the track is refused beside `who`. By e-mail address, an invitation
    goes to that address, whether anyone has an account with it or not, and the person becomes
    a reviewer on accepting it (the invitation is returned): the answer tells nothing of whose
    address it is. RateLimited after `ADD_LIMIT` tries."""
    require(manage_event, by, track.event)
    who = (who or "").strip()
    if not who or len(who) > WHO_LONGEST:
        raise ValidationFailed(fields={"who": [WHO_MESSAGE]})
    _allowance(by)
    if not _is_handle(who):
        return invite_reviewer(track, who, by=by)
    person = _person_with_handle(who)
    # Two organisers adding at once wait for each other here, and the second sees the first.
    track = Track.objects.select_for_update().select_related("event").get(pk=track.pk)
    if track.reviewers.filter(pk=person.pk).exists():
        raise ValidationFailed(
            fields={
                "who": [
                    _("%(name)s already reviews this track.")
                    % {"name": in_sentence(person.full_name)}
                ]
            }
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
