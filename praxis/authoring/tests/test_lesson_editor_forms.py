"""The lesson editor's forms for pictures, recordings, captions and files, as the author sees
them: a refusal told once, on the form that was sent, keeping what was typed and saving nothing;
what was done told in the form's section, where the browser lands."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image
from pytest_django import Settings as SettingsWrapper

from praxis.authoring import services
from praxis.authoring.models import DraftLesson
from praxis.authoring.services import media
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.editor_page import (
    MESSAGES_ABOVE,
    SECTION_MESSAGES,
    marked_invalid,
    section_of,
    send_form,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
ARABIC = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nاغسل يديك بالصابون.\n"


def _picture() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (1200, 600), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("photo.png", buffer.getvalue(), content_type="image/png")


def _vtt(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("captions.vtt", text.encode(), content_type="text/vtt")


def _editor(client: Client, team: Team) -> str:
    client.force_login(team.author)
    return reverse("authoring:lesson", args=[team.draft.uuid, team.lessons[0].key])


def _saved(team: Team) -> DraftLesson:
    return DraftLesson.objects.get(pk=team.lessons[0].pk)


# Refused: told once, on the form that was sent


def test_a_refused_picture_is_told_once_beside_its_form_keeping_the_description(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    not_a_picture = SimpleUploadedFile("ward.png", b"plain text", content_type="image/png")
    shown = send_form(
        client, lesson_url, "image", {"image": not_a_picture, "alt": "A ward at dawn"}
    )
    assert shown.status == 400
    # The browser lands on the form's error summary, in the pictures' section, not the video's.
    assert shown.landing == "error-summary" and shown.lands_in("picture")
    section = shown.section("picture")
    assert 'id="p-image_error">This is not an image we can show.' in section
    assert marked_invalid(section, "p-image")
    # Told once: in the form's error summary, which links to the field that shows it.
    assert shown.text.count("This is not an image we can show.") == 2
    assert "The picture must be a PNG" not in shown.text
    assert MESSAGES_ABOVE not in shown.text
    assert 'value="A ward at dawn"' in section
    # The page shown is the lesson's own: its comments come back to it.
    assert f'name="next" value="{lesson_url}"' in shown.text


def test_a_disguised_file_is_told_once_beside_the_files_form_and_nothing_is_kept(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    disguised = SimpleUploadedFile("Handout.pdf", b"<html><script>alert(1)</script></html>")
    shown = send_form(client, lesson_url, "attach", {"file": disguised})
    assert shown.status == 400
    assert shown.landing == "error-summary" and shown.lands_in("files")
    told = "This file is not the PDF file its name says it is."
    section = shown.section("files")
    assert f'id="f-file_error">{told}' in section
    assert marked_invalid(section, "f-file")
    assert shown.text.count(told) == 2  # the form's error summary and the field
    assert MESSAGES_ABOVE not in shown.text
    assert _saved(team).attachments == []


def test_a_file_too_large_is_refused_with_its_status_beside_the_files_form(
    client: Client, team: Team, settings: SettingsWrapper
) -> None:
    settings.LESSON_FILE_MAX_BYTES = 10
    lesson_url = _editor(client, team)
    shown = send_form(client, lesson_url, "attach", {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert shown.status == 413
    assert 'id="f-file_error">A lesson file can be at most 10' in shown.section("files")
    assert marked_invalid(shown.section("files"), "f-file")
    assert MESSAGES_ABOVE not in shown.text
    assert _saved(team).attachments == []


def test_a_refused_recording_keeps_the_kind_and_address_typed(client: Client, team: Team) -> None:
    lesson_url = _editor(client, team)
    shown = send_form(
        client, lesson_url, "recording", {"kind": "low", "url": "ftp://v.example.org/low.mp4"}
    )
    assert shown.status == 400
    assert shown.landing == "error-summary" and shown.lands_in("video")
    section = shown.section("video")
    told = "Give the full web address, starting with https://."
    assert f'id="r-url_error">{told}' in section
    assert marked_invalid(section, "r-url") and not marked_invalid(section, "r-kind")
    assert shown.text.count(told) == 2
    assert 'value="ftp://v.example.org/low.mp4"' in section
    assert '<option value="low" selected>' in section
    assert MESSAGES_ABOVE not in shown.text
    assert _saved(team).recordings == {}


def test_a_recording_too_large_is_refused_with_the_limit_beside_the_file_field(
    client: Client, team: Team, settings: SettingsWrapper
) -> None:
    settings.LESSON_RECORDING_MAX_BYTES = 10
    lesson_url = _editor(client, team)
    video = SimpleUploadedFile("lesson.mp4", MP4_HEAD, content_type="video/mp4")
    shown = send_form(client, lesson_url, "recording", {"kind": "video", "file": video})
    assert shown.status == 413
    section = shown.section("video")
    assert 'id="r-file_error">A recording can be at most 10' in section
    assert "This file is too large." not in shown.text
    assert marked_invalid(section, "r-file")
    assert MESSAGES_ABOVE not in shown.text
    assert _saved(team).recordings == {}


def test_a_web_page_sent_as_a_video_is_refused_on_the_file_field(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    page = SimpleUploadedFile("lesson.mp4", b"<!doctype html><p>hi</p>", content_type="video/mp4")
    shown = send_form(client, lesson_url, "recording", {"kind": "video", "file": page})
    assert shown.status == 400
    told = "A video must be an MP4, WebM or Ogg file."
    assert f'id="r-file_error">{told}' in shown.section("video")
    assert marked_invalid(shown.section("video"), "r-file")
    assert shown.text.count(told) == 2
    assert MESSAGES_ABOVE not in shown.text
    assert _saved(team).recordings == {}


def test_malformed_captions_are_told_beside_their_form_keeping_the_language(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    shown = send_form(client, lesson_url, "captions", {"language": "ar", "captions": _vtt("hi")})
    assert shown.status == 400
    assert shown.landing == "error-summary" and shown.lands_in("captions")
    section = shown.section("captions")
    assert 'id="c-captions_error">' in section and "WEBVTT" in section
    assert marked_invalid(section, "c-captions")
    assert 'value="ar"' in section, "the language chosen stays chosen"
    assert MESSAGES_ABOVE not in shown.text
    assert _saved(team).captions == []


def test_an_upload_once_the_draft_is_in_review_says_why_above_the_page(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    page = client.get(lesson_url).text  # opened while the draft could still change
    services.submit_for_review(team.draft, team.author)
    sent = client.post(lesson_url, {"action": "attach", "file": SimpleUploadedFile("a.pdf", PDF)})
    assert sent.status_code == 302
    shown = client.get(sent["Location"]).text
    assert "The draft is in review or approved; it can change only after changes are" in shown
    assert MESSAGES_ABOVE in shown
    assert 'value="attach"' in page and 'value="attach"' not in shown
    assert _saved(team).attachments == []


# Done: told in the form's section, where the browser lands


def test_an_added_picture_gives_its_markdown_in_the_pictures_section(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    shown = send_form(client, lesson_url, "image", {"image": _picture(), "alt": "A ward"})
    assert shown.status == 200
    assert shown.landing == "picture-heading"
    section = shown.section("picture")
    assert SECTION_MESSAGES in section
    assert "Picture added." in section and "![A ward](/courses/lesson-images/" in section
    # Once, where the author is: not again above the page.
    assert MESSAGES_ABOVE not in shown.text
    assert shown.text.count("Picture added.") == 1
    assert "data-markdown-toolbar" in shown.text and 'class="editor-wide"' in shown.text


def test_an_attached_file_is_told_in_the_files_section_with_its_link(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    shown = send_form(client, lesson_url, "attach", {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert shown.landing == "files-heading"
    key = _saved(team).attachments[0]["key"]
    section = shown.section("files")
    assert "File attached." in section and f"[a.pdf](/courses/files/{key}/)" in section
    assert MESSAGES_ABOVE not in shown.text and shown.text.count("File attached.") == 1


def test_a_saved_recording_and_captions_are_told_in_their_sections(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    video = SimpleUploadedFile("lesson.mp4", MP4_HEAD, content_type="video/mp4")
    shown = send_form(client, lesson_url, "recording", {"kind": "video", "file": video})
    assert shown.landing == "video-heading"
    assert "Recording saved." in shown.section("video")
    assert MESSAGES_ABOVE not in shown.text
    shown = send_form(client, lesson_url, "captions", {"language": "ar", "captions": _vtt(ARABIC)})
    assert shown.landing == "captions-heading"
    section = shown.section("captions")
    assert "Captions saved." in section and 'name="language" value="ar"' in section
    assert "Recording saved." not in shown.text, "each message is told once"
    assert MESSAGES_ABOVE not in shown.text


def test_what_is_taken_off_is_told_in_its_section(client: Client, team: Team) -> None:
    lesson_url = _editor(client, team)
    media.attach_file(team.lessons[0], team.author, SimpleUploadedFile("a.pdf", PDF))
    media.set_captions(team.lessons[0], team.author, "ar", _vtt(ARABIC))
    media.set_recording(team.lessons[0], team.author, "low", url="https://v.example.org/low")
    shown = send_form(
        client, lesson_url, "remove_file", {"file": _saved(team).attachments[0]["key"]}
    )
    assert (shown.landing, _saved(team).attachments) == ("files-heading", [])
    assert "File removed from the lesson." in shown.section("files")
    shown = send_form(client, lesson_url, "remove_captions", {"language": "ar"})
    assert (shown.landing, _saved(team).captions) == ("captions-heading", [])
    assert "Captions removed." in shown.section("captions")
    shown = send_form(client, lesson_url, "remove_recording", {"kind": "low"})
    assert (shown.landing, _saved(team).recordings) == ("video-heading", {})
    assert "Recording removed." in shown.section("video")
    assert MESSAGES_ABOVE not in shown.text


def test_a_file_already_taken_off_is_told_once_in_the_files_section(
    client: Client, team: Team
) -> None:
    lesson_url = _editor(client, team)
    media.attach_file(team.lessons[0], team.author, SimpleUploadedFile("a.pdf", PDF))
    key = _saved(team).attachments[0]["key"]
    page = client.get(lesson_url).text  # the button is on the page ...
    media.remove_file(team.lessons[0], team.author, key)  # ... when a co-author takes it off
    form = reverse("authoring:lesson_media", args=[team.draft.uuid, team.lessons[0].key])
    sent = client.post(form, {"action": "remove_file", "file": key})
    assert 'value="remove_file"' in page
    assert sent["Location"].endswith("#files-heading")
    shown = client.get(sent["Location"]).text
    assert "This lesson has no such file." in section_of(shown, "files")
    assert shown.count("This lesson has no such file.") == 1
    assert MESSAGES_ABOVE not in shown


def test_a_message_told_elsewhere_still_shows_above_the_page(client: Client, team: Team) -> None:
    lesson_url = _editor(client, team)
    saved = client.post(
        lesson_url,
        {
            "action": "save",
            "title": "Recognising distress",
            "body": "Listen.",
            "revision": _saved(team).revision,
        },
    )
    shown = client.get(saved["Location"]).text
    assert MESSAGES_ABOVE in shown and "Lesson saved." in shown
    assert SECTION_MESSAGES not in shown
