"""A course's active lessons in order (its page's syllabus, a learner's progress through it, a
lesson's neighbours), their files and the course's published versions (given to its
enrolments). The same for every reader, so one course's are kept per version of the course
(catalog.cache), which every save or deletion of the course, a module, a lesson, a file or a
version replaces."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from praxis.catalog.cache import cached_course_value
from praxis.catalog.models import CourseVersion, Enrolment, Lesson, LessonFile


def active_lessons(course_ids: Iterable[int]) -> QuerySet[Lesson]:
    """The courses' active lessons in order, for outlines and progress: without their texts
    (the Markdown, its HTML, a transcript), which only the lesson's own page reads."""
    return (
        Lesson.objects.filter(module__course_id__in=list(course_ids), archived=False)
        .select_related("module")
        .defer("body", "body_html", "transcript", "captions")
        .order_by("module__course_id", "module__position", "module_id", "position", "id")
    )


def lessons_by_course(course_ids: Iterable[int]) -> dict[int, list[Lesson]]:
    """Each course's active lessons in order (`active_lessons`), read in one query."""
    grouped: dict[int, list[Lesson]] = {course_id: [] for course_id in course_ids}
    for lesson in active_lessons(grouped):
        grouped[lesson.module.course_id].append(lesson)
    return grouped


def course_lessons(course_id: int) -> list[Lesson]:
    """One course's active lessons in order, each with its module: read at most once per
    version of the course and worker (each caller gets its own copies)."""
    return cached_course_value(
        course_id, ["lessons"], lambda: lessons_by_course([course_id])[course_id]
    )


def lesson_files(course_id: int, lesson_id: int) -> list[LessonFile]:
    """A lesson's files, by title: read at most once per version of its course and worker."""
    return cached_course_value(
        course_id,
        ["files", str(lesson_id)],
        lambda: list(LessonFile.objects.filter(lesson_id=lesson_id).order_by("title", "id")),
    )


def course_versions(course_id: int) -> list[CourseVersion]:
    """The course's published versions, oldest first, without their snapshots: read at most
    once per version of the course and worker (publishing a version replaces it)."""
    return cached_course_value(
        course_id,
        ["versions"],
        lambda: list(
            CourseVersion.objects.filter(course_id=course_id).defer("snapshot").order_by("number")
        ),
    )


_ENROLMENT_VERSIONS = ("version", "completed_version", "seen_version")


def with_versions(enrolments: Iterable[Enrolment]) -> None:
    """Give each enrolment the versions it was made on, completed on and last seen, from its
    course's versions as kept (`course_versions`), so that reading them costs no query.
    Joining them to the enrolment's query cost as much again to compile as the rest of it."""
    for enrolment in enrolments:
        if all(getattr(enrolment, f"{name}_id") is None for name in _ENROLMENT_VERSIONS):
            continue
        kept = {version.pk: version for version in course_versions(enrolment.course_id)}
        for name in _ENROLMENT_VERSIONS:
            version = kept.get(getattr(enrolment, f"{name}_id"))
            if version is not None:  # none kept yet (published this instant): read when asked
                setattr(enrolment, name, version)
