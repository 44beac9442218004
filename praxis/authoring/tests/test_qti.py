"""A draft quiz's questions exchanged as QTI: export and import through the service, the API
(checked against OpenAPI) and the quiz page; refusals change nothing."""

import io
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import quizzes
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import DraftQuestion, DraftQuiz, HistoryEntry
from praxis.authoring.quiz_exchange import export_quiz, import_questions
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.editor_page import MESSAGES_ABOVE, marked_invalid
from praxis.authoring.tests.test_quizzes import EVERY_KIND
from praxis.core.errors import Conflict, PermissionDenied, ValidationFailed
from praxis.packages.errors import PackageRefused
from praxis.packages.tests import qti_items
from praxis.packages.tests.test_qti import XXE

pytestmark = pytest.mark.django_db
BOUNDARY = "PraxisFormBoundary"
COMPARED = ("kind", "stem", "topic", "difficulty", "points", "feedback", "options", "answer_key")


def _quiz(team: Team, title: str = "Check your understanding") -> DraftQuiz:
    return quizzes.add_quiz(team.draft, team.author, QuizSettings.read({"title": title}))


def _filled(team: Team) -> DraftQuiz:
    quiz = _quiz(team)
    for number, (kind, fields) in enumerate(EVERY_KIND.items(), start=1):
        quizzes.add_question(
            quiz,
            team.author,
            QuestionInput.read(
                {
                    "kind": kind,
                    "stem": f"Question {number}\n\nRead the case first.",
                    "topic": "hygiene" if number % 2 else "",
                    "difficulty": 1 + number % 3,
                    "points": number,
                    "feedback": "Think of the five moments." if number < 3 else "",
                    **fields,
                }
            ),
        )
    return quiz


def _upload(content: bytes | str, name: str = "bank.zip") -> SimpleUploadedFile:
    data = content.encode() if isinstance(content, str) else content
    return SimpleUploadedFile(name, data)


def _import(quiz: DraftQuiz, team: Team, content: bytes | str) -> Any:
    upload = _upload(content)
    return import_questions(quiz, team.author, upload, size=upload.size)


@pytest.mark.parametrize("version", ["2.1", "3.0"])
def test_exported_questions_import_again_as_the_same_questions(team: Team, version: str) -> None:
    source = _filled(team)
    package = export_quiz(source, version)
    names = zipfile.ZipFile(io.BytesIO(package)).namelist()
    assert names[:2] == ["imsmanifest.xml", "assessment-test.xml"]
    assert len(names) == 2 + len(EVERY_KIND)
    target = _quiz(team, "Copy")
    report = _import(target, team, package)
    assert report.version == version and report.unmapped == []
    before = [[getattr(q, name) for name in COMPARED] for q in source.questions.all()]
    after = [[getattr(q, name) for name in COMPARED] for q in target.questions.all()]
    assert after == before


def test_a_bank_from_another_system_is_imported_and_what_does_not_map_is_reported(
    team: Team,
) -> None:
    quiz = _quiz(team)
    report = _import(quiz, team, qti_items.moodle_bank())
    assert [q.kind for q in quiz.questions.all()] == [
        "single",
        "short_text",
        "matching",
        "ordering",
    ]
    assert [(u.identifier, u.reason) for u in report.unmapped] == [
        ("essay-1", "unsupported_interaction"),
        ("custom-1", "custom_response_processing"),
    ]
    assert report.imported[2].note_messages == [
        "Right-hand choices that match nothing were left out."
    ]
    entry = HistoryEntry.objects.filter(draft=team.draft).order_by("-pk").first()
    assert entry is not None and "imported 4 questions (QTI)" in entry.detail_text


def test_a_question_praxis_would_refuse_is_reported_and_the_others_kept(team: Team) -> None:
    quiz = _quiz(team)
    lone = qti_items.CHOICE.replace(
        '<simpleChoice identifier="choice_1">After the ward round only</simpleChoice>', ""
    ).replace('<simpleChoice identifier="choice_3">Once a day</simpleChoice>', "")
    report = _import(
        quiz,
        team,
        qti_items.package({"a.xml": lone, "b.xml": qti_items.ORDER}),
    )
    assert [(u.identifier, u.reason) for u in report.unmapped] == [
        ("moodle-choice-12", "invalid_question")
    ]
    assert "Give from 2 to 20 options." in report.unmapped[0].message
    assert [q.kind for q in quiz.questions.all()] == ["ordering"]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (qti_items.package({"a.xml": qti_items.CHOICE, "b.xml": XXE}), "qti_invalid_xml"),
        (b"not a zip, not XML", "file_type_not_allowed"),
        (b"PK\x03\x04broken", "package_not_a_zip"),
    ],
)
def test_a_refused_upload_writes_nothing(team: Team, content: bytes, code: str) -> None:
    quiz = _quiz(team)
    history = HistoryEntry.objects.count()
    with pytest.raises(PackageRefused) as refused:
        _import(quiz, team, content)
    assert refused.value.code == code
    assert not quiz.questions.exists() and HistoryEntry.objects.count() == history


def test_more_questions_than_a_quiz_holds_are_refused_whole(team: Team) -> None:
    quiz = _filled(team)
    items = {f"{n}.xml": qti_items.ORDER.replace("order-wash", f"o{n}") for n in range(94)}
    with pytest.raises(ValidationFailed) as refused:
        _import(quiz, team, qti_items.package(items))
    assert refused.value.code == "qti_too_many_items"
    assert quiz.questions.count() == len(EVERY_KIND)


def test_only_the_team_imports_and_a_random_draw_quiz_takes_no_questions(team: Team) -> None:
    quiz = _quiz(team)
    upload = _upload(qti_items.CHOICE)
    with pytest.raises(PermissionDenied):
        import_questions(quiz, UserFactory.create(), upload, size=upload.size)
    DraftQuiz.objects.filter(pk=quiz.pk).update(selection=DraftQuiz.Selection.RANDOM)
    quiz.refresh_from_db()
    with pytest.raises(Conflict):
        _import(quiz, team, qti_items.CHOICE)
    assert not DraftQuestion.objects.exists()


def _api_url(team: Team, quiz: DraftQuiz) -> str:
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/quizzes/{quiz.key}/qti"


def _post(api_client: SchemaCheckedClient, url: str, upload: SimpleUploadedFile) -> Any:
    return api_client.post(
        url,
        data=encode_multipart(BOUNDARY, {"file": upload}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def test_api_imports_and_reports_then_exports_in_both_versions(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    quiz = _quiz(team)
    api_client.force_login(team.author)
    response = _post(api_client, _api_url(team, quiz), _upload(qti_items.moodle_bank()))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["version"] == "2.1"
    assert [item["kind"] for item in body["imported"]] == [
        "single",
        "short_text",
        "matching",
        "ordering",
    ]
    assert body["imported"][2]["notes"][0]["code"] == "extra_choices_dropped"
    assert body["unmapped"][0] == {
        "identifier": "essay-1",
        "reason": "unsupported_interaction",
        "message": "Praxis has no question type for this interaction. (extendedTextInteraction)",
    }
    for version, namespace in (("2.1", "imsqti_v2p1"), ("3.0", "imsqtiasi_v3p0")):
        exported = api_client.get(_api_url(team, quiz), {"version": version})
        assert exported.status_code == 200
        assert exported["Content-Type"] == "application/zip"
        archive = zipfile.ZipFile(io.BytesIO(exported.content))
        item = archive.read(sorted(n for n in archive.namelist() if n.startswith("items/"))[0])
        assert namespace.encode() in item


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"", 400, "file_empty"),
        (b"just text", 400, "file_type_not_allowed"),
        (XXE.encode(), 400, "qti_invalid_xml"),
        (b"x" * 2048, 413, "file_too_large"),
    ],
)
def test_api_refuses_bad_uploads_with_their_code(
    api_client: SchemaCheckedClient,
    team: Team,
    settings: SettingsWrapper,
    content: bytes,
    status: int,
    code: str,
) -> None:
    settings.QTI_UPLOAD_MAX_BYTES = 1024
    quiz = _quiz(team)
    api_client.force_login(team.author)
    if content:
        response = _post(api_client, _api_url(team, quiz), _upload(content, "item.xml"))
    else:  # an empty file part is sent as a real client sends it
        response = api_client.post(
            _api_url(team, quiz),
            data=(
                f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
                f'filename="item.xml"\r\nContent-Type: application/xml\r\n\r\n\r\n'
                f"--{BOUNDARY}--\r\n"
            ),
            content_type=f"multipart/form-data; boundary={BOUNDARY}",
        )
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert not quiz.questions.exists()


def test_api_refuses_another_organisation(api_client: SchemaCheckedClient, team: Team) -> None:
    quiz = _filled(team)
    api_client.force_login(UserFactory.create())
    assert _post(api_client, _api_url(team, quiz), _upload(qti_items.CHOICE)).status_code == 403
    assert api_client.get(_api_url(team, quiz)).status_code == 403
    assert quiz.questions.count() == len(EVERY_KIND)


def test_quiz_page_offers_export_and_import_and_shows_the_report(
    client: Client, team: Team
) -> None:
    quiz = _quiz(team)
    client.force_login(team.author)
    page = client.get(reverse("authoring:quiz", args=[team.draft.uuid, quiz.key]))
    assert "Export as QTI 2.1" in page.text and "Import questions (QTI" in page.text
    quiz_url = reverse("authoring:quiz", args=[team.draft.uuid, quiz.key])
    response = client.post(
        quiz_url, {"action": "import_qti", "qti": _upload(qti_items.moodle_bank())}, follow=True
    )
    report_url = reverse("authoring:qti_report", args=[team.draft.uuid, quiz.key])
    assert response.redirect_chain == [(report_url, 302)]
    assert response.status_code == 200
    assert "4 questions were added to the quiz." in response.text
    assert "essay-1" in response.text and "custom_response_processing" in response.text
    refused = client.post(
        quiz_url, {"action": "import_qti", "qti": _upload(b"<broken", "item.xml")}
    )
    assert refused.status_code == 400
    assert "not well-formed XML" in refused.text.split('id="id_qti_error">', 1)[1]
    assert marked_invalid(refused.text, "id_qti")
    assert MESSAGES_ABOVE not in refused.text
    assert quiz.questions.count() == 4
    download = client.get(
        reverse("authoring:export_qti", args=[team.draft.uuid, quiz.key]), {"version": "3.0"}
    )
    assert download["Content-Disposition"].endswith('-qti30.zip"')
    archive = zipfile.ZipFile(io.BytesIO(download.content))
    assert b"<qti-assessment-test " in archive.read("assessment-test.xml")
    assert len([name for name in archive.namelist() if name.startswith("items/")]) == 4
