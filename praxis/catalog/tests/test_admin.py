"""The back office: publishing through the service, lesson content sanitised and checked."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import StaffFactory
from praxis.catalog.listing import catalogue
from praxis.catalog.models import Course, Lesson, LessonFile, Module
from praxis.catalog.tests.factories import (
    CourseFactory,
    ModuleFactory,
    TopicFactory,
    course_with_lessons,
)
from praxis.lrs.models import Statement

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client: Client) -> Client:
    client.force_login(StaffFactory.create(is_superuser=True))
    return client


def lesson_form(module: Module, **changes: object) -> dict[str, object]:
    return {
        "module": module.pk,
        "position": 1,
        "title": "Alcohol-based hand rub",
        "body": "Rub **20 seconds** <script>steal()</script>",
        "video_url": "",
        "transcript": "",
        "estimated_minutes": 10,
        "files-TOTAL_FORMS": 1,
        "files-INITIAL_FORMS": 0,
        "files-MIN_NUM_FORMS": 0,
        "files-MAX_NUM_FORMS": 1000,
        "files-0-title": "",
        **changes,
    }


def test_publishing_from_the_back_office_indexes_the_course(staff_client: Client) -> None:
    course = CourseFactory.create(title="Oxygen therapy", status=Course.Status.DRAFT)
    response = staff_client.post(
        "/admin/catalog/course/",
        {"action": "publish", "_selected_action": [course.pk]},
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.status == Course.Status.PUBLISHED
    assert [e.course for e in catalogue("en", q="oxygen").items] == [course]


def test_archiving_from_the_back_office(staff_client: Client) -> None:
    course = CourseFactory.create()
    staff_client.post(
        "/admin/catalog/course/", {"action": "archive", "_selected_action": [course.pk]}
    )
    course.refresh_from_db()
    assert course.status == Course.Status.ARCHIVED


def test_the_course_page_opens_with_its_modules(staff_client: Client) -> None:
    course = course_with_lessons()
    response = staff_client.get(f"/admin/catalog/course/{course.pk}/change/")
    assert response.status_code == 200
    assert "Module 1" in response.content.decode()


def test_a_lesson_saved_in_the_back_office_is_sanitised(staff_client: Client) -> None:
    module = ModuleFactory.create()
    response = staff_client.post("/admin/catalog/lesson/add/", lesson_form(module))
    assert response.status_code == 302
    lesson = Lesson.objects.get(title="Alcohol-based hand rub")
    assert lesson.body_html == "<p>Rub <strong>20 seconds</strong> </p>"


def test_a_video_without_transcript_is_refused_in_the_back_office(staff_client: Client) -> None:
    module = ModuleFactory.create()
    response = staff_client.post(
        "/admin/catalog/lesson/add/", lesson_form(module, video_url="https://video.example.org/1")
    )
    assert response.status_code == 200
    assert "A video needs a transcript" in response.content.decode()
    assert not Lesson.objects.exists()


def test_a_file_over_the_limit_is_refused_in_the_back_office(
    staff_client: Client, settings: SettingsWrapper
) -> None:
    settings.LESSON_FILE_MAX_BYTES = 10
    module = ModuleFactory.create()
    upload = SimpleUploadedFile("big.pdf", b"x" * 11)
    response = staff_client.post(
        "/admin/catalog/lesson/add/",
        lesson_form(module, **{"files-0-title": "Big", "files-0-file": upload}),
    )
    assert response.status_code == 200
    assert "Files can be at most" in response.content.decode()
    assert not LessonFile.objects.exists()


def test_a_file_added_in_the_back_office_records_its_size(staff_client: Client) -> None:
    module = ModuleFactory.create()
    upload = SimpleUploadedFile("poster.pdf", b"x" * 300)
    staff_client.post(
        "/admin/catalog/lesson/add/",
        lesson_form(module, **{"files-0-title": "Poster", "files-0-file": upload}),
    )
    assert LessonFile.objects.get().size == 300


def test_lessons_cannot_be_deleted_only_archived(staff_client: Client) -> None:
    module = course_with_lessons().modules.first()
    assert module is not None
    lesson = module.lessons.first()
    assert lesson is not None
    assert staff_client.get(f"/admin/catalog/lesson/{lesson.pk}/delete/").status_code == 403
    staff_client.post(
        "/admin/catalog/lesson/", {"action": "archive", "_selected_action": [lesson.pk]}
    )
    lesson.refresh_from_db()
    assert lesson.archived


def test_enrolments_are_read_only_in_the_back_office(staff_client: Client) -> None:
    assert staff_client.get("/admin/catalog/enrolment/add/").status_code == 403
    assert staff_client.get("/admin/catalog/enrolment/").status_code == 200
    assert not Statement.objects.exists()


def test_reindex_courses_command_indexes_every_course(capsys: pytest.CaptureFixture[str]) -> None:
    CourseFactory.create(title="Mental health first aid")
    call_command("reindex_courses")
    assert "Courses indexed: 1" in capsys.readouterr().out
    assert len(catalogue("en", q="mental").items) == 1


def test_renaming_a_topic_in_the_back_office_makes_its_courses_findable_by_the_new_name(
    staff_client: Client,
) -> None:
    course = CourseFactory.create()
    topic = TopicFactory.create(slug="ipc", names={"en": "Infection control"})
    course.topics.add(topic)
    response = staff_client.post(
        f"/admin/catalog/topic/{topic.pk}/change/",
        {"slug": "ipc", "names": '{"en": "Infection control", "fr": "Lutte anti-infectieuse"}'},
    )
    assert response.status_code == 302
    assert [e.course for e in catalogue("en", q="anti-infectieuse").items] == [course]
