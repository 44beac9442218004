"""The community pages in a real browser: no script written by a member ever runs, drafts are
saved as one types, and the main pages pass axe in English and Arabic."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Dialog, Page
from pytest_django.live_server_helper import LiveServer

from conftest import assert_accessible
from praxis.accounts.models import User
from praxis.community.models import Draft, Post
from praxis.community.services import posting
from praxis.community.tests.conftest import Space

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOADS = "\n\n".join(
    [
        "<script>window.__xss = 1; alert('script')</script>",
        '<img src="x" onerror="window.__xss = 2; alert(\'img\')">',
        "[click me](javascript:window.__xss=3)",
        '<svg onload="window.__xss = 4"></svg>',
        '<a href="#" onmouseover="window.__xss = 5">hover</a>',
        '<iframe srcdoc="<script>parent.__xss = 6</script>"></iframe>',
        "<style>body { display: none }</style>",
        '<details open ontoggle="window.__xss = 7">x</details>',
        "Plain words after the payloads",
    ]
)


def log_in(page: Page, live_server: LiveServer, user: User) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


def test_no_html_or_script_in_a_post_runs_in_a_readers_browser(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    log_in(page, live_server, space.member)
    page.goto(f"/community/t/{space.thread.uuid}/")
    page.get_by_label("Your reply").fill(PAYLOADS)
    with page.expect_navigation():
        page.get_by_role("button", name="Post reply").click()
    assert Post.objects.filter(body=PAYLOADS).exists()
    page.get_by_text("Plain words after the payloads").wait_for()
    page.hover("text=hover")
    assert page.locator('a[href^="javascript"]').count() == 0
    page.get_by_text("click me").click()
    assert page.evaluate("window.__xss === undefined")
    assert dialogs == []
    assert page.locator(".post-body script, .post-body iframe, .post-body svg").count() == 0
    assert page.locator("body").is_visible()


def test_draft_is_saved_as_the_member_types(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    log_in(page, live_server, space.member)
    page.goto(f"/community/t/{space.thread.uuid}/")
    page.get_by_label("Your reply").press_sequentially("Half-written thought")
    page.get_by_text("Draft saved").wait_for()
    assert Draft.objects.get(user=space.member, thread=space.thread).body == "Half-written thought"
    page.reload()
    assert page.get_by_label("Your reply").input_value() == "Half-written thought"


def test_community_pages_are_accessible(page: Page, live_server: LiveServer, space: Space) -> None:
    posting.reply(space.moderator, space.thread, "@amina try **ethanol** 70 %")
    log_in(page, live_server, space.moderator)
    for path in (
        "/community/",
        f"/community/c/{space.community.slug}/",
        f"/community/t/{space.thread.uuid}/",
        f"/community/c/{space.community.slug}/moderation/",
        f"/community/c/{space.community.slug}/resources/",
        "/community/search/?q=alcohol",
    ):
        page.goto(path)
        assert_accessible(page)


def test_thread_and_notifications_are_accessible_in_arabic(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    posting.start_thread(
        space.member, space.community, title="نقص فرك الكحول", body="ماذا تستخدمون؟", language="ar"
    )
    log_in(page, live_server, space.member)
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}]
    )
    page.goto(f"/community/c/{space.community.slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="نقص فرك الكحول").click()
    assert_accessible(page)
    page.goto("/community/notifications/")
    assert_accessible(page)
