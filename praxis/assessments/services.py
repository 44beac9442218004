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

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.assessments import xapi
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
from praxis.assessments.scoring import MalformedAnswer, clean, mark, option_token, untokenise
from praxis.catalog.services import current_enrolment, recheck_completion
from praxis.competencies import services as competencies
from praxis.competencies.models import Evidence
from praxis.core.errors import Conflict, ErrorCode, NotFound, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import require

# Answers sent a little after the deadline (a slow connection) are still accepted.
GRACE = timedelta(seconds=30)
# The level of the entrustment scale a passed quiz shows: knowledge, under supervision.
QUIZ_EVIDENCE_LEVEL = 2
MAX_ANSWERS = 500
MAX_BANK_QUESTIONS = 1000


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
    open_attempt = (
        Attempt.objects.select_for_update()
        .filter(quiz=quiz, learner=learner, status=Attempt.Status.OPEN)
        .first()
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
    tokens = {
        option_token(attempt.uuid, option_id): option_id
        for item in items
        for option_id in item.option_order
    }
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


def _load_items(attempt: Attempt) -> tuple[list[AttemptItem], dict[int, list[Option]]]:
    items = list(attempt.items.select_related("question").order_by("position"))
    options: dict[int, list[Option]] = {}
    for option in Option.objects.filter(question_id__in=[item.question_id for item in items]):
        options.setdefault(option.question_id, []).append(option)
    return items, options


def _finalise(attempt: Attempt, answers: dict[str, Any], *, timed_out: bool = False) -> Attempt:
    items, options = _load_items(attempt)
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
    AttemptItem.objects.bulk_update(items, ["response", "score", "correct"])
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
    for item in items:
        xapi.answered(attempt, item, options.get(item.question_id, []), registration)
    xapi.finished(attempt, registration)
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


@transaction.atomic
def submit_attempt(learner: Person, attempt: Attempt, answers: dict[str, Any]) -> Attempt:
    """Mark and close the attempt: answers map question UUIDs to answers (scoring.py gives
    each shape). Refused with nothing written: another learner's attempt (not found), a
    closed attempt, time up, a question not in the attempt, a malformed answer."""
    if not answer_attempt.allows(learner, attempt):
        raise NotFound()
    locked = (
        Attempt.objects.select_for_update()
        .select_related("quiz__course", "learner")
        .get(pk=attempt.pk)
    )
    if locked.status != Attempt.Status.OPEN:
        raise Conflict(ErrorCode.ATTEMPT_CLOSED, _("This attempt has already been submitted."))
    if locked.deadline is not None and timezone.now() > locked.deadline + GRACE:
        raise Conflict(
            ErrorCode.ATTEMPT_TIME_UP,
            _("The time for this attempt is over; your answers were not accepted."),
        )
    if not isinstance(answers, dict):
        raise ValidationFailed(ErrorCode.ANSWER_MALFORMED, _("Some answers could not be read."))
    return _finalise(locked, answers)


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


def _text(value: Any, languages: list[str], where: str, missing: list[str]) -> dict[str, str]:
    """A translated text {language: text}; records each language that lacks one."""
    texts = value if isinstance(value, dict) else {}
    for language in languages:
        text = texts.get(language)
        if not isinstance(text, str) or not text.strip():
            missing.append(f"{where}.{language}")
    return {language: str(texts.get(language, "")).strip() for language in languages}


def _optional(texts: Any, language: str) -> str:
    """An optional translated text in one language ("" when absent)."""
    return str(texts.get(language, "")).strip() if isinstance(texts, dict) else ""


def _small_int(value: Any, low: int, high: int, *, default: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
        return value
    return default


@transaction.atomic
def import_question_bank(data: Any, *, course: Any, by: Person) -> list[QuestionBank]:
    """Create one bank per language from {"title": {lang: …}, "languages": [...],
    "questions": [{"kind", "stem": {lang: …}, "topic", "difficulty", "points", "feedback",
    "key", "case", "options": [{"text": {lang: …}, "match": {lang: …}, "correct", "feedback"}]}],
    "cases": [{"key", "title": {lang: …}, "vignette": {lang: …}}]} (a case is a clinical
    vignette several questions share; feedback texts are optional).
    Every text must exist in every language (translation_missing); nothing is written
    unless all of it is valid."""
    require(manage_banks, by)
    if not isinstance(data, dict):
        raise ValidationFailed(ErrorCode.MALFORMED_BODY, _("A question bank is a JSON object."))
    languages = data.get("languages")
    valid = {code for code, _name in settings.LANGUAGES}
    if (
        not isinstance(languages, list)
        or not languages
        or not all(isinstance(code, str) and code in valid for code in languages)
    ):
        raise ValidationFailed(
            fields={"languages": [_('List the bank\'s languages, e.g. ["en", "fr"].')]}
        )
    questions = data.get("questions")
    if not isinstance(questions, list) or not questions or len(questions) > MAX_BANK_QUESTIONS:
        raise ValidationFailed(fields={"questions": [_("Give between 1 and 1,000 questions.")]})
    kinds = {kind.value for kind in Question.Kind}
    missing: list[str] = []
    problems: dict[str, list[Any]] = {}
    titles = _text(data.get("title"), languages, "title", missing)
    cases: dict[str, tuple[dict[str, str], dict[str, str]]] = {}
    raw_cases = data.get("cases", [])
    for number, raw_case in enumerate(raw_cases if isinstance(raw_cases, list) else [None]):
        where = f"cases.{number}"
        if not isinstance(raw_case, dict) or not isinstance(raw_case.get("key"), str):
            problems[where] = [_("Each case needs a key, a title and a vignette.")]
            continue
        cases[raw_case["key"]] = (
            _text(raw_case.get("title"), languages, f"{where}.title", missing),
            _text(raw_case.get("vignette"), languages, f"{where}.vignette", missing),
        )
    parsed = []
    for number, raw in enumerate(questions):
        where = f"questions.{number}"
        if not isinstance(raw, dict) or raw.get("kind") not in kinds:
            problems[where] = [_("Each question needs a known type.")]
            continue
        options = raw.get("options", [])
        if not isinstance(options, list):
            problems[where] = [_("Options are a list.")]
            continue
        if raw.get("case") is not None and raw.get("case") not in cases:
            problems[f"{where}.case"] = [_("No case has this key.")]
            continue
        parsed.append(
            (
                raw,
                _text(raw.get("stem"), languages, f"{where}.stem", missing),
                [
                    (
                        option,
                        _text(
                            option.get("text") if isinstance(option, dict) else None,
                            languages,
                            f"{where}.options.{index}.text",
                            missing,
                        ),
                        _text(
                            option.get("match"),
                            languages,
                            f"{where}.options.{index}.match",
                            missing,
                        )
                        if isinstance(option, dict) and option.get("match")
                        else dict.fromkeys(languages, ""),
                    )
                    for index, option in enumerate(options)
                ],
            )
        )
    if problems:
        raise ValidationFailed(fields=problems)
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
            title=titles[language][:200], language=language, translation_key=key, course=course
        )
        banks.append(bank)
        bank_cases = {
            key: Case.objects.create(
                bank=bank, title=title[language][:200], vignette=vignette[language]
            )
            for key, (title, vignette) in cases.items()
        }
        for raw, stems, options in parsed:
            question = Question.objects.create(
                bank=bank,
                case=bank_cases.get(raw.get("case") or ""),
                feedback=_optional(raw.get("feedback"), language),
                kind=raw["kind"],
                stem=stems[language],
                topic=str(raw.get("topic", ""))[:60],
                difficulty=_small_int(raw.get("difficulty"), 1, 3, default=2),
                points=_small_int(raw.get("points"), 1, 99, default=1),
                key=raw.get("key") if isinstance(raw.get("key"), dict) else {},
            )
            Option.objects.bulk_create(
                Option(
                    question=question,
                    position=position,
                    text=texts[language][:500],
                    match=matches[language][:500],
                    correct=bool(option.get("correct")),
                    feedback=_optional(option.get("feedback"), language)[:500],
                )
                for position, (option, texts, matches) in enumerate(options)
            )
    return banks
