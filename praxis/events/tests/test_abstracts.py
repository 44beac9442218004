"""The call for abstracts: deadline, reviewers by track, conflicts of interest, scores,
decisions and accepted abstracts in the programme."""

from collections.abc import Callable
from datetime import timedelta
from typing import ParamSpec

import pytest
from django.core import mail
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import ErrorCode, PraxisError
from praxis.events import services
from praxis.events.models import Abstract, Event, Review, Session, Track
from praxis.events.tests.factories import AbstractFactory, EventFactory, RoomFactory, TrackFactory

P = ParamSpec("P")

pytestmark = pytest.mark.django_db

AUTHORS = [{"name": "Amina Diallo", "organisation": "Université de Dakar"}]


@pytest.fixture
def call() -> tuple[Event, Track]:
    event = EventFactory.create(
        type="conference", abstracts_deadline=timezone.now() + timedelta(days=3), score_max=10
    )
    return event, TrackFactory.create(event=event, name="Infection control")


def code_of(call_: Callable[P, object], *args: P.args, **kwargs: P.kwargs) -> str:
    with pytest.raises(PraxisError) as caught:
        call_(*args, **kwargs)
    return caught.value.code


def test_abstract_is_submitted_before_the_deadline(call: tuple[Event, Track]) -> None:
    event, track = call
    abstract = services.submit_abstract(
        UserFactory.create(),
        event,
        track=track,
        title="Hand rub",
        body="Findings.",
        authors=AUTHORS,
    )
    assert abstract.status == Abstract.Status.SUBMITTED and abstract.authors == AUTHORS


def test_abstract_after_the_deadline_is_refused(call: tuple[Event, Track]) -> None:
    event, track = call
    event.abstracts_deadline = timezone.now() - timedelta(seconds=1)
    code = code_of(
        services.submit_abstract,
        UserFactory.create(),
        event,
        track=track,
        title="Late",
        body="Too late.",
        authors=AUTHORS,
    )
    assert code == ErrorCode.ABSTRACTS_CLOSED and not Abstract.objects.exists()


@pytest.mark.parametrize(
    ("title", "body", "authors"),
    [
        ("", "Body", AUTHORS),
        ("Title", "", AUTHORS),
        ("Title", "x" * 5001, AUTHORS),
        ("Title", "Body", []),
        ("Title", "Body", [{"organisation": "Nowhere"}]),
        ("Title", "Body", "Amina"),
    ],
)
def test_incomplete_abstract_is_refused(
    call: tuple[Event, Track], title: str, body: str, authors: str | list[object]
) -> None:
    event, track = call
    code = code_of(
        services.submit_abstract,
        UserFactory.create(),
        event,
        track=track,
        title=title,
        body=body,
        authors=authors,
    )
    assert code == ErrorCode.INVALID_INPUT and not Abstract.objects.exists()


def test_reviewer_of_the_track_scores_an_abstract(call: tuple[Event, Track]) -> None:
    event, track = call
    reviewer = UserFactory.create(organisation_name="Makerere University")
    track.reviewers.add(reviewer)
    abstract = AbstractFactory.create(event=event, track=track)
    review = services.review_abstract(reviewer, abstract, score=8, comment="Clear methods.")
    assert Review.objects.get(pk=review.pk).score == 8


def test_reviewer_from_an_authors_organisation_is_excluded(call: tuple[Event, Track]) -> None:
    event, track = call
    reviewer = UserFactory.create(organisation_name="université de dakar ")
    track.reviewers.add(reviewer)
    abstract = AbstractFactory.create(event=event, track=track, authors=AUTHORS)
    code = code_of(services.review_abstract, reviewer, abstract, score=5)
    assert code == ErrorCode.REVIEW_CONFLICT_OF_INTEREST and not Review.objects.exists()


def test_submitter_cannot_review_their_own_abstract(call: tuple[Event, Track]) -> None:
    event, track = call
    reviewer = UserFactory.create()
    track.reviewers.add(reviewer)
    abstract = AbstractFactory.create(event=event, track=track, submitter=reviewer)
    assert code_of(services.review_abstract, reviewer, abstract, score=5) == (
        ErrorCode.REVIEW_CONFLICT_OF_INTEREST
    )


def test_reviewer_of_another_track_cannot_review(call: tuple[Event, Track]) -> None:
    event, track = call
    other = TrackFactory.create(event=event)
    reviewer = UserFactory.create()
    other.reviewers.add(reviewer)
    abstract = AbstractFactory.create(event=event, track=track)
    assert code_of(services.review_abstract, reviewer, abstract, score=5) == (
        ErrorCode.PERMISSION_DENIED
    )


@pytest.mark.parametrize("score", [0, 11, "7", 7.5, None, True])
def test_score_outside_the_configured_scale_is_refused(
    call: tuple[Event, Track], score: int | str | float | bool | None
) -> None:
    event, track = call
    reviewer = UserFactory.create()
    track.reviewers.add(reviewer)
    abstract = AbstractFactory.create(event=event, track=track)
    assert code_of(services.review_abstract, reviewer, abstract, score=score) == (
        ErrorCode.SCORE_OUT_OF_SCALE
    )


def test_decision_is_sent_to_the_submitter(
    call: tuple[Event, Track], django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    event, track = call
    abstract = AbstractFactory.create(event=event, track=track)
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_abstract(
            abstract, Abstract.Status.POSTER, by=UserFactory.create(is_staff=True)
        )
    assert mail.outbox[0].to == [abstract.submitter.email]
    assert "poster" in mail.outbox[0].body


def test_only_event_managers_decide(call: tuple[Event, Track]) -> None:
    event, track = call
    abstract = AbstractFactory.create(event=event, track=track)
    assert code_of(services.decide_abstract, abstract, "accepted", by=UserFactory.create()) == (
        ErrorCode.PERMISSION_DENIED
    )


def test_accepted_abstract_becomes_a_session_with_its_authors_speaking(
    call: tuple[Event, Track],
) -> None:
    event, track = call
    staff = UserFactory.create(is_staff=True)
    abstract = AbstractFactory.create(event=event, track=track, authors=AUTHORS)
    services.decide_abstract(abstract, Abstract.Status.ACCEPTED, by=staff)
    session = services.schedule_abstract(
        abstract,
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=20),
        room=RoomFactory.create(event=event),
        by=staff,
    )
    session = Session.objects.get(pk=session.pk)
    assert session.title == abstract.title and session.track == track
    assert [s.name for s in session.speakers.all()] == ["Amina Diallo"]


def test_rejected_abstract_cannot_be_scheduled(call: tuple[Event, Track]) -> None:
    event, track = call
    staff = UserFactory.create(is_staff=True)
    abstract = AbstractFactory.create(event=event, track=track)
    services.decide_abstract(abstract, Abstract.Status.REJECTED, by=staff)
    code = code_of(
        services.schedule_abstract,
        abstract,
        starts_at=event.starts_at,
        ends_at=event.starts_at + timedelta(minutes=20),
        by=staff,
    )
    assert code == ErrorCode.CONFLICT and not Session.objects.exists()
