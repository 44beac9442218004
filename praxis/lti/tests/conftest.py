"""A pylti1p3 tool registered with Praxis, and a published course whose lesson opens it for
an enrolled learner."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import Client

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Course, Lesson
from praxis.catalog.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    LessonFactory,
    ModuleFactory,
)
from praxis.lti.models import ResourceLink
from praxis.lti.tests.factories import ResourceLinkFactory, ToolFactory
from praxis.lti.tests.tool import PyltiTool


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
