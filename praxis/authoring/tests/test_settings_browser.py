"""A course's settings in co-creation, in a real browser: its topics and licence on the draft's
details form (a bad licence is refused on its field), and its image with a description."""

import io

import pytest
from PIL import Image
from playwright.sync_api import FilePayload, Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.authoring.tests.conftest import Team
from praxis.catalog.models import Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def test_author_sets_topics_licence_and_image(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    Topic.objects.create(slug="mental-health", names={"en": "Mental health"})
    Topic.objects.create(slug="nursing", names={"en": "Nursing"})
    sign_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    page.get_by_label("Mental health").check()
    page.fill("#d-licence", "   ")  # past the browser's own check, refused by the server
    page.get_by_role("button", name="Save the details").click()
    assert page.locator("#d-licence").get_attribute("aria-invalid") == "true"
    expect(page.get_by_text("Name the licence (at most 100 characters).").first).to_be_visible()
    assert page.get_by_label("Mental health").is_checked()
    assert_accessible(page)
    page.fill("#d-licence", "CC BY 4.0")
    page.get_by_role("button", name="Save the details").click()
    expect(page.get_by_text("Saved.", exact=True)).to_be_visible()
    assert page.get_by_label("Mental health").is_checked()
    assert not page.get_by_label("Nursing").is_checked()
    assert page.input_value("#d-licence") == "CC BY 4.0"
    team.draft.refresh_from_db()
    assert [topic.slug for topic in team.draft.topics.all()] == ["mental-health"]
    assert team.draft.licence == "CC BY 4.0"

    cover: FilePayload = {"name": "cover.png", "mimeType": "image/png", "buffer": _png()}
    page.set_input_files("#i-image", files=[cover])
    page.fill("#i-alt", "A nurse listens to a young mother")
    page.get_by_role("button", name="Save the image").click()
    expect(page.get_by_text("Image saved.")).to_be_visible()
    image = page.locator("#image-heading ~ picture img")
    assert image.get_attribute("alt") == "A nurse listens to a young mother"
    # Shown once loaded: decode() waits for the file and refuses one the browser cannot draw.
    image.scroll_into_view_if_needed()
    assert image.evaluate("img => img.decode().then(() => img.naturalWidth > 0)")
    assert_accessible(page)
