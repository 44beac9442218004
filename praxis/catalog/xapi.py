"""The xAPI statements of learning in a course: stable activity IRIs and the statements' shapes.

Services call these inside their own transaction, so a statement exists exactly when the change
it describes does.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings

from praxis.catalog.models import Course, Enrolment, Lesson
from praxis.lrs.services import account_agent, activity, language_tag, record
from praxis.lrs.vocabulary import (
    ACTIVITY_COURSE,
    ACTIVITY_LESSON,
    EXTENSION_PROGRESS,
    VERB_COMPLETED,
    VERB_EXITED,
    VERB_LAUNCHED,
    VERB_PROGRESSED,
    VERB_REGISTERED,
)

# On a statement recorded on a device without a connection: the number of the course version the
# device held, so that the statement names the content the learner saw.
EXTENSION_COURSE_VERSION = f"{settings.SITE_URL}/xapi/extensions/course-version"


def course_activity_id(course: Course) -> str:
    return f"{settings.SITE_URL}/xapi/activities/course/{course.uuid}"


def lesson_activity_id(lesson: Lesson) -> str:
    return f"{settings.SITE_URL}/xapi/activities/lesson/{lesson.uuid}"


def course_activity(course: Course) -> dict[str, Any]:
    return activity(
        course_activity_id(course), ACTIVITY_COURSE, {language_tag(course.language): course.title}
    )


def lesson_activity(lesson: Lesson, course: Course) -> dict[str, Any]:
    return activity(
        lesson_activity_id(lesson), ACTIVITY_LESSON, {language_tag(course.language): lesson.title}
    )


def iso_duration(elapsed: timedelta) -> str:
    """An ISO 8601 duration in hours, minutes and seconds, e.g. "PT26H3M4S"."""
    seconds = max(0, int(elapsed.total_seconds()))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"PT{hours}H{minutes}M{seconds}S"


def _actor(enrolment: Enrolment) -> dict[str, Any]:
    learner = enrolment.learner
    return account_agent(str(learner.uuid), learner.full_name)


def _context(enrolment: Enrolment, *, parent: Course | None = None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "registration": str(enrolment.registration),
        "platform": settings.SITE_NAME,
        "language": language_tag(enrolment.course.language),
    }
    if parent is not None:
        context["contextActivities"] = {"parent": [course_activity(parent)]}
    return context


def registered(enrolment: Enrolment) -> None:
    record(
        _actor(enrolment),
        VERB_REGISTERED,
        course_activity(enrolment.course),
        context=_context(enrolment),
    )


def launched(enrolment: Enrolment) -> None:
    record(
        _actor(enrolment),
        VERB_LAUNCHED,
        course_activity(enrolment.course),
        context=_context(enrolment),
    )


def progressed(
    enrolment: Enrolment,
    lesson: Lesson,
    percent: int,
    *,
    offline: tuple[uuid.UUID, datetime, int | None] | None = None,
) -> None:
    """The learner finished `lesson`; `offline` is (statement id, time, course version seen)
    when the learner did so on a device without a connection."""
    course = enrolment.course
    context = _context(enrolment, parent=course)
    statement_id = timestamp = None
    if offline is not None:
        statement_id, timestamp, version = offline
        if version is not None:
            context["extensions"] = {EXTENSION_COURSE_VERSION: version}
    record(
        _actor(enrolment),
        VERB_PROGRESSED,
        lesson_activity(lesson, course),
        result={"extensions": {EXTENSION_PROGRESS: percent}},
        context=context,
        timestamp=timestamp,
        statement_id=statement_id,
    )


def completed(enrolment: Enrolment, elapsed: timedelta) -> None:
    record(
        _actor(enrolment),
        VERB_COMPLETED,
        course_activity(enrolment.course),
        result={"completion": True, "duration": iso_duration(elapsed)},
        context=_context(enrolment),
    )


def exited(enrolment: Enrolment) -> None:
    record(
        _actor(enrolment),
        VERB_EXITED,
        course_activity(enrolment.course),
        context=_context(enrolment),
    )
