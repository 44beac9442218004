"""A course's page, and a lesson's, in two parts: what every reader of a language sees (its
header, the section about it, its syllabus, the links other apps offer to all), rendered once
per version of the course and of the catalogue (catalog.cache); and the reader's own part
(their enrolment, progress, next lesson, the links offered to them, which lessons they
completed), rendered for each request into the shared part's slots
(`praxis.core.fragments.fill_slots`). A lesson's page likewise: its text, video, files and
neighbours once per version of the course, language and lesson shown; the reader's notice of
changes, "done", preview notice, completion form, progress and links in its slots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from praxis.accounts import data_saver
from praxis.catalog import hooks as catalog_hooks
from praxis.catalog.about import course_about
from praxis.catalog.cache import cached_course_html, cached_course_value
from praxis.catalog.models import Course, Lesson
from praxis.catalog.queries import CourseProgress, LessonPage, ModuleOutline
from praxis.catalog.updates import CourseUpdates
from praxis.core import fragments

YOUR_LEARNING = "your-learning"


def shared_parts(
    request: HttpRequest, course: Course, modules: list[ModuleOutline], *, linked: bool
) -> tuple[SafeString, SafeString]:
    """The page every reader of the language sees, as the part before the reader's own section
    and the part after it (its lessons' slots still empty: `lesson_states`). `linked`: the
    syllabus links each lesson (for its learners and staff)."""
    language = get_language() or "en"
    context = {
        "course": course,
        "modules": modules,
        "linked": linked,
        "LANGUAGE_CODE": language,
    }
    if data_saver.is_on(request):
        # Whether the course's image is held back is this reader's choice: rendered for them.
        text = render_to_string(
            "catalog/_course_shared.html",
            {**context, "about": course_about(course)},
            request,
        )
    else:
        text = cached_course_html(
            course.pk,
            ["body", language, "linked" if linked else "plain"],
            lambda: render_to_string(
                "catalog/_course_shared.html", {**context, "about": course_about(course)}
            ),
        )
    before, _slot, after = text.partition(fragments.slot(YOUR_LEARNING))
    return SafeString(before), SafeString(after)


def lesson_states(progress: CourseProgress | None, updates: CourseUpdates) -> dict[str, str]:
    """What the syllabus says after each lesson for this reader: done, and changed since."""
    if progress is None or not progress.completed_ids:
        return {}
    done = format_html('<span class="done">· {}</span>', _("done"))
    changed = format_html(' <span class="muted">· {}</span>', _("changed since you completed it"))
    changed_ids = updates.changed_since_completed
    return {
        f"lesson-{lesson_id}": done + (changed if lesson_id in changed_ids else "")
        for lesson_id in progress.completed_ids
    }


def shared_links(course: Course) -> list[tuple[str, str]]:
    """The (label, URL) links other apps offer every reader of the course's page (its quizzes,
    its rating), asked once per version of the course and language."""

    def ask() -> list[tuple[str, str]]:
        answers = catalog_hooks.shared_course_links.ask(course=course)
        return [(str(label), url) for label, url in (answer for answer in answers if answer)]

    return cached_course_value(course.pk, ["links", get_language() or "en"], ask)


def lesson_html(
    request: HttpRequest,
    page: LessonPage,
    content: Lesson,
    player: Callable[[], Any],
    own: dict[str, Any],
) -> SafeString:
    """The body of a lesson's page: the part every reader sees, with the reader's own parts
    (`own`: the notice of changes, preview, links, package player) put in its slots. The shared
    part is kept when it is the same for every reader: a lesson of text or video (not a
    package's player or an external tool's form), the data saver off, and no query string (a
    recording chosen, a picture shown). `player`: makes the lesson's video player."""
    language = get_language() or "en"
    lesson = page.lesson
    # What every reader sees: nothing of this reader's progress.
    shared_page = replace(page, progress=None, completed=False)
    context = {"page": shared_page, "content": content, "LANGUAGE_CODE": language}
    if (
        lesson.package_id is None
        and lesson.tool_link_id is None
        and not request.GET
        and not data_saver.is_on(request)
    ):
        shared = cached_course_html(
            page.course.pk,
            ["lesson", str(lesson.pk), str(content.pk), language],
            lambda: render_to_string(
                "catalog/_lesson_shared.html", {**context, "player": player()}
            ),
        )
    else:
        shared = SafeString(
            render_to_string(
                "catalog/_lesson_shared.html", {**context, **own, "player": player()}, request
            )
        )
    # Without the context processors (the layout has run them): only what these parts show.
    mine = render_to_string(
        "catalog/_lesson_own.html",
        {
            **own,
            "page": page,
            "content": content,
            "request": request,
            "csrf_token": get_token(request),
            "LANGUAGE_CODE": language,
        },
    )
    return fragments.fill_slots(shared, fragments.slot_values(mine))
