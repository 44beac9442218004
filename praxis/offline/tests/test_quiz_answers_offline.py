"""What a learner answers in an offline copy of a quiz is marked as meant: a matching question
names its left-hand items and its right-hand choices apart, in a copy made before or after
they had names of their own, and a question left blank is recorded unanswered."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.models import Attempt, Question
from praxis.assessments.tests.factories import OptionFactory, QuestionFactory, quiz_with
from praxis.assessments.tests.test_matching_names import PAIRS, matching_question
from praxis.catalog import services as catalog
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import course_with_lessons
from praxis.catalog.xapi import EXTENSION_COURSE_VERSION
from praxis.offline import bundles
from praxis.offline.schemas import OfflineStatementIn
from praxis.offline.sync import EXTENSION_ANSWERS, VERB_ATTEMPTED, sync

pytestmark = pytest.mark.django_db


@pytest.fixture
def course() -> Course:
    return course_with_lessons(modules=1, lessons_per_module=1)


@pytest.fixture
def enrolled(course: Course) -> User:
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    return learner


def _offline_answer(learner: User, course: Course, answer: object) -> dict[str, object]:
    quiz = bundles.course_bundle(learner, course).data["quizzes"][0]
    statement = {
        "id": str(uuid.uuid4()),
        "verb": {"id": VERB_ATTEMPTED},
        "object": {"id": quiz["activity"]},
        "timestamp": (timezone.now() - timedelta(minutes=1)).isoformat(),
        "result": {"extensions": {EXTENSION_ANSWERS: {quiz["questions"][0]["uuid"]: answer}}},
    }
    return OfflineStatementIn.model_validate(statement).said(
        EXTENSION_ANSWERS, EXTENSION_COURSE_VERSION
    )


def test_the_offline_copy_names_items_and_choices_apart_and_syncs(
    enrolled: User, course: Course
) -> None:
    matching_question(course)
    quiz = bundles.course_bundle(enrolled, course).data["quizzes"][0]
    shown = quiz["questions"][0]
    items = {o["text"]: o["token"] for o in shown["options"]}
    choices = {o["text"]: o["token"] for o in shown["matches"]}
    assert not set(items.values()) & set(choices.values())

    answer = {items[text]: choices[match] for text, match in PAIRS}
    outcome = sync(enrolled, [_offline_answer(enrolled, course, answer)])[0]
    assert outcome.status == "recorded" and outcome.extra["percent"] == 100


def test_an_offline_copy_made_before_still_syncs(enrolled: User, course: Course) -> None:
    """A copy downloaded before the choices had names of their own named each choice as its
    item: what a learner answered in it is marked as it was meant."""
    question, options = matching_question(course)
    quiz = question.quizzes.get()
    old = {o.id: bundles.option_token(enrolled, quiz, o.id) for o in options}
    answer = {old[o.id]: old[o.id] for o in options}
    outcome = sync(enrolled, [_offline_answer(enrolled, course, answer)])[0]
    assert outcome.status == "recorded" and outcome.extra["percent"] == 100


def test_an_ordering_left_blank_offline_is_recorded_unanswered(
    enrolled: User, course: Course
) -> None:
    """The copy's page sends an ordering's drop-downs as they were left, "—" for each: the
    attempt is recorded, not refused as unreadable, as a blank ordering online is."""
    ordering = QuestionFactory.create(kind=Question.Kind.ORDERING)
    for n in range(3):
        OptionFactory.create(question=ordering, position=n, text=f"Step {n}")
    quiz_with([ordering], course=course)
    outcome = sync(enrolled, [_offline_answer(enrolled, course, ["", "", ""])])[0]
    assert outcome.status == "recorded" and outcome.extra["percent"] == 0
    attempt = Attempt.objects.get(learner=enrolled)
    assert attempt.status == Attempt.Status.SUBMITTED
    assert attempt.items.get().response is None
