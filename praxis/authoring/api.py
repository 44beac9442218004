"""The co-creation API: read and save a draft's lessons, quizzes and questions, naming the
revision each was read at, and the competencies the course teaches."""

from __future__ import annotations

import datetime
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Router, Schema, Status
from pydantic import StrictInt, StrictStr

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.authoring import inputs, queries, quizzes, services
from praxis.authoring.models import (
    Draft,
    DraftAlignment,
    DraftLesson,
    DraftQuestion,
    DraftQuiz,
)
from praxis.catalog.content import render_markdown
from praxis.competencies.models import CompetencyItem
from praxis.core.errors import ValidationFailed
from praxis.core.schemas import errors

router = Router(tags=["co-creation"])


class DraftLessonOut(Schema):
    key: UUID
    title: str
    body: str
    body_html: str
    estimated_minutes: int
    revision: int
    updated_at: datetime.datetime

    # Built field by field: body_html is rendered from the Markdown body.
    @staticmethod
    def of(lesson: DraftLesson) -> DraftLessonOut:
        return DraftLessonOut(
            key=lesson.key,
            title=lesson.title,
            body=lesson.body,
            body_html=render_markdown(lesson.body),
            estimated_minutes=lesson.estimated_minutes,
            revision=lesson.revision,
            updated_at=lesson.updated_at,
        )


class DraftLessonIn(Schema):
    revision: int = Field(..., ge=0, description="The revision the text was read at")
    title: str = Field(..., max_length=200)
    body: str = Field("", max_length=services.MAX_BODY)
    estimated_minutes: int | None = Field(None, ge=1, le=600)


@router.get(
    "/authoring/drafts/{draft}/lessons/{key}",
    response={200: DraftLessonOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_lesson(request: HttpRequest, draft: UUID, key: UUID) -> DraftLessonOut:
    """A lesson of a draft the signed-in person may see, with its revision."""
    found = queries.find_draft(request.user, draft)
    return DraftLessonOut.of(queries.find_lesson(found, key))


@router.put(
    "/authoring/drafts/{draft}/lessons/{key}",
    response={200: DraftLessonOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def save_lesson(
    request: SignedInRequest, draft: UUID, key: UUID, payload: DraftLessonIn
) -> DraftLessonOut:
    """Save the lesson; 409 stale_save if someone saved it after the given revision."""
    found = queries.find_draft(request.user, draft)
    lesson = queries.find_lesson(found, key)
    saved = services.save_lesson(
        lesson,
        request.user,
        revision=payload.revision,
        title=payload.title,
        body=payload.body,
        estimated_minutes=payload.estimated_minutes,
    )
    return DraftLessonOut.of(saved)


# Quizzes and their questions


class OptionSchema(Schema):
    text: str = Field(..., max_length=inputs.MAX_OPTION_TEXT)
    match: str = Field("", max_length=inputs.MAX_OPTION_TEXT)
    correct: bool = False
    feedback: str = Field("", max_length=inputs.MAX_OPTION_TEXT)


class DraftQuestionIn(Schema):
    # The wire shape, read into `inputs.QuestionInput`; not that model itself, whose refusals
    # would then leave as Ninja's, worded otherwise.
    kind: str = Field(..., description="single, multiple, true_false, numeric, short_text, …")
    stem: str = Field(..., max_length=inputs.MAX_STEM)
    topic: str = Field("", max_length=60)
    difficulty: int = Field(2, ge=1, le=3)
    points: int = Field(1, ge=1, le=99)
    feedback: str = Field("", max_length=inputs.MAX_FEEDBACK)
    options: list[OptionSchema] = Field(default_factory=list, max_length=inputs.MAX_OPTIONS)
    value: float | None = Field(None, description="numeric: the right number")
    tolerance: float | None = Field(None, ge=0, description="numeric: plus or minus")
    accepted: list[str] = Field(default_factory=list, max_length=inputs.MAX_ACCEPTED)
    competency_ids: list[int] = Field(default_factory=list, max_length=inputs.MAX_COMPETENCIES)
    case: UUID | None = Field(None, description="The key of one of the draft's clinical cases")

    def fields(self) -> dict[str, Any]:
        data = self.dict()
        data["options"] = [option.dict() for option in self.options]
        return data


class DraftQuestionUpdate(DraftQuestionIn):
    revision: int = Field(..., ge=0, description="The revision the question was read at")


class DraftQuestionOut(Schema):
    key: UUID
    position: int
    kind: str
    stem: str
    topic: str
    difficulty: int
    points: int
    feedback: str
    options: list[OptionSchema]
    answer_key: dict[str, Any]
    competency_ids: list[int]
    case: UUID | None = Field(..., description="The key of its clinical case, if any")
    revision: int

    # Built field by field: options are read out of JSON and case is the case's key.
    @staticmethod
    def of(question: DraftQuestion) -> DraftQuestionOut:
        return DraftQuestionOut(
            key=question.key,
            position=question.position,
            kind=question.kind,
            stem=question.stem,
            topic=question.topic,
            difficulty=question.difficulty,
            points=question.points,
            feedback=question.feedback,
            options=[OptionSchema(**option) for option in question.options],
            answer_key=question.answer_key,
            competency_ids=question.competency_ids,
            case=question.case_key,
            revision=question.revision,
        )


class DraftQuizIn(Schema):
    # The wire shape, read into `inputs.QuizSettings`; not that model itself, whose refusals
    # would then leave as Ninja's, worded otherwise.
    title: str = Field(..., max_length=200)
    kind: str = Field("quiz", description="quiz, pre_test or post_test")
    after_module: UUID | None = Field(None, description="The key of the module it follows")
    pre_test: UUID | None = Field(None, description="post_test: the key of its pre-test")
    pass_mark: int = Field(70, ge=0, le=100)
    max_attempts: int | None = Field(None, ge=1, le=99)
    time_limit_minutes: int | None = Field(None, ge=1, le=600)
    shuffle_options: bool = True
    review_allowed: bool = True
    required_for_completion: bool = False


class DraftQuizUpdate(DraftQuizIn):
    revision: int = Field(..., ge=0, description="The revision the quiz was read at")


class DraftQuizOut(Schema):
    key: UUID
    title: str
    kind: str
    selection: str = Field(..., description="random: questions stay in their bank")
    after_module: UUID | None
    pre_test: UUID | None
    pass_mark: int
    max_attempts: int | None
    time_limit_minutes: int | None
    shuffle_options: bool
    review_allowed: bool
    required_for_completion: bool
    revision: int
    questions: list[DraftQuestionOut]

    # Built field by field: the module and pre-test are given by their keys.
    @staticmethod
    def of(quiz: DraftQuiz) -> DraftQuizOut:
        return DraftQuizOut(
            key=quiz.key,
            title=quiz.title,
            kind=quiz.kind,
            selection=quiz.selection,
            after_module=quiz.after_module.key if quiz.after_module else None,
            pre_test=quiz.pre_test_key,
            pass_mark=quiz.pass_mark,
            max_attempts=quiz.max_attempts,
            time_limit_minutes=quiz.time_limit_minutes,
            shuffle_options=quiz.shuffle_options,
            review_allowed=quiz.review_allowed,
            required_for_completion=quiz.required_for_completion,
            revision=quiz.revision,
            questions=[DraftQuestionOut.of(q) for q in quiz.questions.all()],
        )


def _quiz_settings(payload: DraftQuizIn) -> inputs.QuizSettings:
    data = payload.dict(exclude={"revision"})
    data["after_module"] = str(payload.after_module) if payload.after_module else ""
    data["pre_test"] = str(payload.pre_test) if payload.pre_test else ""
    return inputs.QuizSettings.read(data)


@router.get(
    "/authoring/drafts/{draft}/quizzes",
    response={200: list[DraftQuizOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_quizzes(request: HttpRequest, draft: UUID) -> list[DraftQuizOut]:
    """The draft's quizzes with their questions and answer keys, each with its revision."""
    found = queries.find_draft(request.user, draft)
    return [
        DraftQuizOut.of(quiz)
        for quiz in found.quizzes.select_related("after_module").prefetch_related("questions")
    ]


@router.post(
    "/authoring/drafts/{draft}/quizzes",
    response={201: DraftQuizOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_quiz(request: SignedInRequest, draft: UUID, payload: DraftQuizIn) -> Status[DraftQuizOut]:
    """Add a quiz with fixed questions (none yet)."""
    found = queries.find_draft(request.user, draft)
    return Status(
        201, DraftQuizOut.of(quizzes.add_quiz(found, request.user, _quiz_settings(payload)))
    )


@router.put(
    "/authoring/drafts/{draft}/quizzes/{key}",
    response={200: DraftQuizOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def save_quiz(
    request: SignedInRequest, draft: UUID, key: UUID, payload: DraftQuizUpdate
) -> DraftQuizOut:
    """Save the quiz's settings; 409 stale_save if someone saved them after the revision."""
    quiz = queries.find_quiz(queries.find_draft(request.user, draft), key)
    saved = quizzes.save_quiz(
        quiz, request.user, _quiz_settings(payload), revision=payload.revision
    )
    return DraftQuizOut.of(saved)


@router.delete(
    "/authoring/drafts/{draft}/quizzes/{key}",
    response={204: None, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def remove_quiz(request: SignedInRequest, draft: UUID, key: UUID) -> Status[None]:
    """Take the quiz out of the draft (once published, it is unpublished, never deleted)."""
    quiz = queries.find_quiz(queries.find_draft(request.user, draft), key)
    quizzes.remove_quiz(quiz, request.user)
    return Status(204, None)


@router.post(
    "/authoring/drafts/{draft}/quizzes/{key}/questions",
    response={201: DraftQuestionOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_question(
    request: SignedInRequest, draft: UUID, key: UUID, payload: DraftQuestionIn
) -> Status[DraftQuestionOut]:
    """Add a question at the end of the quiz."""
    quiz = queries.find_quiz(queries.find_draft(request.user, draft), key)
    question = quizzes.add_question(quiz, request.user, inputs.QuestionInput.read(payload.fields()))
    return Status(201, DraftQuestionOut.of(question))


def _question(request: HttpRequest, draft: UUID, key: UUID, question: UUID) -> DraftQuestion:
    quiz = queries.find_quiz(queries.find_draft(request.user, draft), key)
    return get_object_or_404(
        DraftQuestion.objects.select_related("quiz__draft"), quiz=quiz, key=question
    )


@router.put(
    "/authoring/drafts/{draft}/quizzes/{key}/questions/{question}",
    response={200: DraftQuestionOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def save_question(
    request: SignedInRequest, draft: UUID, key: UUID, question: UUID, payload: DraftQuestionUpdate
) -> DraftQuestionOut:
    """Save the question; 409 stale_save if someone saved it after the given revision."""
    found = _question(request, draft, key, question)
    fields = payload.fields()
    revision = fields.pop("revision")
    changed = inputs.QuestionInput.read(fields)
    return DraftQuestionOut.of(
        quizzes.save_question(found, request.user, changed, revision=revision)
    )


@router.delete(
    "/authoring/drafts/{draft}/quizzes/{key}/questions/{question}",
    response={204: None, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def remove_question(
    request: SignedInRequest, draft: UUID, key: UUID, question: UUID
) -> Status[None]:
    """Take the question out of the quiz."""
    quizzes.remove_question(_question(request, draft, key, question), request.user)
    return Status(204, None)


# Order


class MoveIn(Schema):
    position: StrictInt | None = Field(None, description="The new place, 0 first")
    direction: StrictStr | None = Field(None, description='"up" or "down": one place')


class OrderOut(Schema):
    order: list[UUID] = Field(..., description="The keys in their new order")


def _move_args(payload: MoveIn) -> dict[str, Any]:
    return {"position": payload.position, "direction": payload.direction}


@router.post(
    "/authoring/drafts/{draft}/quizzes/{key}/move",
    response={200: OrderOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def move_quiz(request: SignedInRequest, draft: UUID, key: UUID, payload: MoveIn) -> OrderOut:
    """Move the quiz to `position` among the draft's quizzes, or one place `direction`;
    400 position_out_of_range past either end, nothing moved."""
    quiz = queries.find_quiz(queries.find_draft(request.user, draft), key)
    moved = quizzes.move_quiz(quiz, request.user, **_move_args(payload))
    return OrderOut(order=[row.key for row in moved])


@router.post(
    "/authoring/drafts/{draft}/quizzes/{key}/questions/{question}/move",
    response={200: OrderOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def move_question(
    request: SignedInRequest, draft: UUID, key: UUID, question: UUID, payload: MoveIn
) -> OrderOut:
    """Move the question within its quiz, as a quiz is moved."""
    moved = quizzes.move_question(
        _question(request, draft, key, question), request.user, **_move_args(payload)
    )
    return OrderOut(order=[row.key for row in moved])


# Competencies


class DraftAlignmentIn(Schema):
    item: UUID = Field(description="The competency's CASE identifier.")
    level: int = Field(ge=0, le=100)
    lesson: UUID | None = Field(None, description="A lesson of the draft; none: the whole course.")


class DraftAlignmentOut(Schema):
    id: int
    item: UUID
    code: str
    statement: str
    framework: str
    lesson: UUID | None
    level: int

    # Built field by field: the item's code, statement and framework are read through relations.
    @staticmethod
    def of(alignment: DraftAlignment) -> DraftAlignmentOut:
        item = alignment.item
        return DraftAlignmentOut(
            id=alignment.pk,
            item=item.identifier,
            code=item.code,
            statement=item.statement,
            framework=item.framework.title,
            lesson=alignment.lesson_key,
            level=alignment.level,
        )


@router.get(
    "/authoring/drafts/{draft}/competencies",
    response={200: list[DraftAlignmentOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_alignments(request: HttpRequest, draft: UUID) -> list[DraftAlignmentOut]:
    """The competencies the course and its lessons teach, with their levels."""
    found = queries.find_draft(request.user, draft)
    return [
        DraftAlignmentOut.of(alignment)
        for alignment in found.alignments.select_related("item__framework")
    ]


@router.post(
    "/authoring/drafts/{draft}/competencies",
    response={201: DraftAlignmentOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_alignment(
    request: SignedInRequest, draft: UUID, payload: DraftAlignmentIn
) -> Status[DraftAlignmentOut]:
    """Say the course (or a lesson) teaches a competency up to a level of its framework's
    scale; the same competency and lesson again takes the new level."""
    found = queries.find_draft(request.user, draft)
    item = CompetencyItem.objects.select_related("framework").filter(identifier=payload.item)
    if not item.exists():
        raise ValidationFailed(fields={"item": [_("No competency has this identifier.")]})
    alignment = quizzes.add_alignment(
        found, request.user, item=item.get(), level=payload.level, lesson_key=payload.lesson
    )
    return Status(201, DraftAlignmentOut.of(alignment))


@router.delete(
    "/authoring/drafts/{draft}/competencies/{alignment}",
    response={204: None, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def remove_alignment(request: SignedInRequest, draft: UUID, alignment: int) -> Status[None]:
    """Take the competency off the course or lesson."""
    found = queries.find_draft(request.user, draft)
    quizzes.remove_alignment(
        get_object_or_404(DraftAlignment.objects.select_related("item"), draft=found, pk=alignment),
        request.user,
    )
    return Status(204, None)


# The staff's review queue


class QueuedReviewOut(Schema):
    reviewer: str
    decision: str = Field(..., description="pending, changes_requested or approved")


class QueuedDraftOut(Schema):
    key: UUID
    title: str
    language: str
    round: int = Field(..., description="The review round: 2 and up after changes were asked")
    submitted_at: datetime.datetime | None = Field(..., description="When this round began")
    reviewers: list[QueuedReviewOut] = Field(..., description="This round's; empty: unassigned")

    # Built field by field: the review queue annotates the round's start and attaches its reviewers.
    @staticmethod
    def of(draft: Draft) -> QueuedDraftOut:
        return QueuedDraftOut(
            key=draft.uuid,
            title=draft.title,
            language=draft.language,
            round=draft.review_round,
            submitted_at=draft.submitted_at,  # type: ignore[attr-defined]  # annotated by review_queue
            reviewers=[
                QueuedReviewOut(reviewer=review.reviewer.full_name, decision=review.decision)
                for review in draft.current_reviews  # type: ignore[attr-defined]  # attached by review_queue
            ],
        )


@router.get(
    "/authoring/review-queue",
    response={200: list[QueuedDraftOut], **errors(400, 401, 403)},
    auth=api_auth,
)
def review_queue(request: SignedInRequest, unassigned: bool = False) -> list[QueuedDraftOut]:
    """Staff: drafts in review, the longest waiting first; `unassigned` keeps only those that
    wait for a reviewer to be assigned."""
    return [
        QueuedDraftOut.of(draft)
        for draft in queries.review_queue(request.user, unassigned_only=unassigned)
    ]
