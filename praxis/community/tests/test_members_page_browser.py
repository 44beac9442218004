"""The members page on a phone in Arabic: it fits the screen without sideways scrolling, passes
axe, and a moderator removes a member in one step, the reason given where they confirm."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sideways, sign_in
from praxis.community.models import Community, Membership, ModerationAction
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_moderator_removes_a_member_on_a_phone_in_arabic(
    page: Page, live_server: LiveServer, space: Space
) -> None:
    MembershipFactory.create(
        community=space.community,
        profile="a-very-long-handle-for-a-phone-screen",
        user__full_name="عبد الرحمن " + "محمد" * 20,
    )
    Community.objects.filter(pk=space.community.pk).update(member_count=3)
    page.set_viewport_size({"width": 360, "height": 740})
    sign_in(page, live_server, space.moderator, "ar")
    page.goto(f"/community/c/{space.community.slug}/members/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("tbody tr")).to_have_count(3)
    assert sideways(page) <= 0
    assert_accessible(page)

    row = page.locator("tbody tr", has_text="@amina")
    row.locator("details.confirm summary").click()
    assert sideways(page) <= 0
    assert_accessible(page)
    row.locator("textarea[name=reason]").fill("إعلانات متكررة")
    with page.expect_navigation():
        row.locator("details.confirm button").click()
    expect(page.locator("tbody tr")).to_have_count(2)
    expect(page.locator("tbody")).not_to_contain_text("@amina")
    assert sideways(page) <= 0
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.LEFT
    assert ModerationAction.objects.get(member=space.member).reason == "إعلانات متكررة"
