"""Files for learners in the lesson editor, in a real browser, in English and Arabic, on a phone
and a desktop: the author attaches a file (told so where the browser lands), links it in the text
with the toolbar, a disguised file is refused with its reason beside the form, the learner
downloads the file from the published lesson, and the author removes it."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from conftest import sideways, sign_in
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import services
from praxis.authoring.models import DraftLesson
from praxis.authoring.tests.conftest import Team, approve
from praxis.catalog.models import Lesson
from praxis.catalog.services import enrol

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", PHONE), ("ar", PHONE), ("en", DESKTOP), ("ar", DESKTOP)],
)
def test_author_attaches_links_and_removes_a_file_and_a_learner_downloads_it(
    page: Page,
    live_server: LiveServer,
    team: Team,
    tmp_path: Path,
    language: str,
    viewport: dict[str, int],
) -> None:
    page.set_viewport_size(viewport)  # type: ignore[arg-type]  # a ViewportSize
    sign_in(page, live_server, team.author, language)
    lesson = team.lessons[0]
    page.goto(f"/authoring/drafts/{team.draft.uuid}/lessons/{lesson.key}/")
    assert page.locator("html").get_attribute("dir") == ("rtl" if language == "ar" else "ltr")
    disguised = tmp_path / "Handout.pdf"
    disguised.write_bytes(b"<html><script>alert(1)</script></html>")
    page.locator("#f-file").set_input_files(str(disguised))
    with page.expect_navigation():
        page.locator('form:has(#f-file) button[type="submit"]').click()
    # Told once, on the form sent, in sight: its error summary takes the focus.
    summary = page.locator("form:has(#f-file) .error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(page.locator("#f-file")).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".messages")).to_have_count(0)
    assert DraftLesson.objects.get(pk=lesson.pk).attachments == []
    handout = tmp_path / "Handout-2.pdf"
    handout.write_bytes(PDF)
    page.locator("#f-file").set_input_files(str(handout))
    with page.expect_navigation():
        page.locator('form:has(#f-file) button[type="submit"]').click()
    # What was done is told in the files' section, where the browser lands.
    done = page.locator("section[aria-labelledby=files-heading] .section-messages")
    expect(done).to_be_in_viewport()
    expect(page.locator(".messages li.success")).to_have_count(1)
    listed = page.locator("[data-attachment-markdown]")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Handout-2.pdf")
    expect(listed).to_contain_text("PDF")
    assert sideways(page) <= 0
    # The toolbar links the file at the cursor; the preview shows the link.
    body = page.locator("#l-body")
    body.fill("Read this first: ")
    body.press("End")
    page.locator('.md-toolbar button[data-action="file"]').click()
    key = DraftLesson.objects.get(pk=lesson.pk).attachments[0]["key"]
    assert body.input_value() == f"Read this first: [Handout-2.pdf](/courses/files/{key}/)"
    page.locator("button[value=save]").click()
    link = page.locator(f'.lesson-body a[href="/courses/files/{key}/"]')
    expect(link).to_have_count(1)
    with page.expect_download() as team_download:
        page.locator(f'[data-attachment-markdown] a[href="/courses/files/{key}/"]').click()
    assert Path(team_download.value.path()).read_bytes() == PDF
    # Published, the learner downloads it from the lesson.
    approve(team)
    course = services.publish(team.draft, team.staff).course
    assert course is not None
    learner = UserFactory.create()
    enrol(learner, course)
    sign_in(page, live_server, learner, language)
    published = Lesson.objects.get(uuid=lesson.key)
    page.goto(f"/courses/{course.slug}/lessons/{published.uuid}/")
    files = page.locator("section[aria-labelledby=files-title]")
    expect(files).to_contain_text("Handout-2.pdf")
    assert sideways(page) <= 0
    with page.expect_download() as learner_download:
        files.locator("a").first.click()
    assert Path(learner_download.value.path()).read_bytes() == PDF
    # The next version takes the file off; the editor shows none.
    following = services.start_new_version(course, team.author)
    sign_in(page, live_server, team.author, language)
    page.goto(f"/authoring/drafts/{following.uuid}/lessons/{lesson.key}/")
    with page.expect_navigation():
        page.locator('button[value="remove_file"]').click()
    expect(page.locator("[data-attachment-markdown]")).to_have_count(0)
