"""The review hand-off in a real browser, in English and Arabic: the author submits, the
reviewer sees the notice in the header's count and asks for changes with a comment on a lesson,
and the author sees the notice and the comment on the draft; re-submitted, the draft goes back
to the same reviewer, as the staff's review queue shows."""

import pytest
from playwright.sync_api import Page
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.accounts.models import User
from praxis.authoring import services
from praxis.authoring.tests.conftest import Team

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def act_as(page: Page, live_server: LiveServer, user: User, language: str) -> None:
    """Sign `user` in on `page` (and only them), with the interface in `language`."""
    page.context.clear_cookies()
    sign_in(page, live_server, user, language)


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
    page.wait_for_selector("[role=status] .messages")
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
    page.fill(f"#id_lesson-{lesson.key}", "Cite the safe messaging guidelines.")
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

    page.click("button[name=action][value=submit]")
    page.wait_for_selector("[role=status] .messages")
    act_as(page, live_server, team.reviewer, language)
    page.goto("/")
    assert header_count(page) == "1", "the reviewer is asked again, without staff"
    act_as(page, live_server, team.staff, language)
    page.goto("/")
    page.locator("details.menu summary").click()
    with page.expect_navigation():
        page.locator("details.menu a[href='/authoring/review-queue/']").click()
    row = page.locator("main tbody tr", has_text="Mental health first aid")
    assert row.locator("td").first.inner_text().strip() == "2"
    assert "Chen Li" in row.inner_text()
    assert_accessible(page)
