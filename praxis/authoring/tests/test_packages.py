"""Importing content packages into a draft: through the API (checked against OpenAPI) and the
draft's page, refused when unsafe, versioned, and published as a lesson of the course."""

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import services
from praxis.authoring.models import DraftLesson
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.editor_page import MESSAGES_ABOVE, marked_invalid, send_form
from praxis.catalog.models import Lesson
from praxis.packages.models import Package
from praxis.packages.tests import crafting, crafting_h5p, qti_items

pytestmark = pytest.mark.django_db
FORM_BOUNDARY = "PraxisFormBoundary"


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")


def _zip(content: bytes, name: str = "course.zip") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/zip")


def _send(api_client: SchemaCheckedClient, url: str, fields: dict[str, Any]) -> Any:
    return api_client.post(
        url,
        data=encode_multipart(FORM_BOUNDARY, fields),
        content_type=f"multipart/form-data; boundary={FORM_BOUNDARY}",
    )


def _module_url(team: Team) -> str:
    module = team.draft.modules.get()
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/modules/{module.key}/packages"


def test_api_imports_a_scorm_package_as_a_lesson_and_says_what_it_holds(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    response = _send(api_client, _module_url(team), {"file": _zip(crafting.scorm_2004())})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["title"] == "Triage aux urgences"
    assert body["package"]["kind"] == "scorm2004"
    assert body["package"]["playable"] is True
    assert [item["launch"] for item in body["package"]["launchables"]] == ["one.html", "two.html"]
    assert body["package"]["launchables"][0]["mastery_score"] == 0.7
    lesson_url = f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{body['key']}/package"
    assert api_client.get(lesson_url).json()["package"]["version"] == 1
    again = _send(api_client, lesson_url, {"file": _zip(crafting.scorm_2004())})
    assert again.status_code == 200
    assert again.json()["package"]["version"] == 2
    assert again.json()["revision"] == body["revision"] + 1


def test_api_refuses_an_unsafe_package_with_its_code_and_adds_no_lesson(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    slip = crafting.zip_of({"imsmanifest.xml": "<manifest/>", "../../escape.html": "x"})
    response = _send(api_client, _module_url(team), {"file": _zip(slip)})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "package_unsafe_path"
    assert DraftLesson.objects.filter(module__draft=team.draft).count() == 2
    assert not Package.objects.exists()


def test_api_refuses_a_package_too_large_to_upload(
    api_client: SchemaCheckedClient, team: Team, settings: SettingsWrapper
) -> None:
    settings.PACKAGE_UPLOAD_MAX_BYTES = 100
    api_client.force_login(team.author)
    response = _send(api_client, _module_url(team), {"file": _zip(crafting.scorm_12())})
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"


def test_someone_outside_the_team_cannot_import(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(UserFactory.create())
    response = _send(api_client, _module_url(team), {"file": _zip(crafting.scorm_12())})
    assert response.status_code in {403, 404}
    assert not Package.objects.exists()


def test_lesson_that_is_not_a_package_has_no_package(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{team.lessons[0].key}/package"
    assert api_client.get(url).status_code == 404


def test_draft_page_imports_a_package_and_the_lesson_page_shows_what_it_found(
    client: Client, team: Team
) -> None:
    client.force_login(team.author)
    module = team.draft.modules.get()
    response = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {
            "action": "import_package",
            "module": str(module.key),
            "package": _zip(crafting.scorm_12()),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Package imported" in page
    assert "SCORM 1.2" in page
    assert "The five moments" in page
    assert "index.html" in page
    assert "80 %" in page


def test_draft_page_says_why_a_package_was_refused_beside_its_module_field(
    client: Client, team: Team
) -> None:
    client.force_login(team.author)
    module = team.draft.modules.get()
    response = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {
            "action": "import_package",
            "module": str(module.key),
            "package": _zip(crafting.scorm_12(launch="missing.html")),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    field = f"id_package_{module.key}"
    error = page.split(f'id="{field}_error">', 1)[1].split("</p>", 1)[0]
    assert "does not hold" in error
    assert marked_invalid(page, field)
    # Told once beside the field (and in the form's summary), not again above the page.
    assert page.count(error) == 2 and MESSAGES_ABOVE not in page
    assert not Package.objects.exists()


def test_a_qti_question_bank_sent_as_a_lesson_is_sent_to_a_quiz(client: Client, team: Team) -> None:
    client.force_login(team.author)
    module = team.draft.modules.get()
    response = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {
            "action": "import_package",
            "module": str(module.key),
            "package": _zip(qti_items.moodle_bank(), "questions.zip"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    error = page.split(f'id="id_package_{module.key}_error">', 1)[1].split("</p>", 1)[0]
    assert "This is a QTI question package, not a lesson" in error
    assert "Exchange questions (QTI)" in error
    assert not Package.objects.exists()


def test_published_draft_makes_the_package_a_lesson_of_the_course(team: Team) -> None:
    module = team.draft.modules.get()
    upload = _zip(crafting.scorm_12())
    lesson = services.add_package_lesson(module, team.author, upload, size=upload.size)
    approve(team)
    services.publish(team.draft, team.staff)
    published = Lesson.objects.get(uuid=lesson.key)
    assert published.package == lesson.package
    assert published.package is not None and published.package.kind == "scorm12"


def test_api_imports_h5p_content_as_a_lesson_with_its_libraries(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    response = _send(api_client, _module_url(team), {"file": _zip(crafting_h5p.h5p_zip())})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["title"] == "Blood pressure check"
    assert (body["package"]["kind"], body["package"]["edition"]) == ("h5p", "H5P.PraxisCheck 1.0")
    assert body["package"]["playable"] is True
    assert body["package"]["languages"] == ["es"]
    assert body["package"]["libraries"] == ["H5P.PraxisCheck 1.0", "H5P.PraxisScore 1.1"]


def test_draft_page_shows_what_an_h5p_package_holds(client: Client, team: Team) -> None:
    client.force_login(team.author)
    module = team.draft.modules.get()
    response = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {
            "action": "import_package",
            "module": str(module.key),
            "package": _zip(crafting_h5p.h5p_zip(), "check.h5p"),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Package imported" in page
    assert "H5P (H5P.PraxisCheck 1.0)" in page
    assert "Blood pressure check" in page
    assert "<li>H5P.PraxisCheck 1.0 (main)</li><li>H5P.PraxisScore 1.1</li>" in page
    assert "content/content.json" in page
    assert "does not play it yet" not in page


def test_draft_page_says_which_h5p_library_is_missing(client: Client, team: Team) -> None:
    client.force_login(team.author)
    module = team.draft.modules.get()
    broken = crafting_h5p.h5p_zip({"H5P.PraxisScore-1.1/library.json": None})
    response = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {
            "action": "import_package",
            "module": str(module.key),
            "package": _zip(broken, "check.h5p"),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "needs a library the package does not hold" in page
    assert "H5P.PraxisScore-1.1" in page
    assert not Package.objects.exists()


def test_lesson_page_tells_a_refused_new_version_beside_its_field_and_a_kept_one_in_its_section(
    client: Client, team: Team
) -> None:
    module = team.draft.modules.get()
    upload = _zip(crafting.scorm_12())
    lesson = services.add_package_lesson(module, team.author, upload, size=upload.size)
    client.force_login(team.author)
    lesson_url = reverse("authoring:lesson", args=[team.draft.uuid, lesson.key])

    refused = send_form(client, lesson_url, "package", {"package": _zip(b"nothing")})
    assert 400 <= refused.status < 500
    assert refused.landing == "error-summary" and refused.lands_in("package")
    assert 'id="pk-package_error">' in refused.section("package")
    assert marked_invalid(refused.section("package"), "pk-package")
    assert MESSAGES_ABOVE not in refused.text
    assert DraftLesson.objects.get(pk=lesson.pk).package == lesson.package

    kept = send_form(client, lesson_url, "package", {"package": _zip(crafting.scorm_12())})
    assert kept.status == 200 and kept.landing == "package-heading"
    assert "New version of the package imported." in kept.section("package")
    assert MESSAGES_ABOVE not in kept.text
    assert DraftLesson.objects.get(pk=lesson.pk).package != lesson.package


def _file_choosers(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="file" name="{name}"[^>]*>', page)


def test_the_package_file_choosers_offer_h5p_files(client: Client, team: Team) -> None:
    """An H5P export ends in .h5p: a chooser limited to .zip would hide it from the author."""
    module = team.draft.modules.get()
    upload = _zip(crafting.scorm_12())
    lesson = services.add_package_lesson(module, team.author, upload, size=upload.size)
    client.force_login(team.author)

    draft_page = client.get(reverse("authoring:draft", args=[team.draft.uuid])).content.decode()
    lesson_page = client.get(
        reverse("authoring:lesson", args=[team.draft.uuid, lesson.key])
    ).content.decode()

    choosers = _file_choosers(draft_page, "package") + _file_choosers(lesson_page, "package")
    assert len(choosers) == 2
    for chooser in choosers:
        accepted = re.search(r'accept="([^"]*)"', chooser)
        assert accepted is not None
        assert {".zip", ".h5p"} <= set(accepted.group(1).split(","))
