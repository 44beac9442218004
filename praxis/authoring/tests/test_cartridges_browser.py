"""An author imports a Common Cartridge on the draft's page in a real browser, reads what was
left out, and downloads the draft as a cartridge; each page accessible."""

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pytest_django import Settings as SettingsWrapper
from pytest_django.live_server_helper import LiveServer

from accessibility import assert_accessible
from conftest import sign_in
from praxis.authoring.tests.conftest import Team
from praxis.packages.cartridge_export import check_structure
from praxis.packages.tests import cartridges

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")


def test_author_imports_a_cartridge_reads_the_report_and_exports_the_draft(
    page: Page, live_server: LiveServer, team: Team
) -> None:
    sign_in(page, live_server, team.author)
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    assert_accessible(page)
    page.get_by_label("Common Cartridge file").set_input_files(
        {
            "name": "infection.imscc",
            "mimeType": "application/zip",
            "buffer": cartridges.every_kind(),
        }
    )
    page.get_by_role("button", name="Import a Common Cartridge").click()
    expect(page.get_by_role("status")).to_contain_text(
        "4 lessons and quizzes were added to the draft."
    )
    not_imported = page.get_by_role("region", name="Not imported")
    expect(not_imported.get_by_role("row", name="i-lti")).to_contain_text(
        "An LTI link is not imported"
    )
    expect(not_imported.get_by_role("row", name="q-essay")).to_contain_text(
        "Praxis has no question type for this interaction."
    )
    assert_accessible(page)
    page.get_by_role("link", name="Why hands matter").click()
    expect(page.locator("textarea").first).to_contain_text("Clean your **hands**")
    page.goto(f"/authoring/drafts/{team.draft.uuid}/")
    expect(page.get_by_role("heading", name="Week 1: hands")).to_be_visible()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export as Common Cartridge 1.3").click()
    content = download_info.value.path().read_bytes()
    assert check_structure(content) == []
    manifest = zipfile.ZipFile(io.BytesIO(content)).read("imsmanifest.xml").decode()
    assert "Why hands matter" in manifest and "Check yourself" in manifest
