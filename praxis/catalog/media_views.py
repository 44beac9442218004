"""A lesson's recordings, caption tracks and attached files, and a course's image, served by
Praxis itself (so the player makes no request to another site). Recordings, captions and files
are for the course's learners and staff, as the lesson page is (and a draft's files for its
team); a published course's image is for everyone.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from praxis.catalog import hooks, images, queries, recordings, services
from praxis.catalog.models import Course, Lesson, LessonFile
from praxis.catalog.permissions import view_course
from praxis.core.errors import ErrorCode, NotAuthenticated, PermissionDenied
from praxis.core.people import Visitor, signed_in
from praxis.core.permissions import is_staff


def _lesson_for_learner(request: HttpRequest, slug: str, lesson_uuid: UUID) -> Lesson:
    user: Visitor = request.user
    course = queries.visible_course(user, slug)
    lesson = queries.find_lesson(course, lesson_uuid)
    if not signed_in(user):
        raise NotAuthenticated()
    if not is_staff(user) and services.current_enrolment(user, course) is None:
        raise PermissionDenied(
            ErrorCode.NOT_ENROLLED, _("Enrol in this course to watch its recordings.")
        )
    return queries.lesson_shown_to(user, lesson)


def _private(response: HttpResponseBase) -> HttpResponseBase:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
def lesson_recording(
    request: HttpRequest, slug: str, lesson_uuid: UUID, kind: str
) -> HttpResponseBase:
    """A recording Praxis keeps for the lesson, as the type found when it was uploaded."""
    lesson = _lesson_for_learner(request, slug, lesson_uuid)
    item = lesson.recordings.get(kind) if kind in recordings.KINDS else None
    if not item or not item.get("file"):
        raise Http404
    try:
        stored = default_storage.open(str(item["file"]), "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    return _private(FileResponse(stored, content_type=str(item["type"])))


@require_GET
def lesson_captions(
    request: HttpRequest, slug: str, lesson_uuid: UUID, language: str
) -> HttpResponseBase:
    """The lesson's caption track in `language`, as WebVTT."""
    lesson = _lesson_for_learner(request, slug, lesson_uuid)
    track = next((t for t in lesson.captions if t.get("language") == language), None)
    if track is None:
        raise Http404
    response = HttpResponse(str(track["vtt"]), content_type="text/vtt; charset=utf-8")
    return _private(response)


@require_GET
def course_image(request: HttpRequest, slug: str, filename: str) -> FileResponse:
    """One size of the course's image (a name that changes with every new image)."""
    course = queries.visible_course(request.user, slug)
    return images.serve(course.image, filename)


@require_GET
def lesson_image(request: HttpRequest, filename: str) -> FileResponse:
    """A picture an author placed in a lesson's text."""
    return images.serve_lesson_image(filename)


def lesson_player(
    course: Course, lesson: Lesson, content: Lesson, wanted: Any
) -> recordings.Player | None:
    """The player of the lesson whose content is `content`, playing `wanted` if it can."""
    base = reverse("catalog:lesson", args=[course.slug, lesson.uuid])
    return recordings.player(
        content.recordings,
        content.captions,
        str(wanted or ""),
        file_url=lambda kind: reverse(
            "catalog:lesson_recording", args=[course.slug, lesson.uuid, kind]
        ),
        captions_url=lambda code: reverse(
            "catalog:lesson_captions", args=[course.slug, lesson.uuid, code]
        ),
        choice_url=lambda kind: f"{base}?recording={kind}#video-title",
        preferred=get_language() or course.language,
    )


def _attachment_response(stored: str, name: str, content_type: str) -> HttpResponseBase:
    try:
        opened = default_storage.open(stored, "rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(opened, as_attachment=True, filename=name, content_type=content_type)
    return _private(response)


@require_GET
def attachment(request: HttpRequest, key: UUID) -> HttpResponseBase:
    """A file attached to a lesson in co-creation, as the link in the lesson's text names it:
    for the learners and staff of a published course that lists it, or the team of a draft
    that holds it; always a download of the type its content showed."""
    user: Visitor = request.user
    listed = LessonFile.objects.select_related("lesson__module__course").filter(
        key=key, lesson__archived=False
    )
    for found in listed.order_by("-id"):
        course = found.lesson.module.course
        if not view_course.allows(user, course):
            continue
        if is_staff(user) or (
            signed_in(user) and services.current_enrolment(user, course) is not None
        ):
            return _attachment_response(found.file.name or "", found.title, found.content_type)
    for answer in hooks.draft_attachment.ask(user=user, key=key):
        if answer is not None:
            return _attachment_response(answer.file, answer.name, answer.type)
    if not signed_in(user):
        raise NotAuthenticated()
    if listed.exists():
        raise PermissionDenied(
            ErrorCode.NOT_ENROLLED, _("Enrol in this course to download its files.")
        )
    raise Http404
