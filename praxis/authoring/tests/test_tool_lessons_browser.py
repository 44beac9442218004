"""The pass mark of a lesson opening an external tool, changed on the lesson's page in a real
browser, on a phone in Arabic and on a desktop in English: a bad mark is refused with its reason
and changes nothing, a good one is saved and shown."""

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import sign_in
from praxis.authoring import services
from praxis.authoring.tests.conftest import Team
from praxis.lti.models import ResourceLink
from praxis.lti.tests.factories import ToolFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.mark.parametrize(("language", "viewport"), [("ar", PHONE), ("en", DESKTOP)])
def test_author_changes_the_pass_mark_of_a_tool_lesson(
    page: Page, live_server: LiveServer, team: Team, language: str, viewport: dict[str, int]
) -> None:
    tool = ToolFactory.create(organisation=team.organisation, name="Triage simulator")
    lesson = services.add_tool_lesson(team.draft.modules.get(), team.author, tool=tool.uuid)
    page.set_viewport_size(viewport)  # type: ignore[arg-type]  # a ViewportSize
    sign_in(page, live_server, team.author, language)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/lessons/{lesson.key}/")
    expect(page.locator("#tool-heading + dl")).to_contain_text("Triage simulator")
    field = page.locator("#tool-pass_mark")
    expect(field).to_have_value("80")

    field.fill("-5")
    with page.expect_navigation():
        page.locator('form:has(#tool-pass_mark) button[type="submit"]').click()
    # Told beside the field, which keeps what was typed, not above the page.
    expect(page.locator("#tool-pass_mark_error")).to_be_visible()
    expect(page.locator("#tool-pass_mark")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#tool-pass_mark")).to_have_value("-5")
    expect(page.locator(".messages li.error")).to_have_count(0)
    assert ResourceLink.objects.get().pass_mark == 80

    page.locator("#tool-pass_mark").fill("65")
    with page.expect_navigation():
        page.locator('form:has(#tool-pass_mark) button[type="submit"]').click()
    expect(page.locator(".messages li.error")).to_have_count(0)
    expect(page.locator("#tool-heading ~ .section-messages")).to_have_count(1)
    expect(page.locator("#tool-pass_mark")).to_have_value("65")
    assert ResourceLink.objects.get().pass_mark == 65
    sideways: int = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert sideways == 0
