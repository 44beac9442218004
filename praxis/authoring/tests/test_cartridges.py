"""A draft's content exchanged as an IMS Common Cartridge: imported as modules, lessons and
quizzes with a report of what was left out; refused whole when invalid, unsafe or not the
person's draft; exported as a valid Common Cartridge 1.3 that imports again as the same course."""

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import encode_multipart
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import quizzes, services
from praxis.authoring.cartridges import CartridgeReport, export_cartridge, import_cartridge
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import Draft, DraftLesson, DraftModule, DraftQuiz, HistoryEntry
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.editor_page import MESSAGES_ABOVE, marked_invalid
from praxis.authoring.tests.factories import member
from praxis.authoring.tests.test_quizzes import EVERY_KIND
from praxis.core.errors import Conflict, PermissionDenied
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory
from praxis.packages.cartridge_export import check_structure
from praxis.packages.errors import PackageRefused
from praxis.packages.models import Package
from praxis.packages.tests import cartridges
from praxis.packages.tests.crafting import zip_of

pytestmark = pytest.mark.django_db
BOUNDARY = "PraxisFormBoundary"


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")


def _upload(content: bytes, name: str = "course.imscc") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/zip")


def _import(team: Team, content: bytes, by: Any = None) -> CartridgeReport:
    upload = _upload(content)
    return import_cartridge(team.draft, by or team.author, upload, size=upload.size)


def _state(draft: Draft) -> tuple[int, int, int, int]:
    return (
        DraftModule.objects.filter(draft=draft).count(),
        DraftLesson.objects.filter(module__draft=draft).count(),
        DraftQuiz.objects.filter(draft=draft).count(),
        HistoryEntry.objects.filter(draft=draft).count(),
    )


def test_every_kind_of_item_is_imported_or_reported(team: Team) -> None:
    report = _import(team, cartridges.every_kind())
    module = team.draft.modules.order_by("-position").first()
    assert module is not None and module.title == "Week 1: hands"
    assert [(p.kind, p.title) for p in report.imported] == [
        ("page", "Why hands matter"),
        ("link", "WHO guidelines"),
        ("discussion", "Your ward"),
        ("quiz", "Check yourself"),
    ]
    page, link, topic = module.lessons.all()
    assert "Clean your **hands** before *touching* a patient." in page.body
    assert "script" not in page.body and "javascript" not in page.body
    image = next(line for line in page.body.splitlines() if "![The five moments]" in line)
    assert "](/courses/lesson-images/" in image
    assert [a["name"] for a in page.attachments] == ["poster.pdf"]
    assert default_storage.exists(page.attachments[0]["file"])
    assert f"[poster](/courses/files/{page.attachments[0]['key']}/)" in page.body
    assert link.body == "[WHO guidelines](<https://www.who.int/publications/hand-hygiene>)"
    assert topic.body.startswith("## Discussion\n\nHow does **your ward** remind staff?")
    assert report.imported[2].note_messages[0].startswith("The discussion topic became a lesson")
    quiz = DraftQuiz.objects.get(draft=team.draft, title="Check yourself")
    assert quiz.after_module == module
    assert [q.kind for q in quiz.questions.all()] == [
        "single",
        "multiple",
        "true_false",
        "short_text",
    ]
    assert [(s.identifier, s.reason) for s in report.skipped] == [
        ("q-essay", "unsupported_interaction"),
        ("q-no-answer", "no_correct_response"),
        ("i-lti", "lti_link"),
        ("i-bad-link", "unsafe_link"),
        ("i-bank", "unsupported_resource"),
    ]
    entry = HistoryEntry.objects.filter(draft=team.draft).order_by("-pk").first()
    assert entry is not None
    assert entry.detail_text == (
        "imported 4 lessons and quizzes from the cartridge Infection prevention basics"
    )


def test_a_question_praxis_refuses_is_reported_and_the_others_kept(team: Team) -> None:
    one_option = cartridges.CHOICE.replace(
        '<response_label ident="B"><material><mattext>Never</mattext></material></response_label>',
        "",
    )
    files = cartridges.files()
    files["quiz/assessment.xml"] = cartridges.assessment(one_option, cartridges.BLANK)
    report = _import(team, zip_of(files))
    refused = next(s for s in report.skipped if s.identifier == "q-choice")
    assert refused.reason == "invalid_question"
    assert "Give from 2 to 20 options." in refused.message
    assert [q.kind for q in DraftQuiz.objects.get(draft=team.draft).questions.all()] == [
        "short_text"
    ]


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (zip_of({"index.html": "<p>hi</p>"}), "cartridge_not_a_cartridge"),
        (
            zip_of({**cartridges.files(), "imsmanifest.xml": "<manifest"}),
            "package_manifest_invalid",
        ),
        (zip_of({**cartridges.files(), "/etc/evil": "x"}), "package_unsafe_path"),
        (
            zip_of({k: v for k, v in cartridges.files().items() if k != "quiz/assessment.xml"}),
            "package_launch_missing",
        ),
        (
            zip_of(cartridges.files(extra_items='<item identifier="x" identifierref="gone"/>')),
            "cartridge_bad_reference",
        ),
        (b"PK\x03\x04 not a zip at all", "package_not_a_zip"),
        (b"not a zip at all", "file_type_not_allowed"),
    ],
)
def test_a_refused_cartridge_writes_nothing(team: Team, content: bytes, code: str) -> None:
    before = _state(team.draft)
    with pytest.raises(PackageRefused) as refused:
        _import(team, content)
    assert refused.value.code == code
    assert _state(team.draft) == before


def test_only_the_drafts_authors_import_and_only_while_it_is_written(team: Team) -> None:
    other = member(OrganisationFactory.create(), Role.AUTHOR)
    for outsider in (UserFactory.create(), other, team.reviewer):
        with pytest.raises(PermissionDenied):
            _import(team, cartridges.every_kind(), by=outsider)
    services.submit_for_review(team.draft, team.author)
    team.draft.refresh_from_db()
    with pytest.raises(Conflict):
        _import(team, cartridges.every_kind())
    assert not DraftQuiz.objects.exists()


def test_the_module_package_form_sends_a_cartridge_to_its_own_import(team: Team) -> None:
    module = team.draft.modules.get()
    upload = _upload(cartridges.every_kind())
    with pytest.raises(PackageRefused) as refused:
        services.add_package_lesson(module, team.author, upload, size=upload.size)
    assert refused.value.code == "package_is_cartridge"
    assert not Package.objects.exists()


def _filled(team: Team) -> DraftQuiz:
    lesson = team.lessons[0]
    services.save_lesson(
        lesson,
        team.author,
        revision=lesson.revision,
        title=lesson.title,
        body="## Signs\n\nWatch for **withdrawal** and [ask](https://www.who.int/mental).",
    )
    second = team.lessons[1]
    services.save_lesson(
        second,
        team.author,
        revision=second.revision,
        title="Crisis lines",
        body="[Crisis lines](<https://findahelpline.com>)",
    )
    quiz = quizzes.add_quiz(
        team.draft,
        team.author,
        QuizSettings.read({"title": "Check", "after_module": str(team.draft.modules.get().key)}),
    )
    for kind, fields in EVERY_KIND.items():
        quizzes.add_question(
            quiz,
            team.author,
            QuestionInput.read({"kind": kind, "stem": f"A {kind} question", **fields}),
        )
    return quiz


def test_export_is_a_valid_cartridge_1_3_that_imports_as_the_same_course(team: Team) -> None:
    _filled(team)
    exported = export_cartridge(team.draft)
    assert check_structure(exported) == []
    archive = zipfile.ZipFile(io.BytesIO(exported))
    manifest = archive.read("imsmanifest.xml").decode()
    assert 'xmlns="http://www.imsglobal.org/xsd/imsccv1p3/imscp_v1p1"' in manifest
    assert "<schemaversion>1.3.0</schemaversion>" in manifest
    for kind in ("webcontent", "imswl_xmlv1p3", "imsqti_xmlv1p2/imscc_xmlv1p3/assessment"):
        assert f'type="{kind}"' in manifest
    page = next(n for n in archive.namelist() if n.endswith("index.html"))
    assert "<strong>withdrawal</strong>" in archive.read(page).decode()

    organisation = OrganisationFactory.create()
    author = member(organisation, Role.AUTHOR)
    target = services.start_draft(author, organisation, title="Copy", language="en")
    upload = _upload(exported)
    report = import_cartridge(target, author, upload, size=upload.size)
    assert report.version == "1.3" and report.title == "Mental health first aid"
    copied = target.modules.order_by("position")[1]
    assert copied.title == "Module 1"
    first, second = copied.lessons.all()
    assert first.title == "Recognising distress"
    assert "Watch for **withdrawal** and [ask](https://www.who.int/mental)." in first.body
    assert second.body == "[Crisis lines](<https://findahelpline.com>)"
    copy = DraftQuiz.objects.get(draft=target)
    expected = [k for k in EVERY_KIND if k not in {"ordering", "matching"}]
    # A number travels as a blank whose accepted answer is the number.
    assert [q.kind for q in copy.questions.all()] == [
        "short_text" if k == "numeric" else k for k in expected
    ]
    assert report.skipped == []


def test_export_is_for_the_drafts_authors(team: Team) -> None:
    _filled(team)
    client = Client()
    url = reverse("authoring:export_cartridge", args=[team.draft.uuid])
    client.force_login(team.reviewer)
    services.submit_for_review(team.draft, team.author)
    services.assign_reviewer(team.draft, team.reviewer, team.staff)
    assert client.get(url).status_code == 403
    client.force_login(team.co_author)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.imscc"')


def _api(team: Team) -> str:
    return f"/api/v1/authoring/drafts/{team.draft.uuid}/commoncartridge"


def _post(api_client: SchemaCheckedClient, url: str, upload: SimpleUploadedFile) -> Any:
    return api_client.post(
        url,
        data=encode_multipart(BOUNDARY, {"file": upload}),
        content_type=f"multipart/form-data; boundary={BOUNDARY}",
    )


def test_api_imports_with_its_report_and_exports(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    api_client.force_login(team.author)
    response = _post(api_client, _api(team), _upload(cartridges.every_kind()))
    assert response.status_code == 200, response.json()
    body = response.json()
    assert body["version"] == "1.3" and body["title"] == "Infection prevention basics"
    assert [one["kind"] for one in body["imported"]] == ["page", "link", "discussion", "quiz"]
    assert body["imported"][2]["notes"][0]["code"] == "discussion_as_lesson"
    assert body["skipped"][2] == {
        "identifier": "i-lti",
        "title": "Simulation tool",
        "reason": "lti_link",
        "message": "An LTI link is not imported; register the tool and add it as an external "
        "tool lesson.",
    }
    exported = api_client.get(_api(team))
    assert exported.status_code == 200 and exported["Content-Type"] == "application/zip"
    assert check_structure(exported.content) == []


@pytest.mark.parametrize(
    ("content", "status", "code"),
    [
        (b"", 400, "file_empty"),
        (b"PK\x03\x04broken", 400, "package_not_a_zip"),
        (zip_of({"a.html": "x"}), 400, "cartridge_not_a_cartridge"),
    ],
)
def test_api_refuses_what_is_no_cartridge(
    api_client: SchemaCheckedClient, team: Team, content: bytes, status: int, code: str
) -> None:
    api_client.force_login(team.author)
    response = _post(api_client, _api(team), _upload(content))
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert DraftModule.objects.filter(draft=team.draft).count() == 1


def test_api_refuses_a_cartridge_too_large_and_an_outsider(
    api_client: SchemaCheckedClient, team: Team, settings: SettingsWrapper
) -> None:
    api_client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    assert _post(api_client, _api(team), _upload(cartridges.every_kind())).status_code == 403
    assert api_client.get(_api(team)).status_code == 403
    settings.PACKAGE_UPLOAD_MAX_BYTES = 100
    api_client.force_login(team.author)
    response = _post(api_client, _api(team), _upload(cartridges.every_kind()))
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "file_too_large"


def test_a_published_course_is_exported_as_last_published(
    api_client: SchemaCheckedClient, team: Team
) -> None:
    _filled(team)
    approve(team)
    services.publish(team.draft, team.staff)
    team.draft.refresh_from_db()
    assert team.draft.published_version is not None
    slug = team.draft.published_version.course.slug
    api_client.force_login(team.author)
    response = api_client.get(f"/api/v1/authoring/courses/{slug}/commoncartridge")
    assert response.status_code == 200
    assert check_structure(response.content) == []
    assert b"Recognising distress" in zipfile.ZipFile(io.BytesIO(response.content)).read(
        "imsmanifest.xml"
    )
    api_client.force_login(UserFactory.create())
    refused = api_client.get(f"/api/v1/authoring/courses/{slug}/commoncartridge")
    assert refused.status_code == 403


def test_the_draft_page_imports_and_shows_the_report(team: Team) -> None:
    client = Client()
    client.force_login(team.author)
    page = client.get(reverse("authoring:draft", args=[team.draft.uuid]))
    assert "Import a Common Cartridge" in page.content.decode()
    assert "Export as Common Cartridge 1.3" in page.content.decode()
    response = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {"action": "import_cartridge", "cartridge": _upload(cartridges.every_kind())},
        follow=True,
    )
    report_url = reverse("authoring:cartridge_report", args=[team.draft.uuid])
    assert response.redirect_chain == [(report_url, 302)]
    assert response.status_code == 200
    html = response.content.decode()
    assert "4 lessons and quizzes were added to the draft." in html
    assert "5 items could not be imported." in html
    assert "lti_link" in html and "Why hands matter" in html
    refused = client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {"action": "import_cartridge", "cartridge": _upload(b"PK\x03\x04broken")},
    )
    assert refused.status_code == 400
    told = "The file is not a zip archive, or it is damaged."
    assert f'id="id_cartridge_error">{told}' in refused.text
    assert marked_invalid(refused.text, "id_cartridge")
    assert refused.text.count(told) == 2 and MESSAGES_ABOVE not in refused.text


def test_pictures_and_files_of_a_lesson_travel_out_and_back(team: Team) -> None:
    _import(team, cartridges.every_kind())
    exported = export_cartridge(team.draft)
    assert check_structure(exported) == []
    names = zipfile.ZipFile(io.BytesIO(exported)).namelist()
    assert any(n.startswith("web_resources/") and n.endswith(".webp") for n in names)
    assert any(n.endswith("/poster.pdf") for n in names)
    organisation = OrganisationFactory.create()
    author = member(organisation, Role.AUTHOR)
    target = services.start_draft(author, organisation, title="Copy", language="en")
    upload = _upload(exported)
    import_cartridge(target, author, upload, size=upload.size)
    page = DraftLesson.objects.get(module__draft=target, title="Why hands matter")
    assert "![The five moments](/courses/lesson-images/" in page.body
    assert [a["name"] for a in page.attachments] == ["poster.pdf"]
    assert f"[poster](/courses/files/{page.attachments[0]['key']}/)" in page.body
    topic = DraftLesson.objects.get(module__draft=target, title="Your ward")
    assert "How does **your ward** remind staff?" in topic.body


def test_a_document_in_the_organisation_becomes_a_lesson_offering_it(team: Team) -> None:
    files = cartridges.files(
        extra_items='<item identifier="i-pdf" identifierref="r-pdf"><title>Poster</title></item>',
        extra_resources='<resource identifier="r-pdf" type="webcontent"'
        ' href="web_resources/poster.pdf"><file href="web_resources/poster.pdf"/></resource>',
    )
    report = _import(team, zip_of(files))
    lesson = DraftLesson.objects.get(module__draft=team.draft, title="Poster")
    assert lesson.module.title == "Infection prevention basics"
    assert [a["name"] for a in lesson.attachments] == ["poster.pdf"]
    assert lesson.body == f"[Poster](/courses/files/{lesson.attachments[0]['key']}/)"
    assert ("i-pdf", "page") in [(p.identifier, p.kind) for p in report.imported]
