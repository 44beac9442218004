"""Reading quizzes, attempts (never the answer key before submission), item analysis,
a learner's competency profile with course evidence, recommendations and pathways."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from praxis.assessments.analysis import QuizFigures, analyse
from praxis.assessments.models import (
    Alignment,
    Attempt,
    AttemptItem,
    Option,
    Pathway,
    PathwayStep,
    Question,
    QuestionBank,
    Quiz,
    QuizQuestion,
)
from praxis.assessments.publishing import (
    AlignmentContent,
    OptionContent,
    QuestionContent,
    QuizContent,
    quiz_settings,
)
from praxis.assessments.scoring import option_token
from praxis.assessments.serving import as_served
from praxis.catalog.models import Course, Enrolment
from praxis.catalog.permissions import view_course
from praxis.competencies.models import Evidence, TargetProfile
from praxis.competencies.queries import (
    EvidenceEntry,
    Gap,
    ProfileEntry,
    gaps,
    profile,
    target_profiles,
)
from praxis.core.errors import NotFound
from praxis.core.languages import preference_rank

COURSE_EVIDENCE_LIFETIME = timedelta(days=3 * 365)


def visible_quiz(user: Any, quiz_uuid: UUID | str) -> Quiz:
    """A published quiz of a course the user may see, or NotFound."""
    quiz = (
        Quiz.objects.select_related("course", "pre_test")
        .filter(uuid=quiz_uuid, published=True)
        .first()
    )
    if quiz is None or not view_course.allows(user, quiz.course):
        raise NotFound()
    return quiz


def course_quizzes(course: Course, user: Any) -> list[Quiz]:
    """The course's published quizzes as `user` is served them: where an experiment varies a
    quiz, the user's own variant in its place and the other variants left out."""
    listed = Quiz.objects.filter(course=course, published=True).select_related("course")
    return as_served(user, listed.order_by("id"))


def own_attempt(user: Any, attempt_uuid: UUID | str) -> Attempt:
    """The user's own attempt, or NotFound (another learner's attempt is not revealed)."""
    attempt = (
        Attempt.objects.select_related("quiz__course", "learner").filter(uuid=attempt_uuid).first()
    )
    if (
        attempt is None
        or not getattr(user, "is_authenticated", False)
        or attempt.learner_id != user.pk
    ):
        raise NotFound()
    return attempt


def attempts_of(user: Any, quiz: Quiz) -> list[Attempt]:
    return list(Attempt.objects.filter(quiz=quiz, learner=user).order_by("number"))


def attempts_left(user: Any, quiz: Quiz) -> int | None:
    """How many more attempts `user` may start at `quiz` (an open one counts as used, as in
    services.start_attempt); None when the quiz sets no limit."""
    if quiz.max_attempts is None:
        return None
    used = Attempt.objects.filter(quiz=quiz, learner=user).count()
    return max(0, quiz.max_attempts - used)


@dataclass(frozen=True)
class ShownOption:
    """An option as the attempt's page names it: by a token, never by its database ID."""

    id: str
    text: str


@dataclass(frozen=True)
class ShownQuestion:
    """A question as the learner sees it before submission: no key, no feedback."""

    uuid: UUID
    position: int
    kind: str
    stem: str
    case_title: str
    vignette: str
    options: list[ShownOption]
    matches: list[ShownOption]


def attempt_questions(attempt: Attempt) -> list[ShownQuestion]:
    items = list(attempt.items.select_related("question__case").order_by("position"))
    options = Option.objects.in_bulk([oid for item in items for oid in item.option_order])
    shown = []
    for item in items:
        question = item.question
        ordered = [options[oid] for oid in item.option_order if oid in options]
        matches = sorted(ordered, key=lambda option: (option.match.casefold(), option.id))
        shown.append(
            ShownQuestion(
                question.uuid,
                item.position + 1,
                question.kind,
                question.stem,
                question.case.title if question.case else "",
                question.case.vignette if question.case else "",
                [ShownOption(option_token(attempt.uuid, o.id), o.text) for o in ordered],
                [
                    ShownOption(option_token(attempt.uuid, o.id), o.match)
                    for o in matches
                    if o.match
                ],
            )
        )
    return shown


def quiz_analysis(quiz: Quiz) -> QuizFigures:
    """Item analysis of the quiz's submitted attempts (see analysis.py), in three queries.

    The answered items are read with a plain cursor: at 10,000 attempts, decoding every stored
    response through the ORM costs more than the analysis itself, and analysis.py decodes each
    distinct response once."""
    submitted = AttemptItem.objects.filter(
        attempt__quiz=quiz, attempt__status=Attempt.Status.SUBMITTED
    ).values_list("attempt_id", "question_id", "score", "correct", "response")
    sql, params = submitted.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        raw = cursor.fetchall()
    if quiz.selection == Quiz.Selection.FIXED:
        slots = list(quiz.slots.select_related("question").order_by("position"))
        questions = [(s.question.id, s.question.stem, float(s.question.points)) for s in slots]
    else:
        question_ids = {row[1] for row in raw}
        found = Question.objects.filter(id__in=question_ids).order_by("id")
        questions = [(q.id, q.stem, float(q.points)) for q in found]
    points = {question_id: weight for question_id, _stem, weight in questions}
    rows = (
        (
            attempt,
            question,
            score / points[question] if points.get(question) else 0.0,
            bool(correct),
            response,
        )
        for attempt, question, score, correct, response in raw
    )
    choices: dict[int, list[tuple[int, str, bool]]] = {}
    for option in Option.objects.filter(question_id__in=list(points)).order_by("position", "id"):
        choices.setdefault(option.question_id, []).append((option.id, option.text, option.correct))
    return analyse(rows, questions, choices)


@dataclass(frozen=True)
class KnowledgeGain:
    learners: int
    pre_mean: float | None
    post_mean: float | None

    @property
    def gain(self) -> float | None:
        if self.pre_mean is None or self.post_mean is None:
            return None
        return self.post_mean - self.pre_mean

    @property
    def normalised_gain(self) -> float | None:
        """Hake's normalised gain: the share of the possible improvement achieved."""
        if self.pre_mean is None or self.post_mean is None or self.pre_mean >= 1:
            return None
        return (self.post_mean - self.pre_mean) / (1 - self.pre_mean)


def paired_first_scores(
    post_tests: list[Quiz], learner_ids: list[int] | None = None
) -> dict[int, dict[int, tuple[float, float]]]:
    """For each post-test (by its ID), the learners who submitted both it and its pre-test,
    each with (pre, post): the scaled score (0–1) of their first submitted attempt at each.
    One query whatever the number of post-tests; `learner_ids` limits it to those learners."""
    pre_of = {quiz.pk: quiz.pre_test_id for quiz in post_tests if quiz.pre_test_id is not None}
    if not pre_of:
        return {}
    attempts = Attempt.objects.filter(
        quiz_id__in=[*pre_of, *pre_of.values()], status=Attempt.Status.SUBMITTED
    )
    if learner_ids is not None:
        attempts = attempts.filter(learner_id__in=learner_ids)
    first: dict[int, dict[int, float]] = {}
    for quiz_id, learner, score, maximum in attempts.order_by("number").values_list(
        "quiz_id", "learner_id", "score", "max_score"
    ):
        first.setdefault(quiz_id, {}).setdefault(
            learner, (score or 0) / maximum if maximum else 0.0
        )
    paired: dict[int, dict[int, tuple[float, float]]] = {}
    for post_id, pre_id in pre_of.items():
        pre, post = first.get(pre_id, {}), first.get(post_id, {})
        paired[post_id] = {
            learner: (pre[learner], post[learner]) for learner in post if learner in pre
        }
    return paired


def first_attempt_scores(
    quiz_ids: list[int], learner_ids: list[int]
) -> dict[tuple[int, int], float]:
    """The scaled score (0–1) of each learner's first submitted attempt at each of the quizzes,
    by (quiz ID, learner ID); learners who submitted none are left out. One query."""
    attempts = Attempt.objects.filter(
        quiz_id__in=quiz_ids, learner_id__in=learner_ids, status=Attempt.Status.SUBMITTED
    ).order_by("number")
    first: dict[tuple[int, int], float] = {}
    for quiz_id, learner, score, maximum in attempts.values_list(
        "quiz_id", "learner_id", "score", "max_score"
    ):
        first.setdefault((quiz_id, learner), (score or 0) / maximum if maximum else 0.0)
    return first


def summarise_gain(scores: dict[int, tuple[float, float]]) -> KnowledgeGain:
    """Mean pre-test and post-test scores over the learners in `scores`."""
    if not scores:
        return KnowledgeGain(0, None, None)
    pairs = list(scores.values())
    return KnowledgeGain(
        len(pairs),
        sum(pre for pre, _post in pairs) / len(pairs),
        sum(post for _pre, post in pairs) / len(pairs),
    )


def knowledge_gain(post_test: Quiz) -> KnowledgeGain:
    """Mean scaled score on the pre-test and post-test, over learners who took both (first
    attempt at each)."""
    return summarise_gain(paired_first_scores([post_test]).get(post_test.pk, {}))


def pre_post_pairs(course_ids: list[int] | None = None) -> list[Quiz]:
    """The post-tests that name a pre-test, in the given courses (None: every course), with
    their course and pre-test loaded; by course and then by creation."""
    post_tests = Quiz.objects.filter(kind=Quiz.Kind.POST_TEST, pre_test__isnull=False)
    if course_ids is not None:
        post_tests = post_tests.filter(course_id__in=course_ids)
    return list(post_tests.select_related("course", "pre_test").order_by("course_id", "id"))


# Competency profile, gaps and recommendations


def course_evidence(learner: Any) -> list[EvidenceEntry]:
    """Evidence from the learner's completed courses, through their competency alignments."""
    completed = {
        enrolment.course_id: enrolment
        for enrolment in Enrolment.objects.filter(
            learner=learner, status=Enrolment.Status.COMPLETED
        ).select_related("course")
    }
    label = str(Evidence.Source.COURSE.label)
    entries = []
    for alignment in Alignment.objects.filter(course_id__in=list(completed), lesson=None):
        enrolment = completed[alignment.course_id]
        when = enrolment.completed_at or enrolment.updated_at
        entries.append(
            EvidenceEntry(
                alignment.item_id,
                Evidence.Source.COURSE,
                label,
                enrolment.course.title,
                alignment.level,
                when,
                when + COURSE_EVIDENCE_LIFETIME,
            )
        )
    return entries


def learner_profile(learner: Any) -> list[ProfileEntry]:
    """The learner's competencies from every kind of evidence."""
    return profile(learner, course_evidence(learner))


@dataclass(frozen=True)
class Recommendation:
    kind: str  # "course" or "pathway"
    title: str
    slug: str
    language: str
    reason: str
    closes: int


def recommendations(
    learner: Any, target: TargetProfile, found_gaps: list[Gap]
) -> list[Recommendation]:
    """Courses and pathways that teach the competencies the learner lacks, the learner's
    languages first, then by how many gaps each closes; each with its reason."""
    open_gaps = {gap.item.id: gap for gap in found_gaps if gap.missing}
    if not open_gaps:
        return []
    languages = [learner.preferred_language, *(learner.languages or [])]
    done = set(
        Enrolment.objects.filter(learner=learner, status=Enrolment.Status.COMPLETED).values_list(
            "course_id", flat=True
        )
    )
    teaches: dict[int, list[str]] = {}
    courses: dict[int, Course] = {}
    for alignment in Alignment.objects.filter(
        item_id__in=list(open_gaps), course__status=Course.Status.PUBLISHED, lesson=None
    ).select_related("course", "item"):
        gap = open_gaps[alignment.item_id]
        if alignment.course_id in done or alignment.level <= gap.held:
            continue
        courses[alignment.course_id] = alignment.course
        teaches.setdefault(alignment.course_id, []).append(
            alignment.item.code or alignment.item.name
        )

    def rank(language: str, closes: int, title: str) -> tuple[int, int, str]:
        return preference_rank(languages, language), -closes, title

    found: list[tuple[tuple[int, int, str], Recommendation]] = []
    for course_id, codes in teaches.items():
        course = courses[course_id]
        reason = _("Teaches %(codes)s, which your target %(target)s needs.") % {
            "codes": ", ".join(sorted(codes)),
            "target": target.name,
        }
        found.append(
            (
                rank(course.language, len(codes), course.title),
                Recommendation(
                    "course", course.title, course.slug, course.language, reason, len(codes)
                ),
            )
        )
    for pathway in Pathway.objects.filter(published=True).prefetch_related("steps"):
        step_courses = {step.course_id for step in pathway.steps.all()}
        codes = sorted({code for cid in step_courses & set(teaches) for code in teaches[cid]})
        if not codes:
            continue
        reason = _("Its courses together teach %(codes)s for your target %(target)s.") % {
            "codes": ", ".join(codes),
            "target": target.name,
        }
        found.append(
            (
                rank(pathway.language, len(codes), pathway.title),
                Recommendation(
                    "pathway", pathway.title, pathway.slug, pathway.language, reason, len(codes)
                ),
            )
        )
    return [recommendation for _key, recommendation in sorted(found, key=lambda pair: pair[0])]


def next_steps(learner: Any, limit: int = 3) -> list[Recommendation]:
    """The first recommendations for the learner's competency gaps against the target profile
    of their occupation; none when their occupation has no target profile."""
    if not getattr(learner, "occupation_id", None):
        return []
    target = target_profiles().filter(occupation_id=learner.occupation_id).order_by("id").first()
    if target is None:
        return []
    return recommendations(learner, target, gaps(learner_profile(learner), target))[:limit]


@dataclass(frozen=True)
class StepView:
    position: int
    course: Course
    prerequisites: list[Course]
    completed: bool
    available: bool


def pathways() -> QuerySet[Pathway]:
    return Pathway.objects.filter(published=True).order_by("title")


def pathway_steps(pathway: Pathway, learner: Any) -> list[StepView]:
    """The pathway's courses in order; a step is available once its prerequisites are done."""
    steps = list(
        PathwayStep.objects.filter(pathway=pathway)
        .select_related("course")
        .prefetch_related(
            Prefetch("prerequisites", queryset=PathwayStep.objects.select_related("course"))
        )
        .order_by("position")
    )
    done: set[int] = set()
    if getattr(learner, "is_authenticated", False):
        done = set(
            Enrolment.objects.filter(
                learner=learner, status=Enrolment.Status.COMPLETED
            ).values_list("course_id", flat=True)
        )
    return [
        StepView(
            step.position + 1,
            step.course,
            [before.course for before in step.prerequisites.all()],
            step.course_id in done,
            all(before.course_id in done for before in step.prerequisites.all()),
        )
        for step in steps
    ]


def quiz_contents(course: Course) -> list[QuizContent]:
    """The course's published quizzes with their fixed questions and answer keys, as a working
    copy of the course starts from (never shown to learners)."""
    quizzes = list(
        Quiz.objects.filter(course=course, published=True)
        .select_related("pre_test")
        .prefetch_related(
            Prefetch(
                "slots",
                queryset=QuizQuestion.objects.select_related("question").prefetch_related(
                    "question__options", "question__competencies"
                ),
            )
        )
        .order_by("id")
    )
    return [
        QuizContent(
            key=quiz.uuid,
            title=quiz.title,
            after_module_id=quiz.after_module_id,
            pre_test_key=quiz.pre_test.uuid if quiz.pre_test else None,
            **quiz_settings(quiz),
            bank_id=quiz.bank_id,
            draw=list(quiz.draw),
            questions=[
                QuestionContent(
                    key=slot.question.uuid,
                    kind=slot.question.kind,
                    stem=slot.question.stem,
                    topic=slot.question.topic,
                    difficulty=slot.question.difficulty,
                    points=slot.question.points,
                    feedback=slot.question.feedback,
                    answer_key=dict(slot.question.key),
                    options=[
                        OptionContent(o.text, o.match, o.correct, o.feedback)
                        for o in slot.question.options.all()
                    ],
                    competency_ids=[c.id for c in slot.question.competencies.all()],
                )
                for slot in quiz.slots.all()
            ]
            if quiz.selection == Quiz.Selection.FIXED
            else [],
        )
        for quiz in quizzes
    ]


def alignment_contents(course: Course) -> list[AlignmentContent]:
    """What the course and its lessons teach, lessons named by their key."""
    return [
        AlignmentContent(
            item_id=a.item_id, level=a.level, lesson_key=a.lesson.uuid if a.lesson else None
        )
        for a in Alignment.objects.filter(course=course).select_related("lesson").order_by("id")
    ]


def counterpart_bank_id(bank_id: int | None, language: str) -> int | None:
    """The bank imported together with `bank_id` in another language, if there is one."""
    bank = QuestionBank.objects.filter(pk=bank_id).first() if bank_id else None
    if bank is None or not bank.translation_key:
        return None
    twin = QuestionBank.objects.filter(translation_key=bank.translation_key, language=language)
    return twin.values_list("id", flat=True).first()
