"""A package's lesson opened in the browser by an enrolled learner, for the player's browser
tests."""

from __future__ import annotations

import io
from dataclasses import dataclass

from playwright.sync_api import FrameLocator, Page
from pytest_django.live_server_helper import LiveServer

from conftest import sign_in
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Lesson
from praxis.catalog.services import enrol
from praxis.catalog.tests.factories import LessonFactory
from praxis.packages.models import Package
from praxis.packages.services import import_package


@dataclass(frozen=True)
class Opened:
    package: Package
    lesson: Lesson
    learner: User


def sco_frame(page: Page) -> FrameLocator:
    """The frame the SCO runs in, inside the player's."""
    return page.frame_locator("iframe.package-frame").frame_locator("#content")


def open_as_learner(
    page: Page, live_server: LiveServer, content: bytes, title: str, learner_name: str = ""
) -> Opened:
    """Import `content`, make it the lesson `title` of a course, enrol a learner, sign them in
    and open the lesson."""
    package = import_package(io.BytesIO(content), by=None)
    lesson = LessonFactory.create(package=package, title=title)
    learner = UserFactory.create(**({"full_name": learner_name} if learner_name else {}))
    enrol(learner, lesson.module.course)
    sign_in(page, live_server, learner)
    page.goto(f"/courses/{lesson.module.course.slug}/lessons/{lesson.uuid}/")
    return Opened(package, lesson, learner)
