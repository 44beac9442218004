"""The catalogue's rendered results, kept per language, query and catalogue version.

Every catalogue visitor with the same language and the same search sees the same results, so
they are rendered once per catalogue version (praxis.core.fragments); a course's page, as a
visitor without a session sees it, once per version of the course and of the catalogue. The
services call `catalogue_changed()` whenever something a catalogue visitor sees changes (a
course published, archived or edited, its topics, organisations or translations); saving or
deleting what a course's page shows changes its own version (`connect`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import QueryDict
from django.utils.safestring import SafeString

from praxis.catalog.models import Course, CourseVersion, Lesson, LessonFile, Module
from praxis.core import fragments

SCOPE = "catalog"
VERSION_KEY = fragments.version_key(SCOPE)
T = TypeVar("T")


def catalogue_changed() -> None:
    """Show the current catalogue on every next request."""
    fragments.changed(SCOPE)


def version() -> str:
    """The current catalogue version (a token; made on first use)."""
    return fragments.version(SCOPE)


def cached_text(kind: str, language: str, query: str, render: Callable[[], str]) -> str:
    """The text (HTML, JSON) that `render` makes for this language and query string, made at
    most once per catalogue version and worker."""
    return fragments.cached_text(SCOPE, (kind, language, query), render)


def cached_html(
    kind: str, language: str, query: QueryDict, render: Callable[[], str]
) -> SafeString:
    """The HTML that `render` makes for this language and query, rendered at most once per
    catalogue version and worker."""
    return fragments.cached_html(SCOPE, (kind, language, query.urlencode()), render)


# A course's page, as every visitor without a session sees it.


def _course_scope(course_id: int) -> str:
    return f"catalog:course:{course_id}"


# Which course every visitor may see at each address, with its row: replaced with any course's
# page, which covers every change of a course's address, status or fields.
ADDRESSES_SCOPE = "catalog:addresses"


def course_page_changed(course_ids: Iterable[int]) -> None:
    """Show these courses' pages afresh on every next request."""
    for course_id in set(course_ids):
        fragments.changed(_course_scope(course_id))
    fragments.changed(ADDRESSES_SCOPE)


def visitors_course(slug: str, find: Callable[[], Course | None]) -> Course | None:
    """The course at `slug` that every visitor may see (None: none), as `find` reads it, kept
    until a course's page changes: its pages are then served without reading it."""
    return fragments.cached_value(ADDRESSES_SCOPE, (slug,), find)


def cached_course_html(
    course_id: int, parts: Iterable[str], render: Callable[[], str]
) -> SafeString:
    """The HTML that `render` makes of the course's page for these parts (a language), made at
    most once per version of the course and of the catalogue (which changes with its topics,
    organisations and translations) and worker."""
    return fragments.cached_html(_course_scope(course_id), (version(), *parts), render)


def cached_course_value(course_id: int, parts: Iterable[str], make: Callable[[], T]) -> T:
    """What `make` returns for these parts of the course (its lessons, say), made at most once
    per version of the course (not of the catalogue) and worker."""
    return fragments.cached_value(_course_scope(course_id), parts, make)


def course_page_shows(model: type[Model], course_of: Callable[[Any], int | None]) -> None:
    """Show the page of a course anew whenever a row of `model` is saved or deleted;
    `course_of(row)` names the course. Connected at start-up by the catalog for what the page
    itself shows and by each app whose answer to `hooks.course_links` depends on its rows."""

    def on_change(sender: Any, instance: Any, **kwargs: Any) -> None:
        course_id = course_of(instance)
        if course_id is not None:
            course_page_changed([course_id])

    name = f"course-page-{model._meta.label}"
    post_save.connect(on_change, sender=model, dispatch_uid=name, weak=False)
    post_delete.connect(on_change, sender=model, dispatch_uid=f"{name}-deleted", weak=False)


def _on_course_relations(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    # course.topics.add(…) sends the course; topic.courses.add(…) the topic and course ids.
    if not action.startswith("post_"):
        return
    if kwargs.get("reverse"):
        course_page_changed(kwargs.get("pk_set") or ())
    else:
        course_page_changed([instance.pk])


def connect() -> None:
    """Keep the course pages' versions up to date, whichever code path changes what they show:
    the course, its modules, lessons, their files and its published versions, its topics and
    organisations."""
    course_page_shows(Course, lambda course: course.pk)
    course_page_shows(Module, lambda module: module.course_id)
    course_page_shows(Lesson, _course_of_lesson)
    # Its versions: a learner's notice of what changed since (catalog.updates).
    course_page_shows(CourseVersion, lambda version: version.course_id)
    # Its lessons' files, listed on each lesson's page (catalog.queries.lesson_page).
    course_page_shows(LessonFile, _course_of_file)
    for through in (Course.topics.through, Course.organisations.through):
        m2m_changed.connect(
            _on_course_relations, sender=through, dispatch_uid=f"course-page-{through.__name__}"
        )


def _course_of_lesson(lesson: Lesson) -> int:
    return lesson.module.course_id


def _course_of_file(file: LessonFile) -> int | None:
    # Read by id: when the file goes with its lesson, the lesson may be gone already (its own
    # deletion has changed the course's version then).
    return (
        Lesson.objects.filter(pk=file.lesson_id).values_list("module__course_id", flat=True).first()
    )
