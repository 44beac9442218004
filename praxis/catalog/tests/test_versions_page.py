"""A course's versions page, for a course published before its versions were recorded (as the
catalogue's own courses are) and for one published through versions from the start."""

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.formats import date_format

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import course_with_lessons
from praxis.catalog.versions import (
    CourseContent,
    LessonContent,
    ModuleContent,
    is_first_publication,
    publish_version,
)
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _versions_page(client: Client, course: Course) -> str:
    return client.get(f"/courses/{course.slug}/versions/").content.decode()


def _content(course: Course, *, changed_title: str) -> CourseContent:
    """The course as it is, its first lesson retitled."""
    lessons = list(course.modules.get().lessons.all())
    return CourseContent(
        title=course.title,
        summary=course.summary,
        language=course.language,
        modules=[
            ModuleContent(
                title="Module 1",
                module_id=course.modules.get().pk,
                lessons=[
                    LessonContent(
                        key=lesson.uuid,
                        title=changed_title if n == 0 else lesson.title,
                        body=lesson.body,
                    )
                    for n, lesson in enumerate(lessons)
                ],
            )
        ],
    )


@pytest.fixture
def course_before_versions() -> Course:
    """A course published, weeks ago, without recorded versions."""
    return course_with_lessons(
        modules=1, lessons_per_module=2, published_at=timezone.now() - timedelta(days=30)
    )


def test_a_course_published_before_versions_says_it_has_had_one_since(
    client: Client, course_before_versions: Course
) -> None:
    page = _versions_page(client, course_before_versions)
    assert course_before_versions.published_at is not None
    day = date_format(timezone.localtime(course_before_versions.published_at), "DATE_FORMAT")
    assert f"This course has had one version since it was published on {day}." in page
    assert "This course has no recorded versions." not in page


def test_its_first_recorded_version_lists_what_changed_and_tells_its_learners(
    client: Client, course_before_versions: Course
) -> None:
    learner = UserFactory.create()
    services.enrol(learner, course_before_versions)
    version = publish_version(
        course_before_versions, _content(course_before_versions, changed_title="Why it matters")
    )
    assert version.number == 1 and not is_first_publication(version)
    assert [change["kind"] for change in version.changes] == ["changed"]
    assert Notice.objects.filter(person=learner).exists()
    page = _versions_page(client, course_before_versions)
    assert "Updated lesson:" in page and "Why it matters" in page
    assert "First published version." not in page
    assert "before its versions were recorded." in page


def test_a_course_published_through_versions_from_the_start_names_its_first_version(
    client: Client,
) -> None:
    version = publish_version(
        None,
        CourseContent(
            title="Hand hygiene",
            summary="Clean hands.",
            language="en",
            modules=[
                ModuleContent(
                    title="Basics", lessons=[LessonContent(key=uuid.uuid4(), title="A", body="B")]
                )
            ],
        ),
    )
    assert is_first_publication(version) and version.changes == []
    page = _versions_page(client, version.course)
    assert "First published version." in page
    assert "before its versions were recorded" not in page


def test_the_french_heading_quotes_a_title_that_begins_with_a_vowel(client: Client) -> None:
    # "Versions de Accouchement" would need an elision French cannot make around a
    # placeholder; the title is quoted instead.
    course = course_with_lessons(modules=1, lessons_per_module=1, title="Accouchement")
    page = client.get(f"/courses/{course.slug}/versions/", HTTP_ACCEPT_LANGUAGE="fr").content
    assert "Versions de «\u00a0Accouchement\u00a0»" in page.decode()
