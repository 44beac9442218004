"""Publishing the quizzes and competency alignments written in a course's working copy.

The authoring workspace hands over plain content (QuizContent, QuestionContent, OptionContent,
AlignmentContent); these functions make it the course's published state, keeping every attempt
honest: quizzes are unpublished rather than deleted, and a question learners answered is never
reworded in place.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from praxis.assessments.models import (
    Alignment,
    AttemptItem,
    Case,
    Option,
    Question,
    QuestionBank,
    Quiz,
    QuizQuestion,
)
from praxis.catalog.models import Course, Lesson


@dataclass(frozen=True)
class OptionContent:
    text: str
    match: str = ""
    correct: bool = False
    feedback: str = ""


@dataclass(frozen=True)
class CaseContent:
    """A clinical case: the vignette several questions share, named by its key."""

    key: uuid.UUID
    title: str
    vignette: str


@dataclass(frozen=True)
class QuestionContent:
    key: uuid.UUID
    kind: str
    stem: str
    options: list[OptionContent] = field(default_factory=list)
    topic: str = ""
    difficulty: int = 2
    points: int = 1
    feedback: str = ""
    answer_key: dict[str, Any] = field(default_factory=dict)
    competency_ids: list[int] = field(default_factory=list)
    case: CaseContent | None = None


@dataclass(frozen=True)
class QuizContent:
    """A quiz as a course version has it. A random draw carries its bank and rules only."""

    key: uuid.UUID
    title: str
    kind: str = Quiz.Kind.QUIZ
    after_module_id: int | None = None
    pre_test_key: uuid.UUID | None = None
    pass_mark: int = 70
    max_attempts: int | None = None
    time_limit_minutes: int | None = None
    shuffle_options: bool = True
    review_allowed: bool = True
    required_for_completion: bool = False
    selection: str = Quiz.Selection.FIXED
    bank_id: int | None = None
    draw: list[Any] = field(default_factory=list)
    questions: list[QuestionContent] = field(default_factory=list)


@dataclass(frozen=True)
class AlignmentContent:
    item_id: int
    level: int
    lesson_key: uuid.UUID | None = None  # None: the whole course


# The settings a quiz carries unchanged between the catalog, a working copy and back.
QUIZ_SETTINGS = (
    "kind",
    "pass_mark",
    "max_attempts",
    "time_limit_minutes",
    "shuffle_options",
    "review_allowed",
    "required_for_completion",
    "selection",
)


def quiz_settings(source: Any) -> dict[str, Any]:
    """QUIZ_SETTINGS read off a quiz, a draft quiz or a QuizContent."""
    return {name: getattr(source, name) for name in QUIZ_SETTINGS}


def _quiz_settings(content: QuizContent) -> dict[str, Any]:
    return {
        "title": content.title[:200],
        "after_module_id": content.after_module_id,
        **quiz_settings(content),
    }


def _question_fingerprint(question: Question) -> tuple[Any, ...]:
    # Prefetched by _sync_questions; options come in their position order (Option.Meta).
    options = tuple((o.text, o.match, o.correct, o.feedback) for o in question.options.all())
    competency_ids = tuple(sorted(item.pk for item in question.competencies.all()))
    return (
        question.kind,
        question.stem,
        question.topic,
        question.difficulty,
        question.points,
        question.feedback,
        question.key,
        options,
        competency_ids,
        question.case_id,
    )


def _content_fingerprint(content: QuestionContent, case: Case | None) -> tuple[Any, ...]:
    return (
        content.kind,
        content.stem,
        content.topic[:60],
        content.difficulty,
        content.points,
        content.feedback,
        content.answer_key,
        tuple((o.text[:500], o.match[:500], o.correct, o.feedback[:500]) for o in content.options),
        tuple(sorted(set(content.competency_ids))),
        case.pk if case else None,
    )


def _sync_cases(bank: QuestionBank, contents: list[QuestionContent]) -> dict[uuid.UUID, Case]:
    """The case each key names, written as `contents` have it: reworded in place while no
    learner has answered a question of it, otherwise a new case with the same key beside it, so
    attempts keep the vignette their learners read."""
    wanted = {content.case.key: content.case for content in contents if content.case}
    found: dict[uuid.UUID, Case] = {}
    for row in Case.objects.filter(key__in=wanted).order_by("id"):
        found[row.key] = row  # the newest of each key
    for key, content in wanted.items():
        title, vignette = content.title[:200], content.vignette
        case = found.get(key)
        if case is None:
            found[key] = Case.objects.create(bank=bank, key=key, title=title, vignette=vignette)
        elif (case.title, case.vignette) != (title, vignette):
            if AttemptItem.objects.filter(question__case=case).exists():
                found[key] = Case.objects.create(
                    bank=case.bank, key=key, title=title, vignette=vignette
                )
            else:
                case.title, case.vignette = title, vignette
                case.save(update_fields=["title", "vignette"])
    return found


def _write_question(
    question: Question, content: QuestionContent, case: Case | None = None
) -> Question:
    question.case = case
    question.kind, question.stem, question.topic = content.kind, content.stem, content.topic[:60]
    question.difficulty, question.points = content.difficulty, content.points
    question.feedback, question.key = content.feedback, dict(content.answer_key)
    question.save()
    question.options.all().delete()
    Option.objects.bulk_create(
        Option(
            question=question,
            position=position,
            text=option.text[:500],
            match=option.match[:500],
            correct=option.correct,
            feedback=option.feedback[:500],
        )
        for position, option in enumerate(content.options)
    )
    question.competencies.set(content.competency_ids)
    return question


def _may_rewrite(question: Question, quiz: Quiz) -> bool:
    """A question may change in place only while it is this course's own, unanswered, and in
    no other quiz; otherwise the change makes a new question beside it."""
    return (
        question.bank.course_id == quiz.course_id
        and not AttemptItem.objects.filter(question=question).exists()
        and not QuizQuestion.objects.filter(question=question).exclude(quiz=quiz).exists()
    )


def _sync_questions(quiz: Quiz, bank: QuestionBank, contents: list[QuestionContent]) -> bool:
    """Make the quiz's fixed questions `contents`; True when anything changed. A changed
    question that learners have answered becomes a new question, so their attempts keep
    the question they saw."""
    before = list(quiz.slots.values_list("question_id", flat=True))
    found = {
        q.uuid: q
        for q in Question.objects.filter(uuid__in=[c.key for c in contents])
        .select_related("bank", "case")
        .prefetch_related("options", "competencies")
    }
    cases = _sync_cases(bank, contents)
    chosen: list[Question] = []
    changed = False
    for content in contents:
        question = found.get(content.key)
        case = cases[content.case.key] if content.case else None
        if question is None:
            question = _write_question(Question(uuid=content.key, bank=bank), content, case)
            changed = True
        elif _question_fingerprint(question) != _content_fingerprint(content, case):
            changed = True
            if _may_rewrite(question, quiz):
                question = _write_question(question, content, case)
            else:
                question = _write_question(Question(bank=question.bank), content, case)
        chosen.append(question)
    quiz.slots.all().delete()
    QuizQuestion.objects.bulk_create(
        QuizQuestion(quiz=quiz, question=question, position=position)
        for position, question in enumerate(chosen)
    )
    return changed or before != [q.id for q in chosen]


@transaction.atomic
def publish_course_quizzes(
    course: Course, language: str, quizzes: list[QuizContent]
) -> list[dict[str, str]]:
    """Make `quizzes` the course's published quizzes, in this order, matched by key: kept ones
    are updated, new ones created, missing ones unpublished (never deleted, so attempts stay).
    Returns the changes as a version records them. Permission is the caller's to check."""
    bank = QuestionBank.objects.filter(course=course, language=language).order_by("id").first()
    if bank is None:
        bank = QuestionBank.objects.create(
            title=course.title[:200], language=language, course=course
        )
    existing = {quiz.uuid: quiz for quiz in Quiz.objects.filter(course=course)}
    Quiz.objects.filter(course=course).update(pre_test=None)  # relinked below
    by_key: dict[uuid.UUID, Quiz] = {}
    changes: list[dict[str, str]] = []
    for position, content in enumerate(quizzes):
        settings_now = _quiz_settings(content)
        quiz = existing.get(content.key)
        if quiz is None:
            quiz = Quiz(uuid=content.key, course=course)
            kind = "added"
        else:
            before = {name: getattr(quiz, name) for name in settings_now}
            kind = "changed" if before != settings_now or not quiz.published else ""
        for name, value in settings_now.items():
            setattr(quiz, name, value)
        quiz.published, quiz.position = True, position
        if content.selection == Quiz.Selection.RANDOM:
            quiz.bank_id, quiz.draw = content.bank_id, list(content.draw)
        quiz.save()
        if content.selection == Quiz.Selection.FIXED:
            questions_changed = _sync_questions(quiz, bank, content.questions)
            kind = kind or ("changed" if questions_changed else "")
        by_key[content.key] = quiz
        if kind:
            changes.append(
                {"kind": kind, "item": "quiz", "key": str(content.key), "title": content.title}
            )
    for content in quizzes:
        pre_test = by_key.get(content.pre_test_key) if content.pre_test_key else None
        if content.kind == Quiz.Kind.POST_TEST and pre_test is not None:
            Quiz.objects.filter(pk=by_key[content.key].pk).update(pre_test=pre_test)
    for key, quiz in existing.items():
        if key not in by_key and quiz.published:
            quiz.published = False
            quiz.save(update_fields=["published", "updated_at"])
            changes.append(
                {"kind": "removed", "item": "quiz", "key": str(key), "title": quiz.title}
            )
    return changes


@transaction.atomic
def replace_alignments(course: Course, alignments: list[AlignmentContent]) -> None:
    """Make `alignments` what the course and its lessons teach (lessons found by key)."""
    lessons = dict(Lesson.objects.filter(module__course=course).values_list("uuid", "id"))
    Alignment.objects.filter(course=course).delete()
    rows: dict[tuple[int | None, int], Alignment] = {}
    for content in alignments:
        lesson_id = lessons.get(content.lesson_key) if content.lesson_key else None
        if content.lesson_key and lesson_id is None:
            continue  # the lesson was left out of this version
        rows[(lesson_id, content.item_id)] = Alignment(
            course=course, lesson_id=lesson_id, item_id=content.item_id, level=content.level
        )
    Alignment.objects.bulk_create(rows.values())
