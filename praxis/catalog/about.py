"""What a course's page says about it besides its syllabus, the same for every reader: its
topics, co-creating organisations and published translations."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, prefetch_related_objects

from praxis.catalog.models import Course, Topic
from praxis.organisations.models import Organisation


def translations() -> Prefetch[Any]:
    return Prefetch(
        "translation_group__courses",
        queryset=Course.objects.filter(status=Course.Status.PUBLISHED)
        .only("id", "slug", "title", "language", "translation_group_id")
        .order_by("language"),
        to_attr="published_courses",
    )


def other_languages(course: Course) -> list[Course]:
    """The published translations of `course`, prefetched by `translations()`."""
    group = course.translation_group
    if group is None:
        return []
    return [c for c in getattr(group, "published_courses", []) if c.pk != course.pk]


@dataclass(frozen=True)
class CourseAbout:
    """What a course's page says about it besides its syllabus: the same for every reader."""

    topics: list[Topic]
    organisations: list[Organisation]
    also_available_in: list[Course]


def course_about(course: Course) -> CourseAbout:
    """The course's topics, co-creating organisations and published translations: three
    queries."""
    prefetch_related_objects([course], "topics", "organisations", translations())
    return CourseAbout(
        topics=list(course.topics.all()),
        organisations=list(course.organisations.all()),
        also_available_in=other_languages(course),
    )
