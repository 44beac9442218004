"""Learning pathways and a learner's progress along their steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet

from praxis.assessments.models import (
    Pathway,
    PathwayStep,
)
from praxis.assessments.queries.translations import one_of_each, pathway_key, step_courses
from praxis.catalog.models import Course, Enrolment
from praxis.core.languages import preference_rank
from praxis.core.people import Visitor, signed_in


@dataclass(frozen=True)
class StepView:
    position: int
    course: Course
    prerequisites: list[Course]
    completed: bool
    available: bool


def pathways() -> QuerySet[Pathway]:
    return Pathway.objects.filter(published=True).order_by("title")


def pathways_for(readers: Sequence[str]) -> list[Pathway]:
    """The published pathways, one of each translation (the one in the first of `readers` it
    is in, else the original: `translations.one_of_each`), those in the reader's languages
    first, then by title. Two queries."""
    found = list(pathways())
    steps = step_courses(found)
    shown = one_of_each(
        found,
        key=lambda pathway: pathway_key(pathway.pk, steps[pathway.pk]),
        language=lambda pathway: pathway.language,
        original=lambda pathway: pathway.pk,
        readers=readers,
    )
    return sorted(
        shown, key=lambda pathway: (preference_rank(readers, pathway.language), pathway.title)
    )


def pathway_steps(pathway: Pathway, learner: Visitor) -> list[StepView]:
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
    if signed_in(learner):
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
