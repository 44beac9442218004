from __future__ import annotations

import uuid

import pytest
from django.conf import settings
from django.test import Client, override_settings
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services as catalog
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import CourseFactory, LessonFactory, ModuleFactory
from praxis.catalog.versions import CourseContent, LessonContent, ModuleContent, publish_version
from praxis.credentials.models import Credential, CreditSystem
from praxis.credentials.services import generate_signing_key
from praxis.credentials.verification import verify
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_its_certificate_once(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    course = CourseFactory.create(title="Cholera case management")
    course.organisations.add(OrganisationFactory.create(name="Institut Pasteur de Dakar"))
    lesson = LessonFactory.create(module=ModuleFactory.create(course=course))
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, lesson)
    with django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, lesson)
    credential = Credential.objects.get(learner=learner)
    assert credential.achievement.name == "Cholera case management"
    achievement = credential.document["credentialSubject"]["achievement"]
    assert achievement["creator"]["name"] == "Institut Pasteur de Dakar"
    assert {line.system.code for line in credential.cpd_activities.all()} == {"cpd-hours"}


def test_completion_stands_when_the_certificate_cannot_be_issued(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    caplog: pytest.LogCaptureFixture,
) -> None:
    generate_signing_key()
    course = CourseFactory.create()
    lesson = LessonFactory.create(module=ModuleFactory.create(course=course))
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    # The stored private key was encrypted under another SECRET_KEY: it cannot sign.
    with override_settings(SECRET_KEY="changed"), django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, lesson)
    assert learner.enrolments.get().status == "completed"
    assert not Credential.objects.exists()
    assert "could not issue the course certificate" in caplog.text


def test_certificate_is_issued_without_credits_when_the_credit_system_is_gone(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    CreditSystem.objects.filter(code="cpd-hours").delete()
    course = CourseFactory.create()
    lesson = LessonFactory.create(module=ModuleFactory.create(course=course))
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, lesson)
    credential = Credential.objects.get(learner=learner)
    assert not credential.cpd_activities.exists()


def _versioned_course(body: str, course: Course | None = None) -> Course:
    lesson = LessonContent(key=KEY, title="Oral rehydration", body=body)
    content = CourseContent(
        title="Cholera case management",
        summary="Treat cholera.",
        language="en",
        modules=[ModuleContent(title="Treatment", lessons=[lesson])],
    )
    return publish_version(course, content).course


KEY = uuid.UUID("0b7e5c1e-4a52-4d43-9d4f-6f1c1f2a0c11")


def test_the_certificate_names_the_course_version_it_was_earned_on(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    course = _versioned_course("Give ORS.")
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    _versioned_course("Give ORS early.", course)
    with django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, Lesson.objects.get(uuid=KEY))
    credential = Credential.objects.get(learner=learner)
    assert credential.achievement_version == "2"
    assert credential.document["credentialSubject"]["achievement"]["version"] == "2"
    assert verify(credential.document).valid
    page = client.get(f"/credentials/{credential.uuid}").content.decode()
    link = f"{settings.SITE_URL}/courses/{course.slug}/versions/2/"
    assert f'<a href="{link}">Earned on version 2 of the course</a>' in page


def test_a_certificate_for_a_course_without_versions_names_none(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    course = CourseFactory.create()
    lesson = LessonFactory.create(module=ModuleFactory.create(course=course))
    learner = UserFactory.create()
    catalog.enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, lesson)
    credential = Credential.objects.get(learner=learner)
    assert credential.achievement_version == ""
    assert "version" not in credential.document["credentialSubject"]["achievement"]
    assert "Earned on version" not in client.get(f"/credentials/{credential.uuid}").content.decode()
