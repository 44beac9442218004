"""A learner's competency profile with the evidence of their courses, and the courses and pathways
recommended for what they lack."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.utils.translation import gettext as _

from praxis.assessments.models import (
    Alignment,
    Pathway,
)
from praxis.assessments.queries.translations import (
    course_key,
    one_of_each,
    pathway_key,
    step_courses,
)
from praxis.catalog.models import Course, Enrolment
from praxis.competencies.models import Evidence, TargetProfile
from praxis.competencies.queries import (
    EvidenceEntry,
    Gap,
    ProfileEntry,
    gaps,
    profile,
    target_profiles,
)
from praxis.core.languages import preference_rank, readers_of
from praxis.core.people import Person

COURSE_EVIDENCE_LIFETIME = timedelta(days=3 * 365)


# Competency profile, gaps and recommendations


def course_evidence(learner: Person) -> list[EvidenceEntry]:
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


def learner_profile(learner: Person) -> list[ProfileEntry]:
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
    learner: Person, target: TargetProfile, found_gaps: list[Gap]
) -> list[Recommendation]:
    """Courses and pathways that teach the competencies the learner lacks, each once whatever
    the languages it is translated into (the learner's member: `translations.one_of_each`),
    the learner's languages first, then by how many gaps each closes; each with its reason.
    A course the learner completed, in any of its languages, is not recommended again."""
    open_gaps = {gap.item.id: gap for gap in found_gaps if gap.missing}
    if not open_gaps:
        return []
    languages = readers_of(learner)
    done = {
        course_key(course_id, group_id)
        for course_id, group_id in Enrolment.objects.filter(
            learner=learner, status=Enrolment.Status.COMPLETED
        ).values_list("course_id", "course__translation_group_id")
    }
    teaches: dict[int, list[str]] = {}
    courses: dict[int, Course] = {}
    for alignment in Alignment.objects.filter(
        item_id__in=list(open_gaps), course__status=Course.Status.PUBLISHED, lesson=None
    ).select_related("course", "item"):
        gap = open_gaps[alignment.item_id]
        course = alignment.course
        if (
            course_key(course.pk, course.translation_group_id) in done
            or alignment.level <= gap.held
        ):
            continue
        courses[course.pk] = course
        teaches.setdefault(course.pk, []).append(alignment.item.code or alignment.item.name)

    def rank(language: str, closes: int, title: str) -> tuple[int, int, str]:
        return preference_rank(languages, language), -closes, title

    found: list[tuple[tuple[int, int, str], Recommendation]] = []
    for course in one_of_each(
        courses.values(),
        key=lambda course: course_key(course.pk, course.translation_group_id),
        language=lambda course: course.language,
        original=lambda course: course.pk,
        readers=languages,
    ):
        codes = teaches[course.pk]
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
    published = list(Pathway.objects.filter(published=True))
    steps = step_courses(published)
    pathway_codes = {
        pathway.pk: sorted(
            {code for course_id, _group in steps[pathway.pk] for code in teaches.get(course_id, [])}
        )
        for pathway in published
    }
    for pathway in one_of_each(
        (pathway for pathway in published if pathway_codes[pathway.pk]),
        key=lambda pathway: pathway_key(pathway.pk, steps[pathway.pk]),
        language=lambda pathway: pathway.language,
        original=lambda pathway: pathway.pk,
        readers=languages,
    ):
        codes = pathway_codes[pathway.pk]
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


def next_steps(learner: Person, limit: int = 3) -> list[Recommendation]:
    """The first recommendations for the learner's competency gaps against the target profile
    of their occupation; none when their occupation has no target profile."""
    if not learner.occupation_id:
        return []
    target = target_profiles().filter(occupation_id=learner.occupation_id).order_by("id").first()
    if target is None:
        return []
    return recommendations(learner, target, gaps(learner_profile(learner), target))[:limit]
