"""A course of two lessons and a required quiz, a learner enrolled in it, and the statements
their device keeps offline, built as the device builds them."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Page
from pytest_django.live_server_helper import LiveServer

from accessibility import check_accessibility_on_load
from conftest import _wait_for_requests_in_flight
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.models import Quiz
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog import services as catalog
from praxis.catalog.content import render_markdown
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import LessonFileFactory, course_with_lessons, course_with_media
from praxis.catalog.xapi import EXTENSION_COURSE_VERSION, lesson_activity_id
from praxis.lrs.vocabulary import VERB_COMPLETED
from praxis.offline import bundles
from praxis.offline.sync import EXTENSION_ANSWERS, VERB_ATTEMPTED

RIGHT = "Before touching a patient"
WRONG = "Only after lunch"


@pytest.fixture
def course() -> Course:
    course = course_with_lessons(modules=1, lessons_per_module=2, title="Hand hygiene")
    quiz_with([choice_question()], course=course, required_for_completion=True)
    return course


CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:04.000\nLave-toi les mains : trente secondes.\n"


@pytest.fixture
def media_course() -> Course:
    """A course with everything a download fetches: its image, and a lesson with a picture in
    its text, a caption track, a file attached in co-creation (linked from the text) and one
    uploaded beside it."""
    course, lesson = course_with_media("Clean hands")
    LessonFileFactory.create(lesson=lesson, title="Poster", size=0)
    key = uuid.uuid4()
    LessonFileFactory.create(
        lesson=lesson,
        title="Checklist",
        key=key,
        content_type="application/pdf",
        file__data=b"%PDF-1.4 " + b"checklist " * 400,
    )
    lesson.captions = [{"language": "fr", "vtt": CAPTIONS}]
    lesson.body += f"\n[The checklist](/courses/files/{key}/)\n"
    lesson.body_html = render_markdown(lesson.body)
    lesson.save()
    return course


@pytest.fixture
def phone(chromium: Browser, live_server: LiveServer) -> Iterator[BrowserContext]:
    """A second browser, the learner's phone: closed after the test whatever its outcome, once
    the requests it left running are answered, so that none meets the next test's data.

    axe-core checks every HTML page its tabs load, online or not; the test fails on any WCAG
    2.1 A/AA violation found on any of them."""
    context = chromium.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(30_000)
    found: list[str] = []
    checks: list[tuple[Page, Callable[[Page], None]]] = []
    context.on("page", lambda tab: checks.append((tab, check_accessibility_on_load(tab, found))))
    yield context
    for tab, check in checks:
        if not tab.is_closed():
            check(tab)  # the page the test ended on, as it ended
    context.close()
    _wait_for_requests_in_flight()
    assert not found, "Accessibility violations:\n" + "\n".join(found)


@pytest.fixture
def learner(course: Course) -> User:
    learner = UserFactory.create(full_name="Amina Yusuf")
    catalog.enrol(learner, course)
    return learner


def lessons_of(course: Course) -> list[Lesson]:
    return list(Lesson.objects.filter(module__course=course).order_by("position"))


def lesson_done(lesson: Lesson, at: datetime | None = None, version: int = 0) -> dict[str, Any]:
    """The statement a device keeps when the learner finishes a lesson offline."""
    return {
        "id": str(uuid.uuid4()),
        "verb": {"id": VERB_COMPLETED},
        "object": {"id": lesson_activity_id(lesson)},
        "timestamp": (at or timezone.now() - timedelta(minutes=5)).isoformat(),
        "context": {"extensions": {EXTENSION_COURSE_VERSION: version}},
    }


@pytest.fixture
def quiz_answered(course: Course) -> Callable[..., dict[str, Any]]:
    """The statement a device keeps when `learner` answers the course's quiz offline, choosing
    the option shown with `text` in their bundle."""

    def answer(learner: User, text: str = RIGHT, at: datetime | None = None) -> dict[str, Any]:
        bundle = bundles.course_bundle(learner, course).data
        quiz = bundle["quizzes"][0]
        question = quiz["questions"][0]
        token = next(option["token"] for option in question["options"] if option["text"] == text)
        return {
            "id": str(uuid.uuid4()),
            "verb": {"id": VERB_ATTEMPTED},
            "object": {"id": quiz["activity"]},
            "timestamp": (at or timezone.now() - timedelta(minutes=1)).isoformat(),
            "result": {"extensions": {EXTENSION_ANSWERS: {question["uuid"]: token}}},
        }

    return answer


def the_quiz(course: Course) -> Quiz:
    return Quiz.objects.get(course=course)
