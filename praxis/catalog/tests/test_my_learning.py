"""A learner's own learning: each person's own state, the course as it is now, and a query
for the enrolments that reads nothing but the learner's own rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import queries, services
from praxis.catalog.models import Enrolment, Lesson
from praxis.catalog.tests.factories import course_with_lessons

pytestmark = pytest.mark.django_db


def test_the_enrolments_are_read_without_their_courses_once_the_courses_are_kept() -> None:
    learner = UserFactory.create()
    for _ in range(3):
        services.enrol(learner, course_with_lessons())
    queries.my_learning(learner)  # each course's row and lessons are kept from here on
    with CaptureQueriesContext(connection) as read:
        learning = queries.my_learning(learner)
    enrolments = [query["sql"] for query in read if '"catalog_enrolment"' in query["sql"]]
    assert len(enrolments) == 1
    assert '"catalog_course"' not in enrolments[0] and "ORDER BY" not in enrolments[0]
    assert len(learning.in_progress) == 3


def test_the_most_recent_activity_comes_first_and_courses_never_opened_last() -> None:
    learner = UserFactory.create()
    now = timezone.now()
    for slug, active in (("idle", None), ("older", 2), ("newer", 1), ("idle-too", None)):
        services.enrol(learner, course_with_lessons(slug=slug))
        moment = None if active is None else now - timedelta(days=active)
        Enrolment.objects.filter(learner=learner, course__slug=slug).update(last_activity_at=moment)
    learning = queries.my_learning(learner)
    # Never opened: the latest enrolment first.
    assert [e.enrolment.course.slug for e in learning.in_progress] == [
        "newer",
        "older",
        "idle-too",
        "idle",
    ]


def test_a_course_renamed_shows_its_new_title_at_once(client: Client) -> None:
    learner = UserFactory.create()
    course = course_with_lessons(slug="renamed", title="Old title")
    services.enrol(learner, course)
    client.force_login(learner)
    assert "Old title" in client.get("/courses/my-learning/").content.decode()
    course.title = "New title"
    course.save()
    page = client.get("/courses/my-learning/").content.decode()
    assert "New title" in page and "Old title" not in page


def test_each_learner_sees_only_their_own_progress_in_the_same_course(client: Client) -> None:
    course = course_with_lessons(slug="shared", modules=1, lessons_per_module=4)
    first, second = UserFactory.create(), UserFactory.create()
    for learner in (first, second):
        services.enrol(learner, course)
    lessons = list(Lesson.objects.filter(module__course=course))
    for lesson in lessons[:3]:
        services.complete_lesson(first, lesson)
    client.force_login(first)
    assert "3 of 4 lessons done" in client.get("/courses/my-learning/").content.decode()
    client.force_login(second)
    page = client.get("/courses/my-learning/").content.decode()
    assert "0 of 4 lessons done" in page and "3 of 4" not in page
    services.withdraw(second, course)
    client.force_login(first)
    page = client.get("/courses/my-learning/").content.decode()
    assert "3 of 4 lessons done" in page and "Earlier" not in page
