"""A pylti1p3 tool registered with Praxis, and a published course whose lesson opens it for
an enrolled learner; an lti1p3platform learning platform registered with Praxis, and a
published course it launches."""

from __future__ import annotations

import urllib.request
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    LessonFactory,
    ModuleFactory,
)
from praxis.lti.models import Platform, ResourceLink
from praxis.lti.tests.factories import ResourceLinkFactory, ToolFactory
from praxis.lti.tests.lms import Lms
from praxis.lti.tests.tool import PyltiTool
from praxis.lti.tool_side import http


@dataclass
class Placement:
    tool: PyltiTool
    link: ResourceLink
    course: Course
    lesson: Lesson
    other_lesson: Lesson
    learner: User
    browser: Client


@pytest.fixture
def pylti_tool() -> PyltiTool:
    tool = PyltiTool.new()
    tool.registration = ToolFactory.create(public_key=tool.public_pem)
    return tool


@pytest.fixture
def placement(pylti_tool: PyltiTool) -> Placement:
    assert pylti_tool.registration is not None
    link = ResourceLinkFactory.create(tool=pylti_tool.registration, pass_mark=80)
    course = CourseFactory.create(title="Sepsis in the emergency room")
    module = ModuleFactory.create(course=course, position=0)
    lesson = LessonFactory.create(module=module, position=0, tool_link=link, title="Triage")
    other = LessonFactory.create(module=module, position=1, title="Reading")
    learner = UserFactory.create(full_name="Amina Diallo", preferred_language="fr")
    EnrolmentFactory.create(learner=learner, course=course)
    browser = Client()
    browser.force_login(learner)
    return Placement(pylti_tool, link, course, lesson, other, learner, browser)


@pytest.fixture
def lms(monkeypatch: pytest.MonkeyPatch) -> Lms:
    """A learning platform built with lti1p3platform; Praxis's calls to it stay in-process."""
    platform = Lms.new()
    monkeypatch.setattr(http, "opener", urllib.request.build_opener(platform.handler()))
    return platform


@dataclass
class Offered:
    """A registered learning platform and the published course it launches."""

    lms: Lms
    platform: Platform
    course: Course
    lessons: list[Lesson]
    target: str


@pytest.fixture
def offered(lms: Lms) -> Offered:
    platform = lms.register_in_praxis()
    course = CourseFactory.create(title="Sepsis in the emergency room", slug="sepsis-er")
    module = ModuleFactory.create(course=course, position=0)
    lessons = [
        LessonFactory.create(module=module, position=position, title=title)
        for position, title in enumerate(["Recognise", "Resuscitate", "Refer"])
    ]
    target = settings.SITE_URL + reverse("catalog:course", args=[course.slug])
    return Offered(lms, platform, course, lessons, target)
