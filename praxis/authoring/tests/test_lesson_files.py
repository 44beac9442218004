"""Files for learners attached to a draft's lessons: documents, spreadsheets, slides, text and
sound, each proven by its content; what is refused (with its code, keeping nothing); who may
download them before and after publication; and how a published version keeps its files."""

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import LazySettings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import services
from praxis.authoring.models import DraftLesson
from praxis.authoring.services import media
from praxis.authoring.tests.conftest import Team, approve
from praxis.authoring.tests.factories import member
from praxis.catalog.models import Course, Lesson, LessonFile
from praxis.catalog.services import enrol
from praxis.core.errors import ErrorCode, PermissionDenied, PraxisError
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 32
WAV = b"RIFF\x24\x00\x00\x00WAVEfmt " + b"\x00" * 32


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
ODS = _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b""})


def _file(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _stored(settings: LazySettings) -> list[str]:
    return sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("Handout.pdf", PDF, "application/pdf"),
        (
            "Checklist.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("Doses.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
        ("Cases.csv", "district,cases\nNyeri,12\nكسلا,4\n".encode(), "text/csv"),
        ("Notes.txt", b"Listen first.\r\n\tThen ask.", "text/plain"),
        ("Interview.mp3", MP3, "audio/mpeg"),
        ("Interview.wav", WAV, "audio/wav"),
    ],
)
def test_author_attaches_a_file_recognised_by_its_content(
    team: Team, name: str, content: bytes, media_type: str
) -> None:
    attached = media.attach_file(team.lessons[0], team.author, _file(name, content))
    assert (attached["name"], attached["type"], attached["size"]) == (
        name,
        media_type,
        len(content),
    )
    lesson = DraftLesson.objects.get(pk=team.lessons[0].pk)
    assert lesson.attachments == [attached]
    assert team.draft.history.filter(detail_code="lesson_file").exists()


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("Handout.pdf", b"", ErrorCode.FILE_EMPTY),
        ("page.html", b"<html><script>alert(1)</script></html>", ErrorCode.FILE_TYPE_NOT_ALLOWED),
        ("setup.exe", b"MZ\x90\x00", ErrorCode.FILE_TYPE_NOT_ALLOWED),
        ("no-ending", PDF, ErrorCode.FILE_TYPE_NOT_ALLOWED),
        (".pdf", PDF, ErrorCode.FILE_TYPE_NOT_ALLOWED),
        ("Handout.pdf", b"<html><script>alert(1)</script></html>", ErrorCode.FILE_DISGUISED),
        ("Handout.pdf", MP3, ErrorCode.FILE_DISGUISED),
        ("Checklist.docx", b"PK\x03\x04 not really a zip", ErrorCode.FILE_DISGUISED),
        ("Checklist.docx", ODS, ErrorCode.FILE_DISGUISED),
        ("Notes.txt", PDF[:4] + b"\x00\x01binary", ErrorCode.FILE_DISGUISED),
        ("Notes.txt", b"\xff\xfe not utf-8", ErrorCode.FILE_DISGUISED),
        ("Interview.mp3", PDF, ErrorCode.FILE_DISGUISED),
    ],
)
def test_a_refused_file_keeps_nothing(
    team: Team, settings: LazySettings, name: str, content: bytes, code: ErrorCode
) -> None:
    with pytest.raises(PraxisError) as refused:
        media.attach_file(team.lessons[0], team.author, _file(name, content))
    assert refused.value.code == code
    assert refused.value.fields["file"]
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).attachments == []
    assert _stored(settings) == []


def test_no_file_at_all_and_a_file_too_large_are_refused(
    team: Team, settings: LazySettings
) -> None:
    with pytest.raises(PraxisError) as missing:
        media.attach_file(team.lessons[0], team.author, None)
    assert missing.value.code == ErrorCode.FILE_EMPTY
    settings.LESSON_FILE_MAX_BYTES = 10
    with pytest.raises(PraxisError) as huge:
        media.attach_file(team.lessons[0], team.author, _file("Handout.pdf", PDF))
    assert huge.value.code == ErrorCode.FILE_TOO_LARGE and huge.value.status == 413
    assert _stored(settings) == []


def test_a_name_with_folders_and_quotes_is_cleaned(team: Team) -> None:
    upload = _file('..\\..\\evil"; x=.pdf', PDF)
    attached = media.attach_file(team.lessons[0], team.author, upload)
    assert attached["name"] == "evil x=.pdf"
    assert attached["file"].startswith("lesson-files/") and "evil" not in attached["file"]


def test_the_wrong_user_and_a_draft_in_review_are_refused(
    team: Team, settings: LazySettings
) -> None:
    outsider = member(OrganisationFactory.create(), Role.AUTHOR)
    with pytest.raises(PermissionDenied):
        media.attach_file(team.lessons[0], outsider, _file("Handout.pdf", PDF))
    with pytest.raises(PermissionDenied):
        media.attach_file(team.lessons[0], team.reviewer, _file("Handout.pdf", PDF))
    attached = media.attach_file(team.lessons[0], team.author, _file("Handout.pdf", PDF))
    with pytest.raises(PermissionDenied):
        media.remove_file(team.lessons[0], outsider, attached["key"])
    approve(team)
    with pytest.raises(PraxisError) as locked:
        media.attach_file(team.lessons[0], team.author, _file("More.pdf", PDF))
    assert locked.value.code == ErrorCode.DRAFT_NOT_EDITABLE
    with pytest.raises(PraxisError) as locked_removal:
        media.remove_file(team.lessons[0], team.author, attached["key"])
    assert locked_removal.value.code == ErrorCode.DRAFT_NOT_EDITABLE
    assert len(DraftLesson.objects.get(pk=team.lessons[0].pk).attachments) == 1
    assert len(_stored(settings)) == 1


def test_author_removes_a_file_and_an_unknown_one_is_not_found(team: Team) -> None:
    attached = media.attach_file(team.lessons[0], team.author, _file("Handout.pdf", PDF))
    with pytest.raises(PraxisError) as unknown:
        media.remove_file(team.lessons[0], team.author, "not-a-key")
    assert unknown.value.status == 404
    media.remove_file(team.lessons[0], team.co_author, attached["key"])
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).attachments == []
    assert team.draft.history.filter(detail_code="removed_lesson_file").exists()


def _publish(team: Team) -> Course:
    approve(team)
    course = services.publish(team.draft, team.staff).course
    assert course is not None
    return course


def test_learners_download_a_published_file_others_do_not(client: Client, team: Team) -> None:
    attached = media.attach_file(team.lessons[0], team.author, _file("Handout.pdf", PDF))
    link = reverse("catalog:attachment", args=[attached["key"]])
    # Before publication: the team follows the link, nobody else.
    client.force_login(team.co_author)
    early = client.get(link)
    assert early.status_code == 200 and early["Content-Type"] == "application/pdf"
    assert b"".join(early.streaming_content) == PDF  # type: ignore[attr-defined]  # a FileResponse streams; the stubs type a plain one
    client.force_login(UserFactory.create())
    assert client.get(link).status_code == 404
    course = _publish(team)
    lesson = Lesson.objects.get(uuid=team.lessons[0].key)
    learner = UserFactory.create()
    enrol(learner, course)
    client.force_login(learner)
    page = client.get(reverse("catalog:lesson", args=[course.slug, lesson.uuid])).text
    assert f'href="{link}"' in page, page
    assert "Handout.pdf" in page and "(PDF, 45\xa0bytes)" in page
    download = client.get(link)
    assert download["Content-Type"] == "application/pdf"
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith('attachment; filename="Handout.pdf"')
    assert b"".join(download.streaming_content).startswith(b"%PDF-")  # type: ignore[attr-defined]  # a FileResponse streams; the stubs type a plain one
    client.force_login(UserFactory.create())  # signed in, not enrolled
    assert client.get(link).status_code == 403
    client.logout()
    assert client.get(link).status_code in (302, 401, 403)
    assert client.get(
        reverse("catalog:attachment", args=["00000000-0000-0000-0000-000000000000"])
    ).status_code in (
        302,
        401,
        403,
        404,
    )


def test_a_published_version_keeps_its_files_while_the_next_removes_one(
    client: Client, team: Team, settings: LazySettings
) -> None:
    first = media.attach_file(team.lessons[0], team.author, _file("Handout.pdf", PDF))
    media.attach_file(team.lessons[0], team.author, _file("Interview.mp3", MP3))
    course = _publish(team)
    lesson = Lesson.objects.get(uuid=team.lessons[0].key)
    assert set(lesson.files.values_list("title", flat=True)) == {"Handout.pdf", "Interview.mp3"}
    following = services.start_new_version(course, team.author)
    draft_lesson = DraftLesson.objects.get(module__draft=following, key=lesson.uuid)
    assert {item["name"] for item in draft_lesson.attachments} == {"Handout.pdf", "Interview.mp3"}
    media.remove_file(draft_lesson, team.author, first["key"])
    # Until the next version is published, learners still have both.
    assert lesson.files.count() == 2
    team.draft = following
    course = _publish(team)
    assert list(lesson.files.values_list("title", flat=True)) == ["Interview.mp3"]
    assert "Handout.pdf" not in _stored(settings) and len(_stored(settings)) == 2  # kept


# The lesson editor's form


def test_the_editor_page_attaches_lists_and_removes_files(client: Client, team: Team) -> None:
    client.force_login(team.author)
    editor = reverse("authoring:lesson", args=[team.draft.uuid, team.lessons[0].key])
    sent = client.post(editor, {"action": "attach", "file": _file("Cases.csv", b"a,b\n1,2\n")})
    assert sent.status_code == 302 and sent["Location"].endswith("#files-heading")
    page = client.get(editor).text
    key = DraftLesson.objects.get(pk=team.lessons[0].pk).attachments[0]["key"]
    assert "File attached." in page and f"[Cases.csv](/courses/files/{key}/)" in page
    assert "Cases.csv" in page and "(CSV, 8\xa0bytes)" in page
    refused = client.post(editor, {"action": "attach", "file": _file("Cases.pdf", b"a,b\n")})
    assert refused.status_code == 400
    assert "not the PDF file its name says it is" in refused.text
    form = reverse("authoring:lesson_media", args=[team.draft.uuid, team.lessons[0].key])
    client.post(form, {"action": "remove_file", "file": key})
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).attachments == []


def test_the_editor_form_refuses_another_organisation(client: Client, team: Team) -> None:
    client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    editor = reverse("authoring:lesson", args=[team.draft.uuid, team.lessons[0].key])
    response = client.post(editor, {"action": "attach", "file": _file("Handout.pdf", PDF)})
    assert response.status_code in (403, 404)
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).attachments == []


# The API


def test_api_attaches_and_removes_a_file(
    api_client: SchemaCheckedClient, client: Client, team: Team
) -> None:
    client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{team.lessons[0].key}/files"
    sent = api_client.client.post(url, {"file": _file("Handout.pdf", PDF)})
    api_client.check("post", url, sent)
    assert sent.status_code == 201
    (attached,) = sent.json()["attachments"]
    assert attached["name"] == "Handout.pdf" and attached["media_type"] == "application/pdf"
    assert attached["markdown"] == f"[Handout.pdf]({attached['url']})"
    removed = api_client.delete(f"{url}/{attached['key']}")
    assert removed.status_code == 200 and removed.json()["attachments"] == []
    assert api_client.delete(f"{url}/{attached['key']}").status_code == 404


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("Handout.pdf", b"", 400, "file_empty"),
        ("page.html", b"<html></html>", 400, "file_type_not_allowed"),
        ("Handout.pdf", b"<html></html>", 400, "file_disguised"),
    ],
)
def test_api_refuses_bad_files(
    api_client: SchemaCheckedClient,
    client: Client,
    team: Team,
    name: str,
    content: bytes,
    status: int,
    code: str,
) -> None:
    client.force_login(team.author)
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{team.lessons[0].key}/files"
    sent = api_client.client.post(url, {"file": _file(name, content)})
    api_client.check("post", url, sent)
    assert sent.status_code == status and sent.json()["error"]["code"] == code
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).attachments == []


def test_api_refuses_too_large_the_wrong_user_and_a_locked_draft(
    api_client: SchemaCheckedClient, client: Client, team: Team, settings: SettingsWrapper
) -> None:
    url = f"/api/v1/authoring/drafts/{team.draft.uuid}/lessons/{team.lessons[0].key}/files"
    client.force_login(team.author)
    settings.LESSON_FILE_MAX_BYTES = 10
    huge = api_client.client.post(url, {"file": _file("Handout.pdf", PDF)})
    api_client.check("post", url, huge)
    assert huge.status_code == 413 and huge.json()["error"]["code"] == "file_too_large"
    settings.LESSON_FILE_MAX_BYTES = 1024
    client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    stranger = api_client.client.post(url, {"file": _file("Handout.pdf", PDF)})
    api_client.check("post", url, stranger)
    assert stranger.status_code in (403, 404)
    approve(team)
    client.force_login(team.author)
    locked = api_client.client.post(url, {"file": _file("Handout.pdf", PDF)})
    api_client.check("post", url, locked)
    assert locked.status_code == 409 and locked.json()["error"]["code"] == "draft_not_editable"
    assert DraftLesson.objects.get(pk=team.lessons[0].pk).attachments == []
    assert not LessonFile.objects.exists()
