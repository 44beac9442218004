"""An author imports a QTI bank on the quiz page in a real browser, reads what was left out,
and downloads the quiz as QTI; each page accessible."""

import io
import zipfile

import pytest
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.authoring import quizzes
from praxis.authoring.inputs import QuizSettings
from praxis.authoring.tests.conftest import Team
from praxis.packages.tests import qti_items

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_author_imports_a_qti_bank_reads_the_report_and_exports_the_quiz(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    quiz = quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Check your understanding"})
    )
    sign_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}/")
    assert_accessible(page)
    page.get_by_label("Import questions (QTI").set_input_files(
        {"name": "bank.zip", "mimeType": "application/zip", "buffer": qti_items.moodle_bank()}
    )
    page.get_by_role("button", name="Import the questions").click()
    expect(page.get_by_role("status")).to_contain_text("4 questions were added to the quiz.")
    not_imported = page.get_by_role("region", name="Not imported")
    expect(not_imported.get_by_role("row", name="essay-1")).to_contain_text(
        "Praxis has no question type for this interaction."
    )
    expect(not_imported.get_by_role("row", name="custom-1")).to_contain_text(
        "marks answers with its own rules"
    )
    assert_accessible(page)
    page.get_by_role("link", name="Back to the quiz").click()
    questions = page.locator("#questions-heading + ol > li")
    expect(questions.first).to_contain_text("When must you clean your hands?")
    expect(questions).to_have_count(4)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export as QTI 3.0").click()
    path = download_info.value.path()
    archive = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    assert len([name for name in archive.namelist() if name.startswith("items/")]) == 4


def test_a_file_that_is_not_qti_is_refused_on_the_page(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    quiz = quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Check your understanding"})
    )
    sign_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}/")
    page.get_by_label("Import questions (QTI").set_input_files(
        {"name": "notes.xml", "mimeType": "application/xml", "buffer": b"<notes>hello</notes>"}
    )
    page.get_by_role("button", name="Import the questions").click()
    # Beside the field that was sent, which is marked as in error.
    expect(page.locator("#id_qti_error")).to_contain_text(
        "This is not a QTI question file or package"
    )
    expect(page.locator("#id_qti")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("No questions yet.")).to_be_visible()
    assert_accessible(page)
