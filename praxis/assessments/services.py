"""Starting and submitting quiz attempts, and importing question banks.

Marking happens here and only here. A submitted attempt is final: submission takes the
attempt's row lock and moves it from open to submitted with one conditional UPDATE, so a
reload or a second tab finds it closed. The time limit is the server's deadline.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.assessments import xapi
from praxis.assessments.inputs import QuestionBankDocument
from praxis.assessments.models import (
    Attempt,
    AttemptItem,
    Case,
    Option,
    Question,
    QuestionBank,
    Quiz,
)
from praxis.assessments.permissions import answer_attempt, manage_banks, take_quiz
from praxis.assessments.queries.attempts import AttemptContents, attempt_contents
from praxis.assessments.scoring import MalformedAnswer, attempt_tokens, clean, mark, untokenise
from praxis.catalog.models import Course
from praxis.catalog.services import current_enrolment, recheck_completion
from praxis.competencies import services as competencies
from praxis.competencies.models import Evidence
from praxis.core.errors import Conflict, ErrorCode, NotFound, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.core.rows import the_row

# Answers sent a little after the deadline (a slow connection) are still accepted.
GRACE = timedelta(seconds=30)
# The level of the entrustment scale a passed quiz shows: knowledge, under supervision.
QUIZ_EVIDENCE_LEVEL = 2
MAX_ANSWERS = 500


def draw_questions(quiz: Quiz, rng: random.Random) -> list[Question]:
    """The questions of a new attempt: the quiz's own, or a random draw by topic and difficulty."""
    if quiz.selection == Quiz.Selection.FIXED:
        return [slot.question for slot in quiz.slots.select_related("question")]
    drawn: list[Question] = []
    for rule in quiz.draw:
        pool = Question.objects.filter(bank=quiz.bank).exclude(id__in=[q.id for q in drawn])
        if rule.get("topic"):
            pool = pool.filter(topic=rule["topic"])
        if rule.get("difficulty"):
            pool = pool.filter(difficulty=rule["difficulty"])
        candidates = list(pool)
        drawn += rng.sample(candidates, min(int(rule.get("count", 1)), len(candidates)))
    return drawn


def _close_if_expired(attempt: Attempt) -> bool:
    """Submit an open attempt whose time is up, with no answers; True when it did."""
    if attempt.status != Attempt.Status.OPEN or attempt.deadline is None:
        return False
    if timezone.now() <= attempt.deadline + GRACE:
        return False
    _finalise(attempt, {}, timed_out=True)
    return True


@transaction.atomic
def start_attempt(learner: Person, quiz: Quiz, *, seed: int | None = None) -> Attempt:
    """The learner's open attempt at `quiz`, or a new one within the attempts allowed.
    An open attempt whose time is up is closed (and marked) first."""
    require(take_quiz, learner, quiz)
    # At most one (assessments_one_open_attempt).
    open_attempt = the_row(
        Attempt.objects.select_for_update().filter(
            quiz=quiz, learner=learner, status=Attempt.Status.OPEN
        )
    )
    if open_attempt is not None:
        open_attempt.quiz = quiz
        if not _close_if_expired(open_attempt):
            return open_attempt
    used = Attempt.objects.filter(quiz=quiz, learner=learner).count()
    if quiz.max_attempts is not None and used >= quiz.max_attempts:
        raise Conflict(
            ErrorCode.ATTEMPTS_EXHAUSTED, _("You have used all the attempts at this quiz.")
        )
    rng = random.Random(seed)  # noqa: S311  (a quiz draw, not a secret)
    questions = draw_questions(quiz, rng)
    if not questions:
        raise Conflict(ErrorCode.QUIZ_NOT_OPEN, _("This quiz has no questions yet."))
    now = timezone.now()
    deadline = now + timedelta(minutes=quiz.time_limit_minutes) if quiz.time_limit_minutes else None
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                quiz=quiz, learner=learner, number=used + 1, deadline=deadline
            )
    except IntegrityError as error:  # another tab started one at the same moment
        raise Conflict(
            ErrorCode.CONFLICT, _("An attempt has just been started; reload the page.")
        ) from error
    options = Option.objects.filter(question__in=questions).order_by("position", "id")
    by_question: dict[int, list[int]] = {}
    for option in options:
        by_question.setdefault(option.question_id, []).append(option.id)
    items = []
    for position, question in enumerate(questions):
        order = by_question.get(question.id, [])
        if quiz.shuffle_options and question.kind not in (Question.Kind.TRUE_FALSE,):
            order = rng.sample(order, len(order))
        items.append(
            AttemptItem(attempt=attempt, question=question, position=position, option_order=order)
        )
    AttemptItem.objects.bulk_create(items)
    return attempt


def _clean_answers(
    attempt: Attempt,
    items: list[AttemptItem],
    options: dict[int, list[Option]],
    answers: dict[str, Any],
) -> dict[int, Any]:
    if len(answers) > MAX_ANSWERS:
        raise ValidationFailed(ErrorCode.ANSWER_MALFORMED, _("Too many answers."))
    by_uuid = {str(item.question.uuid): item for item in items}
    unknown = [key for key in answers if str(key) not in by_uuid]
    if unknown:
        raise ValidationFailed(
            ErrorCode.QUESTION_NOT_IN_ATTEMPT,
            _("Some answers are for questions that are not in this attempt."),
            fields={str(key)[:60]: [_("Not a question of this attempt.")] for key in unknown[:20]},
        )
    tokens = attempt_tokens(
        attempt.uuid, (option_id for item in items for option_id in item.option_order)
    )
    cleaned: dict[int, Any] = {}
    problems: dict[str, list[Any]] = {}
    for key, value in answers.items():
        item = by_uuid[str(key)]
        try:
            cleaned[item.id] = clean(
                item.question, options.get(item.question_id, []), untokenise(value, tokens)
            )
        except MalformedAnswer as error:
            problems[str(key)] = [error.args[0]]
    if problems:
        raise ValidationFailed(
            ErrorCode.ANSWER_MALFORMED, _("Some answers could not be read."), fields=problems
        )
    return cleaned


def _finalise(
    attempt: Attempt,
    answers: dict[str, Any],
    *,
    timed_out: bool = False,
    contents: AttemptContents | None = None,
    statement_id: uuid.UUID | None = None,
) -> Attempt:
    contents = contents or attempt_contents(attempt)
    items, options = contents.items, contents.options
    cleaned = _clean_answers(attempt, items, options, answers)
    now = timezone.now()
    closed = Attempt.objects.filter(pk=attempt.pk, status=Attempt.Status.OPEN).update(
        status=Attempt.Status.SUBMITTED, submitted_at=now, timed_out=timed_out
    )
    if not closed:
        raise Conflict(ErrorCode.ATTEMPT_CLOSED, _("This attempt has already been submitted."))
    total = maximum = 0.0
    for item in items:
        item.response = cleaned.get(item.id)
        result = mark(item.question, options.get(item.question_id, []), item.response)
        item.score, item.correct = result.score, result.correct
        total += result.score
        maximum += float(item.question.points)
    # One UPDATE a row: a quiz has a handful of questions, and for so few rows Django compiles
    # plain updates in a third of the time of bulk_update's CASE WHEN per field.
    for item in items:
        AttemptItem.objects.filter(pk=item.pk).update(
            response=item.response, score=item.score, correct=item.correct
        )
    quiz = attempt.quiz
    attempt.status, attempt.submitted_at, attempt.timed_out = (
        Attempt.Status.SUBMITTED,
        now,
        timed_out,
    )
    attempt.score, attempt.max_score = round(total, 4), maximum
    attempt.passed = maximum > 0 and 100 * total / maximum >= quiz.pass_mark
    attempt.save(update_fields=["score", "max_score", "passed", "updated_at"])
    enrolment = current_enrolment(attempt.learner, quiz.course)
    registration = str(enrolment.registration) if enrolment else None
    xapi.submitted(attempt, items, options, registration, statement_id=statement_id)
    if attempt.passed:
        _record_evidence(attempt, items)
        if quiz.required_for_completion:
            recheck_completion(attempt.learner, quiz.course)
    return attempt


def _record_evidence(attempt: Attempt, items: list[AttemptItem]) -> None:
    competency_items = {
        competency.id: competency
        for item in items
        for competency in item.question.competencies.all()
    }
    if competency_items:
        competencies.record_evidence(
            attempt.learner,
            list(competency_items.values()),
            source=Evidence.Source.ASSESSMENT,
            reference=f"quiz:{attempt.quiz.uuid}",
            title=attempt.quiz.title,
            level=QUIZ_EVIDENCE_LEVEL,
            observed_at=attempt.submitted_at,
        )


def submit_attempt(
    learner: Person,
    attempt: Attempt,
    answers: dict[str, Any],
    *,
    contents: AttemptContents | None = None,
    statement_id: uuid.UUID | None = None,
) -> Attempt:
    """Mark and close the attempt: answers map question UUIDs to answers (scoring.py gives
    each shape). Refused with nothing written: another learner's attempt (not found), a
    closed attempt, a question not in the attempt, a malformed answer. Answers sent after the
    time limit (and its grace) are refused too, and the attempt is closed as timed out: the
    server's deadline is the authority, whatever the page's countdown said. `contents` are the
    attempt's items and options when the caller read them already (an open attempt's items
    change only when it closes, which the lock taken here orders). `statement_id` names the
    passed or failed statement when a device chose it (answers given offline)."""
    if not answer_attempt.allows(learner, attempt):
        raise NotFound()
    with transaction.atomic():
        locked = (
            Attempt.objects.select_for_update()
            .select_related("quiz__course", "learner")
            .get(pk=attempt.pk)
        )
        if locked.status != Attempt.Status.OPEN:
            raise Conflict(ErrorCode.ATTEMPT_CLOSED, _("This attempt has already been submitted."))
        timed_out = _close_if_expired(locked)
        if not timed_out:
            if not isinstance(answers, dict):
                raise ValidationFailed(
                    ErrorCode.ANSWER_MALFORMED, _("Some answers could not be read.")
                )
            return _finalise(locked, answers, contents=contents, statement_id=statement_id)
    raise Conflict(
        ErrorCode.ATTEMPT_TIME_UP,
        _("The time for this attempt is over; your answers were not accepted."),
    )


@transaction.atomic
def close_expired_attempt(learner: Person, attempt: Attempt) -> Attempt:
    """Close the learner's attempt if its time is up (it counts, with no answers)."""
    locked = (
        Attempt.objects.select_for_update()
        .select_related("quiz__course", "learner")
        .get(pk=attempt.pk)
    )
    if locked.learner_id == learner.pk:
        _close_if_expired(locked)
    return locked


# Question banks


def _in(texts: dict[str, str], language: str) -> str:
    """A translated text in one language ("" when absent)."""
    return texts.get(language, "").strip()


def _texts(texts: dict[str, str], languages: list[str], where: str, missing: list[str]) -> None:
    """Record each language in which a translated text is absent or blank."""
    missing += [f"{where}.{code}" for code in languages if not texts.get(code, "").strip()]


@transaction.atomic
def import_question_bank(
    document: QuestionBankDocument, *, course: Course, by: Person
) -> list[QuestionBank]:
    """Create one bank per language from the document, read at the edge from
    {"title": {lang: …}, "languages": [...], "questions": [{"kind", "stem": {lang: …}, "topic",
    "difficulty", "points", "feedback", "key", "case", "options": [{"text": {lang: …},
    "match": {lang: …}, "correct", "feedback"}]}],
    "cases": [{"key", "title": {lang: …}, "vignette": {lang: …}}]} (a case is a clinical
    vignette several questions share; feedback texts are optional).
    Every text must exist in every language (translation_missing); nothing is written
    unless all of it is valid."""
    require(manage_banks, by)
    languages = document.languages
    cases = {case.key: case for case in document.cases}
    problems: dict[str, list[str | Promise]] = {
        f"questions.{number}.case": [_("No case has this key.")]
        for number, question in enumerate(document.questions)
        if question.case is not None and question.case not in cases
    }
    if problems:
        raise ValidationFailed(fields=problems)
    missing: list[str] = []
    _texts(document.title, languages, "title", missing)
    for number, case in enumerate(document.cases):
        _texts(case.title, languages, f"cases.{number}.title", missing)
        _texts(case.vignette, languages, f"cases.{number}.vignette", missing)
    for number, question in enumerate(document.questions):
        _texts(question.stem, languages, f"questions.{number}.stem", missing)
        for index, option in enumerate(question.options):
            where = f"questions.{number}.options.{index}"
            _texts(option.text, languages, f"{where}.text", missing)
            if option.match:
                _texts(option.match, languages, f"{where}.match", missing)
    if missing:
        raise ValidationFailed(
            ErrorCode.TRANSLATION_MISSING,
            _("Some texts are missing in one of the bank's languages."),
            fields={name: [_("Missing translation.")] for name in missing[:50]},
        )
    key = uuid.uuid4().hex[:12]
    banks = []
    for language in languages:
        bank = QuestionBank.objects.create(
            title=_in(document.title, language)[:200],
            language=language,
            translation_key=key,
            course=course,
        )
        banks.append(bank)
        bank_cases = {
            case_key: Case.objects.create(
                bank=bank,
                title=_in(case.title, language)[:200],
                vignette=_in(case.vignette, language),
            )
            for case_key, case in cases.items()
        }
        for question in document.questions:
            row = Question.objects.create(
                bank=bank,
                case=bank_cases.get(question.case or ""),
                feedback=_in(question.feedback, language),
                kind=question.kind,
                stem=_in(question.stem, language),
                topic=question.topic[:60],
                difficulty=question.difficulty,
                points=question.points,
                key=question.key,
            )
            Option.objects.bulk_create(
                Option(
                    question=row,
                    position=position,
                    text=_in(option.text, language)[:500],
                    match=_in(option.match or {}, language)[:500],
                    correct=option.correct,
                    feedback=_in(option.feedback, language)[:500],
                )
                for position, option in enumerate(question.options)
            )
    return banks
