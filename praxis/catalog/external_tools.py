"""Lessons that open a partner's external tool by LTI 1.3: the launch a learner starts from the
lesson's page, and the lesson completed when the tool's score passes (the `tool_passed` hook)."""

from __future__ import annotations

import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from praxis.accounts.models import User
from praxis.catalog.listing import catalogue
from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.catalog.services import (
    complete_lesson,
    course_percent,
    current_enrolment,
    enrol,
    report_progress,
)
from praxis.core.errors import ErrorCode
from praxis.lti.errors import refused
from praxis.lti.hooks import ToolCourse
from praxis.lti.launching import LaunchContext, start_launch
from praxis.lti.models import ResourceLink


def launch_url(enrolment: Enrolment, lesson: Lesson) -> str:
    """Where the enrolled learner goes to open the lesson's tool: its OIDC login initiation."""
    if lesson.tool_link is None:
        raise refused(ErrorCode.LTI_NOT_A_TOOL_LESSON)
    course = enrolment.course
    return start_launch(
        enrolment.learner,
        lesson.tool_link,
        subject=lesson.uuid,
        context=LaunchContext(id=str(course.uuid), title=course.title, label=course.slug),
        locale=enrolment.learner.preferred_language,
        return_url=settings.SITE_URL + reverse("catalog:lesson", args=[course.slug, lesson.uuid]),
    )


def form_policy(link: ResourceLink) -> str:
    """The site's Content-Security-Policy, letting the launch form's redirect reach the tool's
    login initiation URL (browsers check a form's redirects against form-action)."""
    parts = urlsplit(link.tool.login_url)
    return settings.CONTENT_SECURITY_POLICY.replace(
        "form-action 'self'", f"form-action 'self' {parts.scheme}://{parts.netloc}"
    )


def complete_tool_lesson(*, learner: User, subject: uuid.UUID) -> None:
    """The tool passed the learner: the lesson is done, if they still follow its course."""
    lesson = (
        Lesson.objects.filter(uuid=subject, archived=False).select_related("module__course").first()
    )
    if lesson is not None and current_enrolment(learner, lesson.module.course) is not None:
        complete_lesson(learner, lesson)


def course_learners(*, context_id: str) -> set[int]:
    """The learners following the course whose UUID is `context_id`."""
    try:
        course = uuid.UUID(context_id)
    except ValueError:
        return set()
    return set(
        Enrolment.objects.filter(course__uuid=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values_list("learner_id", flat=True)
    )


def published_course(*, slug: str) -> ToolCourse | None:
    """The published course `slug`, as a learning platform may launch it."""
    course = Course.objects.filter(slug=slug, status=Course.Status.PUBLISHED).first()
    if course is None:
        return None
    return ToolCourse(
        uuid=course.uuid,
        slug=course.slug,
        title=course.title,
        url=reverse("catalog:course", args=[course.slug]),
    )


def course_choices(*, q: str, languages: list[str], limit: int) -> list[ToolCourse]:
    """The published courses a platform's instructor may add, as the catalogue finds them."""
    page = catalogue(languages, q=q, size=limit)
    return [
        ToolCourse(
            uuid=entry.course.uuid,
            slug=entry.course.slug,
            title=entry.course.title,
            url=reverse("catalog:course", args=[entry.course.slug]),
        )
        for entry in page.items
    ]


def enrol_launched(*, learner: User, course: uuid.UUID) -> None:
    """A learning platform launched `learner` into `course`: enrolled unless they follow it
    already; the platform hears of the progress they have there (once the launch commits)."""
    found = Course.objects.get(uuid=course)
    enrolment = current_enrolment(learner, found) or enrol(learner, found)
    enrolment.learner, enrolment.course = learner, found
    percent, _done, _total = course_percent(learner, found)
    if percent or enrolment.status == Enrolment.Status.COMPLETED:
        report_progress(enrolment, percent)
