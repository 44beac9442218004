"""The review hand-off in a real browser, in English and Arabic: the author submits, the
reviewer sees the notice in the header's count and asks for changes with a comment on a lesson,
and the author sees the notice and the comment on the draft."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from conftest import assert_accessible
from praxis.accounts.models import User
from praxis.authoring import services
from praxis.authoring.tests.conftest import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act_as(page: Page, live_server: LiveServer, user: User, language: str) -> None:
    """Sign `user` in on `page` (and only them), with the interface in `language`."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {"name": cookie.key, "value": cookie.value, "url": live_server.url},
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )


def header_count(page: Page) -> str:
    link = page.locator("header a.notifications-link .count")
    return link.inner_text().split()[0] if link.count() else "0"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_changes_requested_reach_the_author_with_the_comment_beside_the_lesson(
    page: Page, live_server: LiveServer, team: Team, language: str
) -> None:
    draft_path = f"/authoring/drafts/{team.draft.uuid}/"
    act_as(page, live_server, team.author, language)
    page.goto(draft_path)
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    page.click("button[name=action][value=submit]")
    page.wait_for_selector("[role=status]")
    team.draft.refresh_from_db()
    assert team.draft.status == "in_review"
    services.assign_reviewer(team.draft, team.reviewer, team.staff)

    act_as(page, live_server, team.reviewer, language)
    page.goto("/")
    assert header_count(page) == "1"
    page.click("header a.notifications-link")
    assert_accessible(page)
    page.get_by_role("button", name="Mental health first aid").first.click()
    assert page.url.endswith(f"{draft_path}review/")
    lesson = team.lessons[1]
    page.fill(f"#lesson-{lesson.key}", "Cite the safe messaging guidelines.")
    page.click("button[name=decision][value=changes_requested]")
    assert page.url.endswith(draft_path)

    act_as(page, live_server, team.author, language)
    page.goto("/")
    assert header_count(page) == "1"
    page.click("header a.notifications-link")
    notice = page.locator("li.unread button[name=open]").first
    assert "Chen Li" in notice.inner_text() and "Mental health first aid" in notice.inner_text()
    notice.click()
    assert page.url.endswith(draft_path)
    assert header_count(page) == "0"  # opening the notice marked it read
    assert_accessible(page)
    beside = page.locator("ol li", has_text="Talking about suicide safely")
    assert "Cite the safe messaging guidelines." in beside.locator(".lesson-comments").inner_text()
