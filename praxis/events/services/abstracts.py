"""The call for abstracts: submission before the deadline, reviews by the track's reviewers
without conflicts of interest, decisions, and accepted abstracts placed in the programme."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.events import permissions, tasks
from praxis.events.models import Abstract, Event, Review, Room, Session, Speaker, Track
from praxis.events.services.programme import save_session

MAX_AUTHORS = 30


def _clean_authors(authors: Any) -> list[dict[str, str]]:
    if not isinstance(authors, list) or not authors or len(authors) > MAX_AUTHORS:
        raise ValidationFailed(fields={"authors": [_("Name between one and 30 authors.")]})
    cleaned = []
    for author in authors:
        if not isinstance(author, dict):
            raise ValidationFailed(fields={"authors": [_("Each author needs a name.")]})
        name = str(author.get("name") or "").strip()[:150]
        organisation = str(author.get("organisation") or "").strip()[:200]
        if not name:
            raise ValidationFailed(fields={"authors": [_("Each author needs a name.")]})
        cleaned.append({"name": name, "organisation": organisation})
    return cleaned


@transaction.atomic
def submit_abstract(
    person: Person, event: Event, *, track: Track, title: str, body: str, authors: Any
) -> Abstract:
    """Submit an abstract to a track of the event's call before its deadline."""
    if not signed_in(person):
        raise NotAuthenticated()
    require(permissions.submit_abstract, person, event)
    if event.abstracts_deadline is None or timezone.now() >= event.abstracts_deadline:
        raise Conflict(ErrorCode.ABSTRACTS_CLOSED, _("The call for abstracts is closed."))
    errors: dict[str, list[str | Promise]] = {}
    title, body = (title or "").strip(), (body or "").strip()
    if not title or len(title) > 250:
        errors["title"] = [_("Give a title of up to 250 characters.")]
    if not body or len(body) > 5000:
        errors["body"] = [_("Write an abstract of up to 5,000 characters.")]
    if track.event_id != event.pk:
        errors["track"] = [_("Choose one of this event's tracks.")]
    if errors:
        raise ValidationFailed(fields=errors)
    return Abstract.objects.create(
        event=event,
        track=track,
        submitter=person,
        title=title,
        body=body,
        authors=_clean_authors(authors),
    )


def _organisations_of(person: Person) -> set[str]:
    """The names of the organisations a person belongs to, lower-cased for comparison."""
    names = {person.organisation_name.strip().lower()} if person.organisation_name else set()
    return {name for name in names if name}


def has_conflict_of_interest(reviewer: Person, abstract: Abstract) -> bool:
    """True when the reviewer submitted the abstract or shares an organisation with an author."""
    if reviewer.pk == abstract.submitter_id:
        return True
    theirs = _organisations_of(reviewer)
    authors = {str(a.get("organisation", "")).strip().lower() for a in abstract.authors}
    authors |= _organisations_of(abstract.submitter)
    return bool(theirs & authors)


@transaction.atomic
def review_abstract(
    reviewer: Person, abstract: Abstract, *, score: Any, comment: str = ""
) -> Review:
    """Score (on the event's scale) and comment on an abstract of a track one reviews."""
    require(permissions.review_abstract, reviewer, abstract)
    if has_conflict_of_interest(reviewer, abstract):
        raise PermissionDenied(
            ErrorCode.REVIEW_CONFLICT_OF_INTEREST,
            _("You cannot review this abstract: you share an organisation with an author."),
        )
    event = abstract.event
    if abstract.status != Abstract.Status.SUBMITTED:
        raise Conflict(message=_("A decision has been made on this abstract already."))
    if (
        isinstance(score, bool)
        or not isinstance(score, int)
        or not (event.score_min <= score <= event.score_max)
    ):
        raise ValidationFailed(
            ErrorCode.SCORE_OUT_OF_SCALE,
            _("Give a score from %(low)s to %(high)s.")
            % {"low": event.score_min, "high": event.score_max},
            fields={"score": [_("Out of the scale.")]},
        )
    review, _made = Review.objects.update_or_create(
        abstract=abstract,
        reviewer=reviewer,
        defaults={"score": score, "comment": (comment or "").strip()[:4000]},
    )
    return review


@transaction.atomic
def decide_abstract(abstract: Abstract, decision: str, *, by: Person) -> Abstract:
    """Accept, accept as a poster or reject an abstract; the submitter is told by e-mail."""
    require(permissions.manage_event, by, abstract.event)
    if decision not in {Abstract.Status.ACCEPTED, Abstract.Status.POSTER, Abstract.Status.REJECTED}:
        raise ValidationFailed(fields={"decision": [_("Choose accept, poster or reject.")]})
    abstract.status = decision
    abstract.decided_at = timezone.now()
    abstract.save(update_fields=["status", "decided_at", "updated_at"])
    transaction.on_commit(lambda: tasks.send_abstract_decision.delay(abstract.pk))
    return abstract


@transaction.atomic
def schedule_abstract(
    abstract: Abstract,
    *,
    starts_at: datetime,
    ends_at: datetime,
    by: Person,
    room: Room | None = None,
) -> Session:
    """Turn an accepted abstract into a programme session with its authors as speakers."""
    require(permissions.manage_event, by, abstract.event)
    if abstract.status not in {Abstract.Status.ACCEPTED, Abstract.Status.POSTER}:
        raise Conflict(message=_("Only accepted abstracts can be placed in the programme."))
    event = abstract.event
    speakers = []
    for author in abstract.authors:
        speaker, _made = Speaker.objects.get_or_create(
            event=event, name=author["name"], defaults={"organisation_name": author["organisation"]}
        )
        speakers.append(speaker)
    session = save_session(
        event,
        session=abstract.session,
        title=abstract.title,
        description=abstract.body[:4000],
        kind=Session.Kind.POSTER
        if abstract.status == Abstract.Status.POSTER
        else Session.Kind.TALK,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        track=abstract.track,
        speakers=speakers,
    )
    abstract.session = session
    abstract.save(update_fields=["session", "updated_at"])
    return session
