"""A draft's pictures, recordings and files: the course image, and each lesson's video (a link or
an uploaded file), its low-resolution and audio-only copies, its caption tracks, and the files
learners download from it.

Each service checks the edit rule and the input before it writes anything, records a history
entry, and is carried to the course when the draft is published.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.authoring.editing import record as _record
from praxis.authoring.editing import require_editable as _require_editable
from praxis.authoring.editing import touch as _touch
from praxis.authoring.models import Draft, DraftLesson, HistoryEntry
from praxis.catalog import attachments as lesson_files
from praxis.catalog import captions as caption_files
from praxis.catalog import images, recordings
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.core.languages import canonical_tag, clean_language_tag
from praxis.core.people import Person

RECORDINGS_FOLDER = "lesson-recordings"


def _lesson_edited(lesson: DraftLesson, by: Person, code: str, **values: str) -> None:
    draft = lesson.module.draft
    _touch(draft, by)
    _record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code=code,
        values={"title": lesson.title, "key": lesson.key, **values},
    )


@transaction.atomic
def set_recording(
    lesson: DraftLesson, by: Person, kind: str, *, url: Any = None, upload: Any = None
) -> DraftLesson:
    """Give the lesson its video (`kind` "video"), low-resolution copy ("low") or sound alone
    ("audio"): a web address, or an uploaded file recognised by its first bytes."""
    _require_editable(lesson.module.draft, by)
    recordings.check_kind(kind)
    if upload is not None:
        media_type = recordings.check_upload(upload, kind)
        name = f"{RECORDINGS_FOLDER}/{uuid.uuid4().hex}.{recordings.EXTENSIONS[media_type]}"
        upload.seek(0)
        stored = default_storage.save(name, File(upload))
        item: dict[str, Any] = {"file": stored, "type": media_type, "size": int(upload.size)}
    else:
        item = {"url": recordings.check_link(url)}
    lesson = DraftLesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.recordings = {**lesson.recordings, kind: item}
    lesson.save(update_fields=["recordings"])
    _lesson_edited(lesson, by, "lesson_video")
    return lesson


@transaction.atomic
def remove_recording(lesson: DraftLesson, by: Person, kind: str) -> DraftLesson:
    """Take a recording off the lesson (the file stays for the versions already published)."""
    _require_editable(lesson.module.draft, by)
    recordings.check_kind(kind)
    lesson = DraftLesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.recordings = {k: v for k, v in lesson.recordings.items() if k != kind}
    lesson.save(update_fields=["recordings"])
    _lesson_edited(lesson, by, "lesson_video")
    return lesson


def _language(language: Any) -> str:
    """The captions' language: any tag of the language registry, in canonical form."""
    return clean_language_tag(language)


@transaction.atomic
def set_captions(lesson: DraftLesson, by: Person, language: Any, upload: Any) -> DraftLesson:
    """Add (or replace) the lesson's caption track in `language` from a WebVTT file; its words
    become the lesson's transcript in that language."""
    _require_editable(lesson.module.draft, by)
    code = _language(language)
    if upload is None:
        raise ValidationFailed(
            ErrorCode.CAPTIONS_NOT_WEBVTT,
            _("Choose a WebVTT (.vtt) caption file."),
            fields={"captions": [_("Choose a file.")]},
        )
    upload.seek(0)
    data = upload.read(caption_files.MAX_CAPTION_BYTES + 1)
    cues = caption_files.parse(data)
    lesson = DraftLesson.objects.select_for_update().get(pk=lesson.pk)
    others = [
        track for track in lesson.captions if canonical_tag(str(track.get("language"))) != code
    ]
    if len(others) >= caption_files.MAX_TRACKS:
        raise ValidationFailed(
            ErrorCode.INVALID_INPUT,
            _("A lesson can have at most 12 caption tracks."),
            fields={"captions": [_("Too many caption tracks.")]},
        )
    track = {
        "language": code,
        "vtt": data.decode("utf-8").removeprefix("\ufeff"),
        "text": caption_files.transcript(cues),
    }
    lesson.captions = sorted([*others, track], key=lambda t: str(t["language"]))
    lesson.save(update_fields=["captions"])
    _lesson_edited(lesson, by, "lesson_captions")
    return lesson


@transaction.atomic
def remove_captions(lesson: DraftLesson, by: Person, language: Any) -> DraftLesson:
    """Take the lesson's caption track in `language` off."""
    _require_editable(lesson.module.draft, by)
    code = _language(language)
    lesson = DraftLesson.objects.select_for_update().get(pk=lesson.pk)
    lesson.captions = [
        track for track in lesson.captions if canonical_tag(str(track.get("language"))) != code
    ]
    lesson.save(update_fields=["captions"])
    _lesson_edited(lesson, by, "lesson_captions")
    return lesson


@transaction.atomic
def set_image(draft: Draft, by: Person, upload: Any, alt: Any) -> Draft:
    """Give the course its image (re-encoded in a few widths), described by `alt`."""
    _require_editable(draft, by)
    if upload is None:
        images.check_alt(alt)
        raise ValidationFailed(
            ErrorCode.INVALID_IMAGE,
            images.INVALID,
            fields={"image": [_("Choose a picture.")]},
        )
    stored = images.store(upload, alt)
    Draft.objects.filter(pk=draft.pk).update(image=stored)
    _touch(draft, by)
    _record(draft, by, HistoryEntry.Action.EDITED, code="course_image")
    draft.refresh_from_db()
    return draft


@transaction.atomic
def describe_image(draft: Draft, by: Person, alt: Any) -> Draft:
    """Change the course image's alternative text."""
    _require_editable(draft, by)
    text = images.check_alt(alt)
    if not draft.image.get("key"):
        raise ValidationFailed(
            ErrorCode.INVALID_IMAGE,
            _("The course has no image yet."),
            fields={"image": [_("Choose a picture.")]},
        )
    Draft.objects.filter(pk=draft.pk).update(image={**draft.image, "alt": text})
    _touch(draft, by)
    _record(draft, by, HistoryEntry.Action.EDITED, code="course_image")
    draft.refresh_from_db()
    return draft


@transaction.atomic
def remove_image(draft: Draft, by: Person) -> Draft:
    _require_editable(draft, by)
    Draft.objects.filter(pk=draft.pk).update(image={})
    _touch(draft, by)
    _record(draft, by, HistoryEntry.Action.EDITED, code="course_image")
    draft.refresh_from_db()
    return draft


@transaction.atomic
def add_lesson_image(lesson: DraftLesson, by: Person, upload: Any, alt: Any) -> str:
    """Keep a picture for the lesson's text (checked, re-encoded, at most 960 pixels wide) and
    return the Markdown that shows it, with its required description."""
    _require_editable(lesson.module.draft, by)
    if upload is None:
        images.check_alt(alt)
        raise ValidationFailed(
            ErrorCode.INVALID_IMAGE, images.INVALID, fields={"image": [_("Choose a picture.")]}
        )
    stored = images.store(upload, alt, folder=images.LESSON_FOLDER)
    _lesson_edited(lesson, by, "lesson_image")
    return images.lesson_image_markdown(stored)


MAX_ATTACHMENTS = 20


def _locked(lesson: DraftLesson) -> DraftLesson:
    """The lesson as it is now, with its draft, held until the change is committed."""
    return DraftLesson.objects.select_for_update().select_related("module__draft").get(pk=lesson.pk)


@transaction.atomic
def attach_file(lesson: DraftLesson, by: Person, upload: Any) -> dict[str, Any]:
    """Attach a file for learners to download (a document, spreadsheet, slides, text or sound,
    its type proven by its content) and return it; nothing is kept when it is refused."""
    lesson = _locked(lesson)
    _require_editable(lesson.module.draft, by)
    if len(lesson.attachments) >= MAX_ATTACHMENTS:
        message = _("A lesson can have at most 20 files.")
        raise ValidationFailed(ErrorCode.INVALID_INPUT, message, fields={"file": [message]})
    attached = lesson_files.store(upload)
    lesson.attachments = [*lesson.attachments, attached]
    lesson.save(update_fields=["attachments"])
    _lesson_edited(lesson, by, "lesson_file", name=attached["name"])
    return attached


@transaction.atomic
def remove_file(lesson: DraftLesson, by: Person, key: Any) -> DraftLesson:
    """Take a file off the lesson. Its stored copy stays: the versions already published
    keep offering it until a new version without it is published."""
    lesson = _locked(lesson)
    _require_editable(lesson.module.draft, by)
    removed = next((item for item in lesson.attachments if item["key"] == str(key)), None)
    if removed is None:
        raise NotFound(message=_("This lesson has no such file."))
    lesson.attachments = [item for item in lesson.attachments if item is not removed]
    lesson.save(update_fields=["attachments"])
    _lesson_edited(lesson, by, "removed_lesson_file", name=str(removed["name"]))
    return lesson
