"""A picture, a PDF or an office document sent to an import form (QTI questions, a Common
Cartridge, a content package as a lesson or as its next version) is told for what it is, with
what the form expects, beside the field; the API answers `file_type_not_allowed`; nothing is
written or kept."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.authoring import quizzes, services
from praxis.authoring.inputs import QuizSettings
from praxis.authoring.models import Draft, DraftLesson, DraftQuiz, HistoryEntry
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.editor_page import MESSAGES_ABOVE, marked_invalid, send_form
from praxis.packages.models import Package
from praxis.packages.tests import crafting
from praxis.packages.tests.mistaken_files import office, picture

pytestmark = pytest.mark.django_db
BOUNDARY = "PraxisFormBoundary"
QTI_BANK = "A QTI question bank is a .zip package or one .xml item file."
CARTRIDGE = "A Common Cartridge is an .imscc or .zip file."
PACKAGE = "A SCORM, cmi5, xAPI or H5P package is a .zip or .h5p file."


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def _quiz(team: Team) -> DraftQuiz:
    return quizzes.add_quiz(team.draft, team.author, QuizSettings.read({"title": "Hand hygiene"}))


def _state(draft: Draft) -> tuple[int, int, int, int, int]:
    return (
        draft.modules.count(),
        DraftLesson.objects.filter(module__draft=draft).count(),
        DraftQuiz.objects.filter(draft=draft).count(),
        HistoryEntry.objects.filter(draft=draft).count(),
        Package.objects.count(),
    )


def _api_post(api_client: SchemaCheckedClient, url: str, upload: SimpleUploadedFile) -> Any:
    return api_client.post(
        url,
        data=encode_multipart(BOUNDARY, {"file": upload}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def test_a_picture_sent_for_qti_questions_is_told_to_be_a_picture(
    client: Client, team: Team
) -> None:
    quiz = _quiz(team)
    before = _state(team.draft)
    client.force_login(team.author)
    refused = client.post(
        reverse("authoring:quiz", args=[team.draft.uuid, quiz.key]),
        {"action": "import_qti", "qti": _file("ward-round.png", picture("PNG"))},
    )
    assert refused.status_code == 400
    told = f"“ward-round.png” is a PNG image. {QTI_BANK}"
    assert f'id="id_qti_error">{told}' in refused.text
    assert "well-formed" not in refused.text
    assert marked_invalid(refused.text, "id_qti") and MESSAGES_ABOVE not in refused.text
    assert not quiz.questions.exists() and _state(team.draft) == before
    report = client.get(reverse("authoring:qti_report", args=[team.draft.uuid, quiz.key]))
    assert report.status_code == 404


def test_the_qti_api_refuses_a_word_document_with_its_code(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    quiz = _quiz(team)
    api_client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}/qti"
    response = _api_post(api_client, url, _file("questions.docx", office("word")))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "file_type_not_allowed"
    assert error["message"] == f"“questions.docx” is a Word document. {QTI_BANK}"
    assert error["fields"] == {"file": [error["message"]]}
    assert not quiz.questions.exists()


def test_a_pdf_sent_as_a_common_cartridge_is_told_to_be_a_pdf(client: Client, team: Team) -> None:
    before = _state(team.draft)
    client.force_login(team.author)
    refused = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {"action": "import_cartridge", "cartridge": _file("syllabus.pdf", b"%PDF-1.4\n")},
    )
    assert refused.status_code == 400
    told = f"“syllabus.pdf” is a PDF document. {CARTRIDGE}"
    assert f'id="id_cartridge_error">{told}' in refused.text
    assert marked_invalid(refused.text, "id_cartridge")
    assert _state(team.draft) == before
    page = client.get(reverse("authoring:cartridge_report", args=[team.draft.uuid]))
    assert page.status_code == 404


def test_the_cartridge_api_refuses_a_spreadsheet_with_its_code(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    before = _state(team.draft)
    api_client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/commoncartridge"
    response = _api_post(api_client, url, _file("modules.xlsx", office("xl")))
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "file_type_not_allowed"
    assert response.json()["error"]["message"].startswith("“modules.xlsx” is an Excel")
    assert _state(team.draft) == before


def test_a_picture_sent_as_a_lesson_package_is_told_beside_its_module(
    client: Client, team: Team
) -> None:
    before = _state(team.draft)
    module = team.draft.modules.get()
    client.force_login(team.author)
    shown = send_form(
        client,
        reverse("authoring:draft", args=[team.draft.uuid]),
        "import_package",
        {"module": str(module.key), "package": _file("cover.jpg", picture("JPEG"))},
    )
    assert shown.status == 400
    field = f"id_package_{module.key}"
    told = f"“cover.jpg” is a JPEG image. {PACKAGE}"
    assert f'id="{field}_error">{told}' in shown.section("content")
    assert marked_invalid(shown.text, field)
    assert _state(team.draft) == before


def test_slides_sent_as_a_packages_next_version_keep_the_version_it_has(
    client: Client, team: Team
) -> None:
    module = team.draft.modules.get()
    first = _file("course.zip", crafting.scorm_12())
    lesson = services.add_package_lesson(module, team.author, first, size=first.size)
    before = _state(team.draft)
    client.force_login(team.author)
    refused = send_form(
        client,
        reverse("authoring:lesson", args=[team.draft.uuid, lesson.key]),
        "package",
        {"package": _file("briefing.pptx", office("ppt"))},
    )
    assert refused.status == 400
    told = f"“briefing.pptx” is a PowerPoint presentation. {PACKAGE}"
    assert f'id="pk-package_error">{told}' in refused.section("package")
    assert DraftLesson.objects.get(pk=lesson.pk).package == lesson.package
    assert _state(team.draft) == before


def test_the_package_api_refuses_text_with_its_code(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    before = _state(team.draft)
    module = team.draft.modules.get()
    api_client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/modules/{module.key}/packages"
    response = _api_post(api_client, url, _file("readme.txt", b"Unzip me first.\n"))
    assert response.status_code == 400
    assert response.json()["error"] == {
        "code": "file_type_not_allowed",
        "message": f"“readme.txt” is a plain text file. {PACKAGE}",
        "fields": {"file": [f"“readme.txt” is a plain text file. {PACKAGE}"]},
    }
    assert _state(team.draft) == before
