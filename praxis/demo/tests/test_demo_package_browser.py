"""The demo's content package: Priya, three lessons into the stewardship course, plays the
self-check as her next lesson; a wrong answer fails it, the right ones pass it, and the score
and the completed lesson reach the server."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import FrameLocator, Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import eventually, sign_in
from praxis.accounts.models import User
from praxis.catalog.models import Lesson, LessonProgress
from praxis.demo.packages import COURSE, QUESTIONS, TITLE
from praxis.packages.models import Attempt

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("package_origin"),
]


def _answer(check: FrameLocator, right: bool) -> None:
    for number, (_question, choices, answer) in enumerate(QUESTIONS, start=1):
        chosen = answer if right or number > 1 else (answer + 1) % len(choices)
        check.get_by_role("group", name=f"{number}.").get_by_label(choices[chosen]).check()
    check.get_by_role("button", name="Check my answers").click()


def test_priya_passes_the_demo_self_check_and_the_lesson_is_completed(
    page: Page, live_server: LiveServer
) -> None:
    call_command("load_demo", verbosity=0)
    priya = User.objects.get(email="priya@praxis.example")
    lesson = Lesson.objects.get(module__course__slug=COURSE, package__isnull=False)
    assert lesson.title == TITLE
    sign_in(page, live_server, priya)

    page.goto(f"/courses/{COURSE}/")
    page.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    check = page.frame_locator("iframe.package-frame").frame_locator("#content")

    _answer(check, right=False)
    expect(check.get_by_role("status")).to_contain_text("Your score: 67 %")
    eventually(lambda: Attempt.objects.filter(learner=priya, score_raw=67).exists())
    assert not LessonProgress.objects.filter(
        learner=priya, lesson=lesson, completed_at__isnull=False
    ).exists()

    _answer(check, right=True)
    expect(check.get_by_role("status")).to_contain_text("You passed")
    eventually(
        lambda: LessonProgress.objects.filter(
            learner=priya, lesson=lesson, completed_at__isnull=False
        ).exists()
    )
    attempt = Attempt.objects.get(learner=priya)
    assert attempt.score_raw == 100
