from __future__ import annotations

from typing import Any

import pytest
from django.test import override_settings

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import CourseFactory, LessonFactory, ModuleFactory
from praxis.credentials.models import Credential, CreditSystem
from praxis.credentials.services import generate_signing_key
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_its_certificate_once(
    django_capture_on_commit_callbacks: Any,
) -> None:
    course = CourseFactory(title="Cholera case management")
    course.organisations.add(OrganisationFactory(name="Institut Pasteur de Dakar"))
    lesson = LessonFactory(module=ModuleFactory(course=course))
    learner = UserFactory()
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
    django_capture_on_commit_callbacks: Any, caplog: Any
) -> None:
    generate_signing_key()
    course = CourseFactory()
    lesson = LessonFactory(module=ModuleFactory(course=course))
    learner = UserFactory()
    catalog.enrol(learner, course)
    # The stored private key was encrypted under another SECRET_KEY: it cannot sign.
    with override_settings(SECRET_KEY="changed"), django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, lesson)
    assert learner.enrolments.get().status == "completed"
    assert not Credential.objects.exists()
    assert "could not issue the course certificate" in caplog.text


def test_certificate_is_issued_without_credits_when_the_credit_system_is_gone(
    django_capture_on_commit_callbacks: Any,
) -> None:
    CreditSystem.objects.filter(code="cpd-hours").delete()
    course = CourseFactory()
    lesson = LessonFactory(module=ModuleFactory(course=course))
    learner = UserFactory()
    catalog.enrol(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        catalog.complete_lesson(learner, lesson)
    credential = Credential.objects.get(learner=learner)
    assert not credential.cpd_activities.exists()
