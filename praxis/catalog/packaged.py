"""Lessons played from content packages: the player a learner sees in the lesson's page, and
the lesson completed when the package says every SCO is done (the `package_completed` hook)."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.utils import translation

from praxis.catalog.models import Enrolment, Lesson
from praxis.catalog.services import complete_lesson
from praxis.catalog.xapi import lesson_activity_id
from praxis.core.people import Person
from praxis.packages.launch import launch


def player_url(enrolment: Enrolment, lesson: Lesson) -> str | None:
    """The package player for the enrolled learner, or None when the lesson has none to play."""
    package = lesson.package
    if package is None or not package.is_playable:
        return None
    return launch(
        enrolment.learner_id,
        package,
        subject=lesson.uuid,
        registration=str(enrolment.registration),
        parent=lesson_activity_id(lesson),
        language=enrolment.course.language,
        interface=translation.get_language(),
    )


def frame_policy() -> str:
    """The site's Content-Security-Policy, letting the page frame the package origin alone."""
    return f"{settings.CONTENT_SECURITY_POLICY}; frame-src 'self' {settings.PACKAGE_ORIGIN}"


def complete_packaged_lesson(*, learner: Person, subject: uuid.UUID) -> None:
    lesson = Lesson.objects.filter(uuid=subject, archived=False).select_related("module").first()
    if lesson is not None:
        complete_lesson(learner, lesson)
