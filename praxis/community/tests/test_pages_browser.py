"""The community pages in a real browser: no script written by a member ever runs, drafts are
saved as one types, and the main pages pass axe in English and Arabic."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import in_language, sideways, sign_in
from praxis.community.models import Community, Draft, Post
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MemberProfileFactory

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


def test_no_html_or_script_in_a_post_runs_in_a_readers_browser(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    dialogs: list[str] = []

    def dismiss(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    sign_in(page, live_server, space.member)
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
    expect(page.locator("body")).to_be_visible()


def test_draft_is_saved_as_the_member_types(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    sign_in(page, live_server, space.member)
    page.goto(f"/community/t/{space.thread.uuid}/")
    page.get_by_label("Your reply").press_sequentially("Half-written thought")
    page.get_by_text("Draft saved").wait_for()
    assert Draft.objects.get(user=space.member, thread=space.thread).body == "Half-written thought"
    page.reload()
    assert page.get_by_label("Your reply").input_value() == "Half-written thought"


def test_community_pages_are_accessible(page: Page, live_server: LiveServer, space: Space) -> None:
    posting.reply(space.moderator, space.thread, "@amina try **ethanol** 70 %")
    sign_in(page, live_server, space.moderator)
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
    sign_in(page, live_server, space.member)
    in_language(page, live_server, "ar")
    page.goto(f"/community/c/{space.community.slug}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    page.get_by_role("link", name="نقص فرك الكحول").click()
    assert_accessible(page)
    page.goto("/community/notifications/")
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_member_finds_what_is_new_and_narrows_by_tag_on_a_phone(
    page: Page, live_server: LiveServer, space: Space, language: str
) -> None:
    posting.start_thread(
        space.member, space.community, title="Gloves", body="When?", tags="gloves, قفازات"
    )
    page.set_viewport_size({"width": 360, "height": 740})
    in_language(page, live_server, language)
    sign_in(page, live_server, space.moderator)
    page.goto(f"/community/c/{space.community.slug}/")
    threads = page.locator("ul.threads > li")
    assert threads.locator(".tag").count() == 2  # both threads are new to the moderator
    assert_accessible(page)
    assert sideways(page) <= 0
    with page.expect_navigation():
        page.locator("nav ul.meta a.tag", has_text="قفازات").click()
    assert threads.locator("a[dir=auto]").first.inner_text() == "Gloves"
    assert threads.count() == 1
    with page.expect_navigation():
        threads.locator("a[dir=auto]").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Gloves"
    page.goto(f"/community/c/{space.community.slug}/?order=new")
    assert [t.strip() for t in threads.locator("a[dir=auto]").all_inner_texts()] == [
        "Alcohol rub shortages"
    ]
    assert_accessible(page)


def test_a_moderator_invites_and_the_invited_member_accepts(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    Community.objects.filter(pk=space.community.pk).update(access=Community.Access.INVITATION)
    guest = MemberProfileFactory.create(handle="zainab").user
    sign_in(page, live_server, space.moderator)
    page.goto(f"/community/c/{space.community.slug}/moderation/")
    page.get_by_label("Member's handle or account e-mail").fill("@zainab")
    with page.expect_navigation():
        page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text("@zainab")).to_have_count(1)
    assert_accessible(page)
    page.context.clear_cookies()
    sign_in(page, live_server, guest)
    page.goto("/notifications/")
    with page.expect_navigation():
        page.get_by_role(
            "button", name=f"{space.moderator.full_name} invited you to join {space.community.name}"
        ).first.click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Accept the invitation").click()
    expect(page.get_by_text("Welcome! You are now a member of this community.")).to_be_visible()
    expect(page.get_by_role("link", name="Alcohol rub shortages")).to_be_visible()


def test_mentions_are_completed_from_the_keyboard(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    sign_in(page, live_server, space.moderator)
    page.goto(f"/community/t/{space.thread.uuid}/")
    box = page.get_by_label("Your reply")
    box.press_sequentially("Thanks @ami")
    option = page.get_by_role("option", name="@amina")
    expect(option).to_have_attribute("aria-selected", "true")
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    assert_accessible(page)
    box.press("Enter")
    expect(box).to_have_value("Thanks @amina ")
    expect(page.get_by_role("listbox")).to_be_hidden()
    box.press_sequentially("and @zz")
    page.wait_for_timeout(600)
    expect(page.locator(".mention-list [role=option]")).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_member_writes_privately_from_a_members_page_on_a_phone(
    page: Page, live_server: LiveServer, space: Space, language: str
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    in_language(page, live_server, language)
    sign_in(page, live_server, space.moderator)
    page.goto("/community/people/amina/")
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("a[href='/community/messages/new/?to=amina']").click()
    assert page.locator("input[name=to]").input_value() == "amina"
    page.locator("textarea[name=body]").fill("Can you share the recipe?")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    expect(page.locator(".post-body")).to_have_text("Can you share the recipe?")
    assert_accessible(page)
    assert sideways(page) <= 0


def test_a_name_too_long_for_a_phone_wraps_instead_of_widening_the_thread(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    space.member.full_name = "Ngozi" + "a" * 140
    space.member.save(update_fields=["full_name"])
    page.set_viewport_size({"width": 360, "height": 740})
    in_language(page, live_server, "en")
    page.goto(f"/community/t/{space.thread.uuid}/")
    assert page.locator(".post-by").first.inner_text().startswith("Ngozi")
    assert sideways(page) <= 0
