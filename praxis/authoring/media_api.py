"""The co-creation API for a draft's settings, image, and its lessons' recordings, captions and
files for learners.

Files go as multipart forms; everything else as JSON. Each answer is the draft's or the lesson's
media as they now are.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from django.urls import reverse
from ninja import Field, File, Router, Schema, Status
from ninja.files import UploadedFile

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.authoring import queries, services
from praxis.authoring.models import Draft, DraftLesson
from praxis.authoring.services import media
from praxis.catalog import attachments, images
from praxis.catalog.models import Topic
from praxis.core.schemas import errors

router = Router(tags=["co-creation"])


class DraftRecordingOut(Schema):
    kind: str = Field(..., description="video, low (low resolution) or audio (sound only)")
    url: str = Field("", description="The web address of a linked recording")
    media_type: str = Field("", description="The type of a file kept by Praxis")
    size: int = 0


class DraftAttachmentOut(Schema):
    key: UUID
    name: str = Field(..., description="The file's name, as learners see it")
    media_type: str = Field(..., description="The type its content showed")
    size: int
    url: str = Field(..., description="Its address, for the team and, once published, learners")
    markdown: str = Field(..., description="The Markdown link to it, for the lesson's text")


class DraftLessonMediaOut(Schema):
    key: UUID
    recordings: list[DraftRecordingOut]
    captions: list[str] = Field(..., description="The languages with a caption track")
    attachments: list[DraftAttachmentOut] = Field(..., description="Files for learners")

    # Built field by field: recordings, captions, attachments come from JSON; links reversed.
    @staticmethod
    def of(lesson: DraftLesson) -> DraftLessonMediaOut:
        return DraftLessonMediaOut(
            key=lesson.key,
            recordings=[
                DraftRecordingOut(
                    kind=kind,
                    url=str(item.get("url", "")),
                    media_type=str(item.get("type", "")),
                    size=int(item.get("size", 0)),
                )
                for kind, item in lesson.recordings.items()
            ],
            captions=[str(track["language"]) for track in lesson.captions],
            attachments=[
                DraftAttachmentOut(
                    key=item["key"],
                    name=str(item["name"]),
                    media_type=str(item["type"]),
                    size=int(item["size"]),
                    url=reverse("catalog:attachment", args=[item["key"]]),
                    markdown=attachments.markdown_link(item["key"], str(item["name"])),
                )
                for item in lesson.attachments
            ],
        )


class DraftImageOut(Schema):
    alt: str
    width: int
    height: int
    sources: list[str] = Field(..., description="Its addresses, every width, WebP then JPEG")


class DraftSettingsOut(Schema):
    revision: int
    title: str
    summary: str
    objectives: list[str]
    prerequisites: list[str]
    level: str
    estimated_hours: Decimal
    cpd_credits: Decimal
    licence: str
    topics: list[str] = Field(..., description="Topic slugs")
    image: DraftImageOut | None

    # Built field by field: topics are slugs and the image's sources parsed from its srcsets.
    @staticmethod
    def of(draft: Draft) -> DraftSettingsOut:
        picture = images.picture(
            draft.image, lambda name: reverse("authoring:image_file", args=[draft.uuid, name])
        )
        return DraftSettingsOut(
            revision=draft.revision,
            title=draft.title,
            summary=draft.summary,
            objectives=list(draft.objectives),
            prerequisites=list(draft.prerequisites),
            level=draft.level,
            estimated_hours=draft.estimated_hours,
            cpd_credits=draft.cpd_credits,
            licence=draft.licence,
            topics=[topic.slug for topic in draft.topics.all()],
            image=None
            if picture is None
            else DraftImageOut(
                alt=picture.alt,
                width=picture.width,
                height=picture.height,
                sources=[
                    part.strip().split(" ")[0]
                    for srcset in (picture.webp_srcset, picture.jpeg_srcset)
                    for part in srcset.split(",")
                ],
            ),
        )


class DraftSettingsIn(Schema):
    revision: int = Field(..., ge=0, description="The revision the details were read at")
    title: str = Field(..., max_length=200)
    summary: str = Field("", max_length=2000)
    objectives: list[str] = Field(default_factory=list, max_length=50)
    prerequisites: list[str] | None = Field(None, max_length=50)
    level: str = "introductory"
    estimated_hours: float = Field(1.0, ge=0, lt=1000)
    cpd_credits: float = Field(0, ge=0, lt=1000)
    licence: str | None = Field(None, max_length=200)
    topics: list[str] | None = Field(None, max_length=50, description="Topic slugs")


def _topic_ids(slugs: list[str] | None) -> list[Any] | None:
    if slugs is None:
        return None
    known = dict(Topic.objects.filter(slug__in=slugs).values_list("slug", "pk"))
    # An unknown slug stays unknown, for the service to refuse.
    return [known.get(slug, f"unknown:{slug}") for slug in slugs]


@router.get(
    "/authoring/drafts/{draft}/settings",
    response={200: DraftSettingsOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_settings(request: SignedInRequest, draft: UUID) -> DraftSettingsOut:
    """The course's details in the draft: description, topics, licence, prerequisites, image."""
    return DraftSettingsOut.of(queries.find_draft(request.user, draft))


@router.put(
    "/authoring/drafts/{draft}/settings",
    response={200: DraftSettingsOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def save_settings(
    request: SignedInRequest, draft: UUID, payload: DraftSettingsIn
) -> DraftSettingsOut:
    """Save the course's details; topics, licence and prerequisites left out stay as they are.
    409 stale_save if someone saved them after the given revision."""
    found = queries.find_draft(request.user, draft)
    saved = services.update_details(
        found,
        request.user,
        revision=payload.revision,
        details=services.CourseDetails(
            title=payload.title,
            summary=payload.summary,
            objectives=payload.objectives,
            estimated_hours=payload.estimated_hours,
            cpd_credits=payload.cpd_credits,
            level=payload.level,
            topic_ids=_topic_ids(payload.topics),
            licence=payload.licence,
            prerequisites=payload.prerequisites,
        ),
    )
    return DraftSettingsOut.of(saved)


IMAGE_FORM = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "image": {"type": "string", "format": "binary"},
                        "alt": {"type": "string", "maxLength": 250},
                    },
                    "required": ["image", "alt"],
                }
            }
        }
    }
}


# The form is read after the draft is found and its access checked, so that a stranger is
# refused (403) whatever they send.
@router.post(
    "/authoring/drafts/{draft}/image",
    response={200: DraftSettingsOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
    openapi_extra=IMAGE_FORM,
)
def set_image(request: SignedInRequest, draft: UUID) -> DraftSettingsOut:
    """Set the course image (multipart: `image`, PNG, JPEG, WebP or GIF up to 5 MB, and `alt`,
    its required description); it is kept in widths of 160, 320, 640 and 960 pixels."""
    found = queries.find_draft(request.user, draft)
    saved = media.set_image(
        found, request.user, request.FILES.get("image"), request.POST.get("alt", "")
    )
    return DraftSettingsOut.of(saved)


@router.get(
    "/authoring/drafts/{draft}/lessons/{key}/media",
    response={200: DraftLessonMediaOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_lesson_media(request: SignedInRequest, draft: UUID, key: UUID) -> DraftLessonMediaOut:
    """The lesson's recordings and the languages of its caption tracks."""
    found = queries.find_draft(request.user, draft)
    return DraftLessonMediaOut.of(queries.find_lesson(found, key))


class RecordingLinkIn(Schema):
    url: str = Field(..., max_length=500, description="The recording's web address")


@router.put(
    "/authoring/drafts/{draft}/lessons/{key}/recordings/{kind}",
    response={200: DraftLessonMediaOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def link_recording(
    request: SignedInRequest, draft: UUID, key: UUID, kind: str, payload: RecordingLinkIn
) -> DraftLessonMediaOut:
    """Give the lesson its `video`, `low` (low-resolution) or `audio` recording as a link."""
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    saved = media.set_recording(lesson, request.user, kind, url=payload.url)
    return DraftLessonMediaOut.of(saved)


@router.post(
    "/authoring/drafts/{draft}/lessons/{key}/recordings/{kind}/file",
    response={200: DraftLessonMediaOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
)
def upload_recording(
    request: SignedInRequest, draft: UUID, key: UUID, kind: str, file: File[UploadedFile]
) -> DraftLessonMediaOut:
    """Upload the lesson's `video`, `low` or `audio` recording (multipart `file`: MP4, WebM or
    Ogg video; MP3, M4A, Ogg or WebM sound), recognised by its content. Praxis does not
    transcode."""
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    saved = media.set_recording(lesson, request.user, kind, upload=file)
    return DraftLessonMediaOut.of(saved)


@router.delete(
    "/authoring/drafts/{draft}/lessons/{key}/recordings/{kind}",
    response={200: DraftLessonMediaOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def remove_recording(
    request: SignedInRequest, draft: UUID, key: UUID, kind: str
) -> DraftLessonMediaOut:
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    return DraftLessonMediaOut.of(media.remove_recording(lesson, request.user, kind))


@router.post(
    "/authoring/drafts/{draft}/lessons/{key}/captions/{language}",
    response={200: DraftLessonMediaOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
)
def set_captions(
    request: SignedInRequest,
    draft: UUID,
    key: UUID,
    language: str,
    captions: File[UploadedFile],
) -> DraftLessonMediaOut:
    """Add or replace the caption track in `language` (multipart: `captions`, a WebVTT file
    of at most 512 KB). Malformed files are refused with captions_not_webvtt,
    captions_bad_time or captions_empty, naming the line at fault."""
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    return DraftLessonMediaOut.of(media.set_captions(lesson, request.user, language, captions))


@router.delete(
    "/authoring/drafts/{draft}/lessons/{key}/captions/{language}",
    response={200: DraftLessonMediaOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def remove_captions(
    request: SignedInRequest, draft: UUID, key: UUID, language: str
) -> DraftLessonMediaOut:
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    return DraftLessonMediaOut.of(media.remove_captions(lesson, request.user, language))


@router.post(
    "/authoring/drafts/{draft}/lessons/{key}/files",
    response={201: DraftLessonMediaOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
)
def attach_file(
    request: SignedInRequest, draft: UUID, key: UUID, file: File[UploadedFile]
) -> Status[DraftLessonMediaOut]:
    """Attach a file for learners (multipart `file`: PDF, ODT, ODS, ODP, DOCX, XLSX, PPTX, CSV,
    TXT, MP3, Ogg, M4A or WAV), its name's type proven by its content. Refused with file_empty,
    file_too_large (413), file_type_not_allowed or file_disguised; nothing is kept then."""
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    media.attach_file(lesson, request.user, file)
    return Status(201, DraftLessonMediaOut.of(queries.find_lesson(lesson.module.draft, key)))


@router.delete(
    "/authoring/drafts/{draft}/lessons/{key}/files/{file}",
    response={200: DraftLessonMediaOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def remove_file(
    request: SignedInRequest, draft: UUID, key: UUID, file: UUID
) -> DraftLessonMediaOut:
    """Take a file off the lesson; the versions already published keep it."""
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    return DraftLessonMediaOut.of(media.remove_file(lesson, request.user, file))
