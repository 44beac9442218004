"""Quizzes, their questions, and the competencies a course teaches, written in a draft.

Like lessons, each quiz and question carries the key of the assessments quiz or question it
continues and a revision every save must name (STALE_SAVE otherwise, nothing written). Publishing
hands them to the assessments app, which keeps answered questions as learners saw them.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.authoring.editing import record, require_editable, touch
from praxis.authoring.inputs import QUIZ_MESSAGES, QuestionInput, QuizSettings
from praxis.authoring.models import (
    Draft,
    DraftAlignment,
    DraftLesson,
    DraftModule,
    DraftQuestion,
    DraftQuiz,
    HistoryEntry,
)
from praxis.competencies.models import CompetencyItem
from praxis.core.errors import Conflict, ErrorCode, ValidationFailed
from praxis.core.people import Person

MAX_QUIZZES = 50
MAX_QUESTIONS = 100
CORRECT_MARK = "*"
FEEDBACK_MARK = "|"
MATCH_MARK = "="
Kind = DraftQuestion.Kind

Errors = dict[str, list[Any]]
MOVES = {"up": -1, "down": 1}


def _stale(what: Any) -> Conflict:
    return Conflict(ErrorCode.STALE_SAVE, what)


# Quizzes


def _clean_quiz(draft: Draft, quiz: DraftQuiz | None, settings: QuizSettings) -> dict[str, Any]:
    errors: Errors = {}
    kind = settings.kind
    module = None
    if settings.after_module:
        module = _in_draft(DraftModule.objects.filter(draft=draft), settings.after_module)
        if module is None:
            errors["after_module"] = [QUIZ_MESSAGES["after_module"]]
    pre_test_key = None
    if kind == DraftQuiz.Kind.POST_TEST:
        pre_test = _in_draft(draft.quizzes.filter(kind=DraftQuiz.Kind.PRE_TEST), settings.pre_test)
        if pre_test is None or (quiz is not None and pre_test.pk == quiz.pk):
            errors["pre_test"] = [QUIZ_MESSAGES["pre_test"]]
        else:
            others = draft.quizzes.filter(pre_test_key=pre_test.key)
            if quiz is not None:
                others = others.exclude(pk=quiz.pk)
            if others.exists():
                errors["pre_test"] = [_("Another post-test is already compared with it.")]
            pre_test_key = pre_test.key
    if (
        quiz is not None
        and quiz.kind == DraftQuiz.Kind.PRE_TEST
        and kind != DraftQuiz.Kind.PRE_TEST
        and draft.quizzes.filter(pre_test_key=quiz.key).exists()
    ):
        errors["kind"] = [_("A post-test is compared with this pre-test; change that first.")]
    if errors:
        raise ValidationFailed(fields=errors)
    cleaned = settings.model_dump(exclude={"pre_test"})
    cleaned.update(after_module=module, pre_test_key=pre_test_key)
    return cleaned


def _in_draft(queryset: Any, key: Any) -> Any:
    try:
        return queryset.filter(key=uuid.UUID(str(key))).first()
    except ValueError:
        return None


@transaction.atomic
def add_quiz(draft: Draft, by: Person, settings: QuizSettings) -> DraftQuiz:
    """Add a quiz with fixed questions (none yet) and these settings."""
    require_editable(draft, by)
    cleaned = _clean_quiz(draft, None, settings)
    if draft.quizzes.count() >= MAX_QUIZZES:
        raise ValidationFailed(message=_("A course has at most 50 quizzes."))
    last = draft.quizzes.aggregate(last=Max("position"))["last"]
    quiz = DraftQuiz.objects.create(
        draft=draft, position=0 if last is None else last + 1, updated_by=by, **cleaned
    )
    touch(draft, by)
    record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="added_quiz",
        values={"title": cleaned["title"], "key": quiz.key},
    )
    return quiz


@transaction.atomic
def save_quiz(quiz: DraftQuiz, by: Person, settings: QuizSettings, *, revision: int) -> DraftQuiz:
    """Save the quiz's settings (title, kind, the module it follows, pre-test, pass mark,
    attempts, time limit, shuffle, review, required) if nobody saved them since `revision`."""
    draft = quiz.draft
    require_editable(draft, by)
    cleaned = _clean_quiz(draft, quiz, settings)
    updated = DraftQuiz.objects.filter(pk=quiz.pk, revision=revision).update(
        **cleaned, revision=F("revision") + 1, updated_by=by, updated_at=timezone.now()
    )
    if not updated:
        raise _stale(_("Someone else saved this quiz since you opened it. Nothing was saved."))
    touch(draft, by)
    values = {"title": cleaned["title"], "key": quiz.key}
    record(draft, by, HistoryEntry.Action.EDITED, code="quiz", values=values)
    quiz.refresh_from_db()
    return quiz


@transaction.atomic
def remove_quiz(quiz: DraftQuiz, by: Person) -> None:
    """Take the quiz out of the draft; once published, it is unpublished, attempts kept."""
    draft = quiz.draft
    require_editable(draft, by)
    if draft.quizzes.filter(pre_test_key=quiz.key).exists():
        raise ValidationFailed(
            fields={"quiz": [_("A post-test is compared with this pre-test; remove that first.")]}
        )
    title = quiz.title
    quiz.delete()
    touch(draft, by)
    record(draft, by, HistoryEntry.Action.EDITED, code="removed_quiz", values={"title": title})


# Order


def _move(rows: list[Any], item: Any, position: Any, direction: Any) -> bool:
    """Renumber `rows` (one quiz's siblings, in order) with `item` at `position`, or one step
    `direction` ("up" or "down"); False when it stays where it was. Refuses what is unclear."""
    if (position is None) == (direction is None):
        raise ValidationFailed(
            message=_('Give either a new position or a direction ("up" or "down").')
        )
    index = next(number for number, row in enumerate(rows) if row.pk == item.pk)
    if direction is not None:
        if direction not in MOVES:
            raise ValidationFailed(fields={"direction": [_('Choose "up" or "down".')]})
        position = index + MOVES[direction]
    if isinstance(position, bool) or not isinstance(position, int):
        raise ValidationFailed(fields={"position": [_("Enter a whole number.")]})
    if not 0 <= position < len(rows):
        message = _("Choose a position from 0 to %(last)s.") % {"last": len(rows) - 1}
        raise ValidationFailed(
            ErrorCode.POSITION_OUT_OF_RANGE, message, fields={"position": [message]}
        )
    if position == index:
        return False
    rows.insert(position, rows.pop(index))
    for number, row in enumerate(rows):
        if row.position != number:
            type(row).objects.filter(pk=row.pk).update(position=number)
    return True


@transaction.atomic
def move_quiz(
    quiz: DraftQuiz, by: Person, *, position: Any = None, direction: Any = None
) -> list[DraftQuiz]:
    """Move the quiz to `position` (0 first) among the draft's quizzes, or one place `direction`
    ("up" or "down"); returns the quizzes in their new order. Published versions keep theirs."""
    draft = quiz.draft
    require_editable(draft, by)
    rows = list(draft.quizzes.select_for_update().order_by("position", "id"))
    if _move(rows, quiz, position, direction):
        touch(draft, by)
        record(
            draft,
            by,
            HistoryEntry.Action.EDITED,
            code="moved_quiz",
            values={"title": quiz.title, "key": quiz.key},
        )
    return rows


@transaction.atomic
def move_question(
    question: DraftQuestion, by: Person, *, position: Any = None, direction: Any = None
) -> list[DraftQuestion]:
    """Move the question within its quiz as `move_quiz` moves a quiz; returns the questions."""
    quiz = question.quiz
    require_editable(quiz.draft, by)
    rows = list(quiz.questions.select_for_update().order_by("position", "id"))
    if _move(rows, question, position, direction):
        touch(quiz.draft, by)
        record(
            quiz.draft,
            by,
            HistoryEntry.Action.EDITED,
            code="moved_question",
            values={"title": quiz.title, "key": quiz.key},
        )
    return rows


# Questions


def options_from_text(kind: str, text: str) -> list[dict[str, Any]]:
    """Options written one a line: "* " before a correct one, "left = right" for matching,
    and " | feedback" after any of them."""
    options: list[dict[str, Any]] = []
    problems: list[Any] = []
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    for number, line in enumerate(lines, start=1):
        correct = line.startswith(CORRECT_MARK)
        line = line.lstrip(CORRECT_MARK).strip()
        body, _bar, feedback = line.partition(FEEDBACK_MARK)
        match = ""
        if kind == Kind.MATCHING:
            if MATCH_MARK not in body:
                problems.append(_('Line %(number)s: write "left = right".') % {"number": number})
                continue
            body, _equals, match = body.partition(MATCH_MARK)
        options.append(
            {
                "text": body.strip(),
                "match": match.strip(),
                "correct": correct,
                "feedback": feedback.strip(),
            }
        )
    if problems:
        raise ValidationFailed(fields={"options": problems})
    return options


def options_as_text(question: DraftQuestion) -> str:
    """The options as the question form writes them (see `options_from_text`)."""
    lines = []
    for option in question.options:
        line = option["text"]
        if question.kind == Kind.MATCHING:
            line = f"{line} {MATCH_MARK} {option['match']}"
        if option.get("correct") and question.kind not in (Kind.ORDERING, Kind.MATCHING):
            line = f"{CORRECT_MARK} {line}"
        if option.get("feedback"):
            line = f"{line} {FEEDBACK_MARK} {option['feedback']}"
        lines.append(line)
    return "\n".join(lines)


def _case_key(draft: Draft, raw: uuid.UUID | None) -> uuid.UUID | None:
    """The key of the draft's clinical case a question joins (None: none), or ValidationFailed."""
    if raw is None:
        return None
    found = _in_draft(draft.cases, raw)
    if found is None:
        raise ValidationFailed(fields={"case": [_("Choose a clinical case of this course.")]})
    key: uuid.UUID = found.key
    return key


def check_question(fields: dict[str, Any]) -> dict[str, Any]:
    """The question's fields as `add_question` would keep them; ValidationFailed otherwise."""
    return QuestionInput.read(fields).stored()


def require_fixed(quiz: DraftQuiz) -> None:
    """Refuse (409) to write questions into a quiz that draws them from a bank."""
    _require_fixed(quiz)


def _require_fixed(quiz: DraftQuiz) -> None:
    if quiz.selection != DraftQuiz.Selection.FIXED:
        raise Conflict(
            message=_("This quiz draws its questions from a question bank; edit them there.")
        )


@transaction.atomic
def add_question(quiz: DraftQuiz, by: Person, question: QuestionInput) -> DraftQuestion:
    """Add `question` at the end of the quiz."""
    draft = quiz.draft
    require_editable(draft, by)
    _require_fixed(quiz)
    cleaned = {**question.stored(), "case_key": _case_key(draft, question.case)}
    if quiz.questions.count() >= MAX_QUESTIONS:
        raise ValidationFailed(message=_("A quiz has at most 100 questions."))
    last = quiz.questions.aggregate(last=Max("position"))["last"]
    added = DraftQuestion.objects.create(
        quiz=quiz, position=0 if last is None else last + 1, **cleaned
    )
    touch(draft, by)
    record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="added_question",
        values={"title": quiz.title, "key": quiz.key},
    )
    return added


@transaction.atomic
def save_question(
    question: DraftQuestion, by: Person, changed: QuestionInput, *, revision: int
) -> DraftQuestion:
    """Save the question as `changed` says if nobody saved it since `revision`."""
    quiz = question.quiz
    require_editable(quiz.draft, by)
    cleaned = {**changed.stored(), "case_key": _case_key(quiz.draft, changed.case)}
    updated = DraftQuestion.objects.filter(pk=question.pk, revision=revision).update(
        **cleaned, revision=F("revision") + 1
    )
    if not updated:
        raise _stale(_("Someone else saved this question since you opened it. Nothing was saved."))
    touch(quiz.draft, by)
    record(
        quiz.draft,
        by,
        HistoryEntry.Action.EDITED,
        code="question",
        values={"title": quiz.title, "key": quiz.key},
    )
    question.refresh_from_db()
    return question


@transaction.atomic
def remove_question(question: DraftQuestion, by: Person) -> None:
    """Take the question out of the quiz; answered questions stay in the course's bank."""
    quiz = question.quiz
    require_editable(quiz.draft, by)
    question.delete()
    touch(quiz.draft, by)
    record(
        quiz.draft,
        by,
        HistoryEntry.Action.EDITED,
        code="removed_question",
        values={"title": quiz.title, "key": quiz.key},
    )


# Competencies


def find_competency(code: str) -> CompetencyItem:
    """The competency with this code, or ValidationFailed when none or several have it."""
    found = list(CompetencyItem.objects.filter(code=code.strip())[:2]) if code.strip() else []
    if len(found) != 1:
        raise ValidationFailed(
            fields={
                "item": [
                    _("No competency has this code; choose one from the list.")
                    if not found
                    else _("Several frameworks use this code; choose one from the list.")
                ]
            }
        )
    return found[0]


def _check_level(item: CompetencyItem, level: Any) -> int:
    scale = item.framework.scales.first()
    scores = [score for score, _label in scale.levels] if scale else []
    allowed = scores or list(range(1, 6))
    try:
        number = int(str(level))
    except (TypeError, ValueError):
        number = None
    if number not in allowed:
        message = _("Choose a level of the framework's scale: %(levels)s.") % {
            "levels": ", ".join(str(score) for score in allowed)
        }
        raise ValidationFailed(ErrorCode.LEVEL_OUT_OF_SCALE, message, fields={"level": [message]})
    return number


@transaction.atomic
def add_alignment(
    draft: Draft, by: Person, *, item: CompetencyItem, level: Any, lesson_key: Any = None
) -> DraftAlignment:
    """Say the course (or one of its lessons) teaches `item` up to `level` of its scale; an
    existing alignment of the same item and lesson takes the new level."""
    require_editable(draft, by)
    level = _check_level(item, level)
    lesson = None
    if lesson_key:
        lesson = _in_draft(DraftLesson.objects.filter(module__draft=draft), lesson_key)
        if lesson is None:
            raise ValidationFailed(fields={"lesson": [_("Choose a lesson of this course.")]})
    alignment, _created = DraftAlignment.objects.update_or_create(
        draft=draft,
        item=item,
        lesson_key=lesson.key if lesson else None,
        defaults={"level": level},
    )
    touch(draft, by)
    record(draft, by, HistoryEntry.Action.EDITED, code="competency", values={"item": str(item)})
    return alignment


@transaction.atomic
def remove_alignment(alignment: DraftAlignment, by: Person) -> None:
    draft = alignment.draft
    require_editable(draft, by)
    item = str(alignment.item)
    alignment.delete()
    touch(draft, by)
    record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="removed_competency",
        values={"item": item},
    )
