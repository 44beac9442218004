"""Which version of a course a learner enrolled on and completed, and the notice of what changed
since, as the learner sees it on the course, lesson and "My learning" pages."""

from __future__ import annotations

import importlib
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Course, CourseVersion, Enrolment, Lesson, LessonProgress
from praxis.catalog.tests.factories import course_with_lessons
from praxis.catalog.versions import CourseContent, LessonContent, ModuleContent, publish_version
from praxis.credentials import courses as course_certificates

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db

fill = importlib.import_module("praxis.catalog.migrations.0005_enrolment_versions_existing")

WASH, GLOVES, MASKS, GOWNS = (uuid.uuid4() for _ in range(4))
NOTICE = "This course was updated since you enrolled"


def text(response: Response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def content(*lessons: tuple[uuid.UUID, str, str], title: str = "Hand hygiene") -> CourseContent:
    """The course with these (key, title, body) lessons in one module."""
    return CourseContent(
        title=title,
        summary="Clean hands save lives.",
        language="en",
        modules=[
            ModuleContent(
                title="Basics",
                lessons=[
                    LessonContent(key=key, title=name, body=body) for key, name, body in lessons
                ],
            )
        ],
    )


FIRST = content((WASH, "When to wash", "Before touching a patient."), (MASKS, "Masks", "Fit."))


@pytest.fixture
def course() -> Course:
    return publish_version(None, FIRST).course


@pytest.fixture
def learner(client: Client) -> User:
    user = UserFactory.create()
    client.force_login(user)
    return user


def publish_second(course: Course) -> CourseVersion:
    """Version 2: one lesson changed, one added, one removed."""
    return publish_version(
        course,
        content(
            (WASH, "When to wash", "Before and after touching a patient."),
            (GLOVES, "Gloves", "Gloves do not replace hand hygiene."),
        ),
    )


def course_page(client: Client, course: Course) -> str:
    return text(client.get(f"/courses/{course.slug}/"))


def got_it(client: Client, course: Course, version: object, **extra: object) -> Response:
    return client.post(
        f"/courses/{course.slug}/updates-seen/", {"version": version, **extra}, follow=True
    )


# What the enrolment records


def test_enrolling_records_the_current_version(course: Course) -> None:
    publish_second(course)
    enrolment = services.enrol(UserFactory.create(), course)
    version = Enrolment.objects.get(pk=enrolment.pk).version
    assert version is not None
    assert version.number == 2


def test_a_course_never_versioned_records_no_version() -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    enrolment = services.enrol(UserFactory.create(), course)
    assert enrolment.version is None


def test_completing_records_the_version_completed_and_tells_credentials(
    course: Course,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    told: list[int | None] = []

    def listen(learner: User, course: Course, version: int | None) -> None:
        told.append(version)

    monkeypatch.setattr(course_certificates, "course_completed", listen)
    learner = UserFactory.create()
    services.enrol(learner, course)
    publish_second(course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in Lesson.objects.filter(module__course=course, archived=False):
            services.complete_lesson(learner, lesson)
    enrolment = Enrolment.objects.get(learner=learner)
    assert enrolment.version is not None and enrolment.completed_version is not None
    assert (enrolment.version.number, enrolment.completed_version.number) == (1, 2)
    assert told == [2]


# The notice on the course and lesson pages


def test_a_new_version_shows_the_notice_with_what_changed(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    assert NOTICE not in course_page(client, course)
    publish_second(course)
    page = course_page(client, course)
    assert f"{NOTICE} (version 2)" in page
    assert "New lesson: <span" in page and ">Gloves</span>" in page
    assert "Updated lesson:" in page and ">When to wash</span>" in page
    assert "Removed lesson:" in page and ">Masks</span>" in page
    assert f'href="/courses/{course.slug}/versions/"' in page
    assert '<button type="submit" class="secondary">Got it' in page


def test_the_notice_costs_the_course_page_no_query_once_the_versions_are_kept(
    client: Client, learner: User, course: Course, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    publish_version(course, FIRST)
    # The updates changed the learner's unread notices: the header counts them once, here
    # (and the home page keeps the course's lessons and versions, which the course page then
    # reads kept).
    client.get("/")
    # as in test_course_page_queries_stay_fixed_for_a_learner but the lessons and the
    # versions, however many
    with django_assert_num_queries(9):
        response = client.get(f"/courses/{course.slug}/")
    assert f"{NOTICE} (version 3)" in text(response)


def test_the_lesson_page_shows_the_notice_too(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    page = text(client.get(f"/courses/{course.slug}/lessons/{GLOVES}/"))
    assert f"{NOTICE} (version 2)" in page
    assert f'name="next" value="/courses/{course.slug}/lessons/{GLOVES}/"' in page


def test_the_notice_merges_the_changes_of_every_version_in_between(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    publish_version(  # version 3: the new lesson changes again, and gowns come and go
        course,
        content(
            (WASH, "When to wash", "Before and after touching a patient."),
            (GLOVES, "Gloves and hands", "Change gloves between patients."),
            (GOWNS, "Gowns", "Soon."),
        ),
    )
    publish_version(
        course,
        content(
            (WASH, "When to wash", "Before and after touching a patient."),
            (GLOVES, "Gloves and hands", "Change gloves between patients."),
        ),
    )
    page = course_page(client, course)
    assert f"{NOTICE} (version 4)" in page
    assert page.count("New lesson:") == 1 and ">Gloves and hands</span>" in page
    assert "Gowns" not in page.split("Syllabus")[0]
    assert page.count("Removed lesson:") == 1


def test_the_notice_names_quiz_changes_as_quizzes(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    version = publish_second(course)
    version.changes = [
        *version.changes,
        {"kind": "added", "item": "quiz", "key": str(uuid.uuid4()), "title": "Check yourself"},
    ]
    version.save(update_fields=["changes"])
    notice = course_page(client, course).split("Got it")[0]
    assert "New quiz: <span" in notice and ">Check yourself</span>" in notice
    assert notice.count("New lesson:") == 1  # the gloves lesson only


def test_the_notice_lists_at_most_ten_changes(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    many = [(uuid.uuid4(), f"Extra lesson {n}", "Text.") for n in range(13)]
    publish_version(course, content((WASH, "When to wash", "Before touching a patient."), *many))
    page = course_page(client, course).split("Got it")[0]
    assert page.count("New lesson:") == 10
    assert "And 4 more changes." in page  # 13 added and the masks lesson removed


def test_a_learner_who_enrolled_on_the_newest_version_sees_no_notice(
    client: Client, learner: User, course: Course
) -> None:
    publish_second(course)
    services.enrol(learner, course)
    assert NOTICE not in course_page(client, course)


def test_visitors_and_learners_of_other_courses_see_no_notice(
    client: Client, course: Course
) -> None:
    publish_second(course)
    assert NOTICE not in course_page(client, course)
    client.force_login(UserFactory.create())
    assert NOTICE not in course_page(client, course)


# "Got it"


def test_got_it_hides_the_notice_and_can_be_sent_twice(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    response = got_it(client, course, 2, next=f"/courses/{course.slug}/")
    assert response.status_code == 200 and NOTICE not in text(response)
    assert "updated since you last looked" not in text(response)
    response = got_it(client, course, 2)
    assert response.status_code == 200 and "no such version" not in text(response)
    seen = Enrolment.objects.get(learner=learner).seen_version
    assert seen is not None
    assert seen.number == 2


def test_after_got_it_only_later_versions_are_listed(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    got_it(client, course, 2)
    publish_version(
        course,
        content(
            (WASH, "When to wash", "Before and after touching a patient."),
            (GLOVES, "Gloves", "Gloves do not replace hand hygiene."),
            (GOWNS, "Gowns", "When to wear one."),
        ),
    )
    page = course_page(client, course)
    assert "This course was updated since you last looked (version 3)" in page
    notice = page.split("Got it")[0]
    assert ">Gowns</span>" in notice and "Removed lesson:" not in notice


def test_got_it_for_an_older_version_does_not_bring_seen_changes_back(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    got_it(client, course, 2)
    got_it(client, course, 1)
    seen = Enrolment.objects.get(learner=learner).seen_version
    assert seen is not None
    assert seen.number == 2
    assert NOTICE not in course_page(client, course)


def test_got_it_returns_to_the_lesson_it_was_sent_from(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    lesson_url = f"/courses/{course.slug}/lessons/{GLOVES}/"
    response = client.post(
        f"/courses/{course.slug}/updates-seen/", {"version": 2, "next": lesson_url}
    )
    assert response.status_code == 302 and response["Location"] == lesson_url


def test_got_it_never_sends_the_learner_off_the_course(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    for elsewhere in ("https://evil.example/", "//evil.example/", "/courses/other/"):
        response = client.post(
            f"/courses/{course.slug}/updates-seen/", {"version": 1, "next": elsewhere}
        )
        assert response["Location"] == f"/courses/{course.slug}/"


@pytest.mark.parametrize("version", ["", "two", "99", "-1", "1.5"])
def test_got_it_with_a_version_the_course_does_not_have_says_so(
    client: Client, learner: User, course: Course, version: str
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    response = got_it(client, course, version)
    assert response.status_code == 200
    assert "This course has no such version." in text(response)
    assert f"{NOTICE} (version 2)" in text(response)
    assert Enrolment.objects.get(learner=learner).seen_version is None


def test_got_it_from_a_learner_not_enrolled_changes_nothing(client: Client, course: Course) -> None:
    other = UserFactory.create()
    services.enrol(other, course)
    publish_second(course)
    client.force_login(UserFactory.create())
    response = got_it(client, course, 2)
    assert response.status_code == 200
    assert "Enrol in this course to follow its lessons." in text(response)
    assert Enrolment.objects.get(learner=other).seen_version is None


def test_got_it_from_an_anonymous_visitor_asks_them_to_log_in(
    client: Client, course: Course
) -> None:
    services.enrol(UserFactory.create(), course)
    publish_second(course)
    response = client.post(f"/courses/{course.slug}/updates-seen/", {"version": 2})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not Enrolment.objects.filter(seen_version__isnull=False).exists()


def test_got_it_needs_a_post(client: Client, learner: User, course: Course) -> None:
    services.enrol(learner, course)
    assert client.get(f"/courses/{course.slug}/updates-seen/").status_code == 405


def test_got_it_on_an_unknown_course_is_not_found(client: Client, learner: User) -> None:
    assert client.post("/courses/no-such-course/updates-seen/", {"version": 1}).status_code == 404


# Completed lessons that changed


def test_a_completed_lesson_that_changed_is_marked(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    wash = Lesson.objects.get(uuid=WASH)
    services.complete_lesson(learner, wash)
    LessonProgress.objects.filter(lesson=wash).update(
        completed_at=timezone.now() - timedelta(days=1)
    )
    publish_second(course)
    page = course_page(client, course)
    assert page.count("changed since you completed it") == 1
    assert "changed since you completed it" in text(
        client.get(f"/courses/{course.slug}/lessons/{WASH}/")
    )
    assert "changed since you completed it" not in text(
        client.get(f"/courses/{course.slug}/lessons/{GLOVES}/")
    )


def test_a_lesson_completed_after_it_changed_is_not_marked(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    publish_second(course)
    services.complete_lesson(learner, Lesson.objects.get(uuid=WASH))
    assert "changed since you completed it" not in course_page(client, course)


# My learning


def test_my_learning_shows_the_version_enrolled_on_and_completed(
    client: Client, learner: User, course: Course
) -> None:
    services.enrol(learner, course)
    other = publish_version(None, content((GOWNS, "Gowns", "Text."), title="Gowns")).course
    publish_version(other, content((GOWNS, "Gowns", "Better text."), title="Gowns"))
    services.enrol(learner, other)
    services.complete_lesson(learner, Lesson.objects.get(uuid=GOWNS))
    page = text(client.get("/courses/my-learning/"))
    in_progress, completed = page.split('id="completed-title"')
    assert "Enrolled on version 1" in in_progress
    assert "version 2" in completed


def test_my_learning_names_no_version_for_a_course_without_versions(
    client: Client, learner: User
) -> None:
    services.enrol(learner, course_with_lessons(modules=1, lessons_per_module=1))
    assert "version" not in text(client.get("/courses/my-learning/")).lower().split("<main")[-1]


# The data migration


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 12, tzinfo=UTC)


VERSIONS = [(11, at(5)), (12, at(10)), (13, at(20))]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (at(1), 11),  # before the first version: the first
        (at(5), 11),  # at the moment a version was published: that one
        (at(15), 12),
        (at(25), 13),
    ],
)
def test_version_current_at_a_moment(moment: datetime, expected: int) -> None:
    assert fill.version_current_at(VERSIONS, moment) == expected


def test_version_current_at_a_moment_of_a_course_without_versions() -> None:
    assert fill.version_current_at([], at(1)) is None


def test_the_migration_fills_in_the_versions_of_existing_enrolments(course: Course) -> None:
    CourseVersion.objects.filter(course=course).update(published_at=at(5))
    second = publish_second(course)
    CourseVersion.objects.filter(pk=second.pk).update(published_at=at(10))
    early, late, unversioned = UserFactory.create(), UserFactory.create(), UserFactory.create()
    for learner in (early, late):
        services.enrol(learner, course)
    plain = course_with_lessons(modules=1, lessons_per_module=1)
    services.enrol(unversioned, plain)
    Enrolment.objects.filter(learner=early).update(
        created_at=at(1), status="completed", completed_at=at(12)
    )
    Enrolment.objects.filter(learner=late).update(created_at=at(7))
    Enrolment.objects.update(version=None, completed_version=None)

    fill.fill_versions(apps, None)

    rows = {
        e.learner_id: (
            e.version.number if e.version else None,
            e.completed_version.number if e.completed_version else None,
        )
        for e in Enrolment.objects.select_related("version", "completed_version")
    }
    assert rows == {early.pk: (1, 2), late.pk: (1, None), unversioned.pk: (None, None)}
