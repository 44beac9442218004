"""Experiments on course design: assignment at enrolment, the variant shown, and results.

The catalog knows nothing of experiments; it asks two named hooks (praxis.core.hooks):
- "catalog.enrolled" (enrolment=…) after an enrolment is created: consenting learners are
  assigned to a variant of every running experiment of the course;
- "catalog.lesson_for" (learner=…, lesson=…): the lesson the learner sees in place of `lesson`,
  or None when no experiment varies it for them.
Assignment is stable: written once, and chosen by a hash of the learner and the experiment; with
stratification the variant is the least-filled one in the learner's stratum (ties by the hash),
so each stratum stays balanced.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction

from praxis.assessments.models import Quiz
from praxis.assessments.queries import paired_first_scores, pre_post_pairs
from praxis.catalog.models import Enrolment, Lesson
from praxis.core import hooks
from praxis.lrs.models import Statement
from praxis.research import consent
from praxis.research.exports import region_of_country
from praxis.research.models import Assignment, Experiment, Variant
from praxis.research.statistics import Estimate, cohens_d, mean_difference, risk_difference

HOOK_ENROLLED = "catalog.enrolled"
HOOK_LESSON_FOR = "catalog.lesson_for"


def connect_hooks() -> None:
    hooks.connect(HOOK_ENROLLED, on_enrolled)
    hooks.connect(HOOK_LESSON_FOR, lesson_for)


def on_enrolled(enrolment: Enrolment, **_: Any) -> list[Assignment]:
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


def lesson_for(learner: Any, lesson: Lesson, **_: Any) -> Lesson | None:
    """The variant of `lesson` that `learner` was assigned, if an experiment varies it."""
    if not getattr(learner, "is_authenticated", False):
        return None
    assignment = (
        Assignment.objects.filter(learner=learner, experiment__lesson=lesson)
        .exclude(experiment__status=Experiment.Status.DRAFT)
        .select_related("variant__lesson")
        .first()
    )
    return assignment.variant.lesson if assignment else None


def bucket(experiment: Experiment, learner: Any) -> int:
    """A number fixed by the learner and the experiment, spread evenly."""
    digest = hashlib.sha256(f"{experiment.uuid}:{learner.uuid}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def stratum_of(experiment: Experiment, learner: Any) -> str:
    if experiment.stratify_by == Experiment.Stratum.REGION:
        return region_of_country().get(str(learner.country), "")
    if experiment.stratify_by == Experiment.Stratum.OCCUPATION:
        return learner.occupation.group if learner.occupation_id else ""
    return ""


@transaction.atomic
def assign(experiment: Experiment, learner: Any) -> Assignment | None:
    """The learner's variant in `experiment`, assigning one now if the experiment runs and
    the learner consents to research; None otherwise."""
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


def results(experiment: Experiment, k: int = 5) -> Results:
    """Outcomes per variant for consenting learners, each later variant compared with the
    first (the control): completion, hours to complete, best scaled score in the course, and
    knowledge gain when the course has a pre-test/post-test pair (its first pair, if several):
    each learner's first post-test score minus their first pre-test score, scaled 0–1."""
    variants = list(experiment.variants.all())
    arms = {v.pk: Arm(v) for v in variants}
    consenting = consent.consenting_learner_ids()
    assigned = {
        learner: variant
        for learner, variant in Assignment.objects.filter(experiment=experiment).values_list(
            "learner_id", "variant_id"
        )
        if learner in consenting
    }
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
    best: dict[int, float] = {}
    scored = Statement.objects.filter(
        registration__in=list(registrations), data__result__score__scaled__isnull=False
    ).values_list("registration", "data__result__score__scaled")
    for statement_registration, score in scored:
        if isinstance(score, int | float) and statement_registration in registrations:
            learner = registrations[statement_registration]
            best[learner] = max(best.get(learner, float("-inf")), float(score))
    for learner, score in best.items():
        arms[assigned[learner]].scores.append(score)
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
