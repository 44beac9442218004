"""Experiments on course design: assignment at enrolment, the variant shown, and results.

The catalog knows nothing of experiments; research answers two of its hooks (praxis.catalog.hooks):
- the notification `enrolled` (enrolment=…) after an enrolment is created: consenting learners
  are assigned to a variant of every running experiment of the course;
- the query `lesson_for` (learner=…, lesson=…): the lesson the learner sees in place of `lesson`,
  or None when no experiment varies it for them.
Assessments asks one, the query `praxis.assessments.hooks.quizzes_for` (learner=…, quizzes=[…]):
for each quiz that a started experiment varies or offers as a variant, the quiz the learner takes
in its place: their assigned variant's, or, for a learner not assigned, the varied quiz itself.
So a variant quiz is neither listed nor taken by anyone outside its arm, even after the
experiment stops (those assigned keep their variant, as with lessons). Those who may manage the
course's experiments see every quiz as it is, to check the variants.
Assignment is stable: written once, and chosen by a hash of the learner and the experiment; with
stratification the variant is the least-filled one in the learner's stratum (ties by the hash),
so each stratum stays balanced. Only consenting learners are assigned.

A learner who withdraws consent leaves every experiment at once: from their next page they see
each lesson and quiz as a learner outside the experiment does, and the results leave them out.
Their assignment stays, as the record of what they were shown (listed in their data, erased with
their account). Consent given again does not bring them back into an experiment they left, which
would resume the intervention midway; they are assigned only to experiments of courses they
enrol in afterwards. Two things of a variant quiz stay theirs after they leave: an attempt
already open, to be finished, and a pass, so that withdrawing never undoes a requirement met.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q, QuerySet
from django.db.models.signals import post_delete, post_save

from praxis.assessments import hooks as assessments_hooks
from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.queries import first_attempt_scores, paired_first_scores, pre_post_pairs
from praxis.catalog import hooks as catalog_hooks
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.core import fragments
from praxis.core.people import Person, Visitor, signed_in
from praxis.lrs.models import Purpose
from praxis.lrs.queries import trusted_statements
from praxis.research import consent, permissions
from praxis.research.exports import region_of_country
from praxis.research.models import Assignment, Experiment, Variant
from praxis.research.statistics import Estimate, cohens_d, mean_difference, risk_difference

# Which lessons a started experiment varies, kept per version of every experiment: a lesson's
# page asks on every view, and almost no lesson is varied.
VARIED_SCOPE = "research:varied-lessons"


def connect_hooks() -> None:
    catalog_hooks.enrolled.answer(on_enrolled)
    catalog_hooks.lesson_for.answer(lesson_for)
    assessments_hooks.quizzes_for.answer(quizzes_for)
    post_save.connect(_experiments_changed, sender=Experiment, dispatch_uid="varied-lessons")
    post_delete.connect(
        _experiments_changed, sender=Experiment, dispatch_uid="varied-lessons-deleted"
    )


def _experiments_changed(sender: Any, **kwargs: Any) -> None:
    fragments.changed(VARIED_SCOPE)


def varied_lessons() -> frozenset[int]:
    """The lessons that a started (running or stopped) experiment varies: those assigned keep
    their variant after it stops."""
    return fragments.cached_value(
        VARIED_SCOPE,
        ["lessons"],
        lambda: frozenset(
            Experiment.objects.filter(lesson__isnull=False)
            .exclude(status=Experiment.Status.DRAFT)
            .values_list("lesson_id", flat=True)
        ),
    )


def courses_of(person: Person) -> QuerySet[Course]:
    """The courses on which `person` may set up experiments: every course for staff and
    research officers, a course team its organisations' courses."""
    courses = Course.objects.all()
    if not permissions.experiments_on_every_course(person):
        teams = permissions.course_team_organisations(person)
        courses = courses.filter(pk__in=Course.objects.filter(organisations__in=teams))
    return courses


def on_enrolled(*, enrolment: Enrolment) -> list[Assignment]:
    """Assign the new learner to each running experiment of the course."""
    running = Experiment.objects.filter(
        course_id=enrolment.course_id, status=Experiment.Status.RUNNING
    )
    made = []
    for experiment in running:
        assignment = assign(experiment, enrolment.learner)
        if assignment is not None:
            made.append(assignment)
    return made


def taking_part() -> Q:
    """Assignments whose learner still takes part: consenting, not withdrawn since assigned."""
    return consent.taking_part_since("assigned_at")


def lesson_for(*, learner: Visitor, lesson: Lesson) -> Lesson | None:
    """The variant of `lesson` that `learner` was assigned, if an experiment varies it and
    they still take part in it."""
    if not signed_in(learner) or lesson.pk not in varied_lessons():
        return None
    assignment = (
        Assignment.objects.filter(learner=learner, experiment__lesson=lesson)
        .filter(taking_part())
        .exclude(experiment__status=Experiment.Status.DRAFT)
        .select_related("variant__lesson")
        .first()
    )
    return assignment.variant.lesson if assignment else None


def quizzes_for(*, learner: Visitor, quizzes: list[Quiz]) -> dict[int, Quiz]:
    """For each of `quizzes` that a started experiment varies or offers as a variant, the quiz
    `learner` takes in its place (see the module's docstring). One query when none does."""
    ids = {quiz.pk for quiz in quizzes}
    started = (
        Experiment.objects.filter(Q(quiz_id__in=ids) | Q(variants__quiz_id__in=ids))
        .exclude(status=Experiment.Status.DRAFT)
        .select_related("quiz__course", "course")
        .prefetch_related(
            Prefetch("variants", queryset=Variant.objects.select_related("quiz__course"))
        )
        .distinct()
        .order_by("started_at", "id")
    )
    found = list(started)
    if not found:
        return {}
    authenticated = signed_in(learner)
    assigned = _quiz_assignments(learner, found) if signed_in(learner) else {}
    served: dict[int, Quiz] = {}
    for experiment in found:
        if authenticated and permissions.manage_experiments.allows(learner, experiment):
            continue
        variants = list(experiment.variants.all())
        mine = next((v for v in variants if v.pk == assigned.get(experiment.pk)), None)
        chosen = mine.quiz if mine is not None and mine.quiz is not None else experiment.quiz
        for quiz in [experiment.quiz, *(v.quiz for v in variants)]:
            if quiz is not None and chosen is not None and quiz.pk in ids:
                served.setdefault(quiz.pk, chosen)
    return served


def _quiz_assignments(learner: Person, experiments: list[Experiment]) -> dict[int, int]:
    """Experiment → the learner's variant, in those of `experiments` whose variant quiz they
    take: those they take part in, and those they left with an attempt at their variant's quiz
    still open or passed (see the module's docstring)."""
    rows = (
        Assignment.objects.filter(learner=learner, experiment__in=experiments)
        .annotate(part=ExpressionWrapper(taking_part(), output_field=BooleanField()))
        .values_list("experiment_id", "variant_id", "variant__quiz_id", "part")
    )
    assigned: dict[int, tuple[int, int | None]] = {}
    left: dict[int, tuple[int, int | None]] = {}
    for experiment_id, variant_id, quiz_id, part in rows:
        (assigned if part else left)[experiment_id] = (variant_id, quiz_id)
    if left:
        kept = set(
            Attempt.objects.filter(
                Q(status=Attempt.Status.OPEN) | Q(passed=True),
                learner=learner,
                quiz_id__in=[quiz_id for _variant, quiz_id in left.values()],
            ).values_list("quiz_id", flat=True)
        )
        assigned.update({e: pair for e, pair in left.items() if pair[1] in kept})
    return {experiment_id: variant_id for experiment_id, (variant_id, _q) in assigned.items()}


def bucket(experiment: Experiment, learner: Person) -> int:
    """A number fixed by the learner and the experiment, spread evenly."""
    digest = hashlib.sha256(f"{experiment.uuid}:{learner.uuid}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def stratum_of(experiment: Experiment, learner: Person) -> str:
    if experiment.stratify_by == Experiment.Stratum.REGION:
        return region_of_country().get(str(learner.country), "")
    if experiment.stratify_by == Experiment.Stratum.OCCUPATION:
        return learner.occupation.group if learner.occupation is not None else ""
    return ""


@transaction.atomic
def assign(experiment: Experiment, learner: Person) -> Assignment | None:
    """The learner's variant in `experiment`, assigning one now if the experiment runs and
    the learner consents to research; None otherwise. An assignment once made is returned as
    it is, even when the learner has left the experiment since (see `taking_part`)."""
    existing = Assignment.objects.filter(experiment=experiment, learner=learner).first()
    if existing is not None:
        return existing
    if not consent.has_consented(learner):
        return None
    experiment = Experiment.objects.select_for_update().get(pk=experiment.pk)
    if experiment.status != Experiment.Status.RUNNING:
        return None
    variants = list(experiment.variants.all())
    if not variants:
        return None
    stratum = stratum_of(experiment, learner)
    number = bucket(experiment, learner)
    if experiment.stratify_by:
        counts = Counter(
            Assignment.objects.filter(experiment=experiment, stratum=stratum).values_list(
                "variant_id", flat=True
            )
        )
        fewest = min(counts[v.pk] for v in variants)
        candidates = [v for v in variants if counts[v.pk] == fewest]
        variant = candidates[number % len(candidates)]
    else:
        variant = variants[number % len(variants)]
    try:
        with transaction.atomic():
            return Assignment.objects.create(
                experiment=experiment, learner=learner, variant=variant, stratum=stratum
            )
    except IntegrityError:  # assigned by a simultaneous request
        return Assignment.objects.get(experiment=experiment, learner=learner)


# Results


@dataclass
class Arm:
    variant: Variant
    learners: int = 0
    completed: int = 0
    hours: list[float] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    # Post-test minus pre-test, scaled scores (0–1) of the first attempt at each.
    gains: list[float] = field(default_factory=list)

    @property
    def completion_rate(self) -> float | None:
        return self.completed / self.learners if self.learners else None

    @property
    def mean_score(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None

    @property
    def mean_gain(self) -> float | None:
        return sum(self.gains) / len(self.gains) if self.gains else None


@dataclass
class Comparison:
    arm: Arm
    risk_difference: Estimate | None
    hours_difference: Estimate | None
    hours_d: Estimate | None
    score_difference: Estimate | None
    score_d: Estimate | None
    gain_difference: Estimate | None = None
    gain_d: Estimate | None = None

    @property
    def estimates(self) -> list[Estimate | None]:
        return [
            self.risk_difference,
            self.hours_difference,
            self.hours_d,
            self.score_difference,
            self.score_d,
            self.gain_difference,
            self.gain_d,
        ]


@dataclass
class Results:
    experiment: Experiment
    arms: list[Arm]
    comparisons: list[Comparison]
    suppressed: bool
    # The post-test whose gain over its pre-test is compared; None when the course has none.
    gain_test: Quiz | None = None


def _best_scores(
    arms: dict[int, Arm], assigned: dict[int, int], registrations: dict[Any, int]
) -> None:
    """Each learner's best scaled score in any statement of their enrolments."""
    best: dict[int, float] = {}
    scored = (
        trusted_statements(Purpose.RESEARCH)
        .filter(registration__in=list(registrations), data__result__score__scaled__isnull=False)
        .values_list("registration", "data__result__score__scaled")
    )
    for statement_registration, score in scored:
        if isinstance(score, int | float) and statement_registration in registrations:
            learner = registrations[statement_registration]
            best[learner] = max(best.get(learner, float("-inf")), float(score))
    for learner, score in best.items():
        arms[assigned[learner]].scores.append(score)


def _first_scores_on_served_quizzes(
    arms: dict[int, Arm], assigned: dict[int, int], enrolled: set[int]
) -> None:
    """Each enrolled learner's first submitted attempt at their own variant's quiz, scaled."""
    quiz_of = {variant_id: arm.variant.quiz_id for variant_id, arm in arms.items()}
    learners = [learner for learner in assigned if learner in enrolled]
    first = first_attempt_scores([q for q in set(quiz_of.values()) if q is not None], learners)
    for learner in learners:
        variant_id = assigned[learner]
        score = first.get((quiz_id, learner)) if (quiz_id := quiz_of[variant_id]) else None
        if score is not None:
            arms[variant_id].scores.append(score)


def results(experiment: Experiment, k: int = 5) -> Results:
    """Outcomes per variant for the learners taking part (consenting and not withdrawn since
    they were assigned), each later variant compared with the first (the control): completion,
    hours to complete, a score, and knowledge gain when the course has a pre-test/post-test pair
    (its first pair, if several): each learner's first post-test score minus their first
    pre-test score, scaled 0–1. The score is the best scaled score in the course; in an
    experiment on a quiz, the scaled score of the learner's first submitted attempt at the quiz
    of their variant."""
    variants = list(experiment.variants.all())
    arms = {v.pk: Arm(v) for v in variants}
    assigned = dict(
        Assignment.objects.filter(experiment=experiment)
        .filter(taking_part())
        .values_list("learner_id", "variant_id")
    )
    enrolments = Enrolment.objects.filter(
        course_id=experiment.course_id, learner_id__in=list(assigned)
    ).values_list("learner_id", "registration", "status", "created_at", "completed_at")
    registrations: dict[Any, int] = {}
    seen: set[int] = set()
    for learner, registration, status, created, completed in enrolments:
        arm = arms[assigned[learner]]
        registrations[registration] = learner
        if learner in seen:
            continue
        seen.add(learner)
        arm.learners += 1
        if status == Enrolment.Status.COMPLETED and completed:
            arm.completed += 1
            arm.hours.append((completed - created).total_seconds() / 3600)
    if experiment.quiz_id is not None:
        _first_scores_on_served_quizzes(arms, assigned, seen)
    else:
        _best_scores(arms, assigned, registrations)
    pairs = pre_post_pairs([experiment.course_id])
    gain_test = pairs[0] if pairs else None
    if gain_test is not None:
        paired = paired_first_scores([gain_test], learner_ids=list(assigned))
        for learner, (pre, post) in paired.get(gain_test.pk, {}).items():
            arms[assigned[learner]].gains.append(post - pre)
    ordered = [arms[v.pk] for v in variants]
    suppressed = any(0 < arm.learners < k for arm in ordered)
    comparisons = []
    if ordered and not suppressed:
        control = ordered[0]
        for arm in ordered[1:]:
            comparisons.append(
                Comparison(
                    arm,
                    risk_difference(
                        arm.completed, arm.learners, control.completed, control.learners
                    ),
                    mean_difference(arm.hours, control.hours),
                    cohens_d(arm.hours, control.hours),
                    mean_difference(arm.scores, control.scores),
                    cohens_d(arm.scores, control.scores),
                    mean_difference(arm.gains, control.gains),
                    cohens_d(arm.gains, control.gains),
                )
            )
    return Results(experiment, ordered, comparisons, suppressed, gain_test)
