"""Every change to courses, their content, enrolments and progress.

Each service runs in one transaction and records its xAPI statement in it. Content changes
never lose progress: lessons are archived rather than deleted, progress belongs to a learner
and a lesson (not to an enrolment), and completion counts active lessons only.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.catalog import captions as caption_files
from praxis.catalog import hooks, images, recordings, requirements, search, xapi
from praxis.catalog.cache import catalogue_changed
from praxis.catalog.content import render_markdown, video_errors
from praxis.catalog.models import (
    Course,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonFile,
    LessonProgress,
)
from praxis.catalog.permissions import enrol_in_course, manage_catalogue
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.languages import clean_language_tag
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import require
from praxis.core.rows import the_row
from praxis.credentials import courses as course_certificates
from praxis.lti.tool_side import outcomes as platform_outcomes

__all__ = [
    "add_lesson_file",
    "archive_course",
    "archive_lesson",
    "complete_lesson",
    "complete_lesson_offline",
    "enrol",
    "mark_updates_seen",
    "note_current_enrolment",
    "open_lesson",
    "publish_course",
    "recheck_completion",
    "reindex_course",
    "save_lesson_body",
    "set_lesson_video",
    "withdraw",
]


# Courses


def reindex_course(course: Course) -> None:
    """Bring search and the catalogue's pages up to date with `course` after it, its topics,
    organisations or translations changed (every status: the queries filter)."""
    search.reindex_course(course)
    catalogue_changed()


@transaction.atomic
def publish_course(course: Course, *, by: Person | None = None) -> Course:
    """Open `course` in the catalogue (staff only when `by` is given) and index it."""
    if by is not None:
        require(manage_catalogue, by, course)
    course.status = Course.Status.PUBLISHED
    course.published_at = course.published_at or timezone.now()
    course.save(update_fields=["status", "published_at", "updated_at"])
    reindex_course(course)
    return course


@transaction.atomic
def archive_course(course: Course, *, by: Person | None = None) -> Course:
    """Take `course` out of the catalogue; its learners keep their records and can finish."""
    if by is not None:
        require(manage_catalogue, by, course)
    course.status = Course.Status.ARCHIVED
    course.save(update_fields=["status", "updated_at"])
    reindex_course(course)
    return course


# Content


@transaction.atomic
def save_lesson_body(lesson: Lesson, markdown: str) -> Lesson:
    """Store the lesson's Markdown and its sanitised HTML."""
    lesson.body = markdown
    lesson.body_html = render_markdown(markdown)
    lesson.save()
    return lesson


@transaction.atomic
def set_lesson_video(lesson: Lesson, url: str, transcript: str) -> Lesson:
    """Link a video to the lesson (never embedded); a transcript is required. An empty `url`
    removes the video."""
    url, transcript = url.strip(), transcript.strip()
    if errors := video_errors(url, transcript):
        raise ValidationFailed(message=_("The video link needs fixing."), fields=errors)
    lesson.video_url, lesson.transcript = url, transcript
    lesson.save(update_fields=["video_url", "transcript", "updated_at"])
    return lesson


@transaction.atomic
def set_course_image(
    course: Course, uploaded: Any, alt: Any, *, by: Person | None = None
) -> Course:
    """Give a course its image, re-encoded in a few widths (staff only when `by` is given; a
    draft's image is carried over when it is published)."""
    if by is not None:
        require(manage_catalogue, by, course)
    course.image = images.store(uploaded, alt)
    course.save(update_fields=["image", "updated_at"])
    catalogue_changed()
    return course


@transaction.atomic
def set_lesson_media(
    lesson: Lesson,
    *,
    links: dict[str, str],
    captions: dict[str, bytes],
    by: Person | None = None,
) -> Lesson:
    """Give a lesson linked recordings ({kind: URL}) and caption tracks ({language: WebVTT}),
    checked as in co-creation, and index their words with the course (staff only when `by` is
    given)."""
    course = lesson.module.course
    if by is not None:
        require(manage_catalogue, by, course)
    for kind in links:
        recordings.check_kind(kind)
    checked = {kind: {"url": recordings.check_link(url)} for kind, url in links.items()}
    tracks = []
    for language, data in sorted(captions.items()):
        code = clean_language_tag(language)
        cues = caption_files.parse(data)
        tracks.append(
            {
                "language": code,
                "vtt": data.decode("utf-8").removeprefix("\ufeff"),
                "text": caption_files.transcript(cues),
            }
        )
    lesson.recordings, lesson.captions = checked, tracks
    lesson.save(update_fields=["recordings", "captions", "updated_at"])
    reindex_course(course)
    return lesson


def check_file_size(size: int) -> None:
    """Raise FILE_TOO_LARGE for a file over settings.LESSON_FILE_MAX_BYTES, or an empty one."""
    if size > settings.LESSON_FILE_MAX_BYTES:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE,
            _("Files can be at most %(limit)s.")
            % {"limit": filesizeformat(settings.LESSON_FILE_MAX_BYTES)},
            fields={"file": [_("This file is too large.")]},
        )
    if size <= 0:
        raise ValidationFailed(fields={"file": [_("This file is empty.")]})


@transaction.atomic
def add_lesson_file(
    lesson: Lesson, title: str, uploaded_file: UploadedFile[bytes] | Any
) -> LessonFile:
    """Attach a downloadable file to the lesson, within the size limit."""
    check_file_size(uploaded_file.size or 0)
    title = title.strip() or str(uploaded_file.name or "").rsplit("/", 1)[-1]
    if not title:
        raise ValidationFailed(fields={"title": [_("Give the file a title.")]})
    return LessonFile.objects.create(
        lesson=lesson, title=title[:200], file=uploaded_file, size=uploaded_file.size or 0
    )


@transaction.atomic
def archive_lesson(lesson: Lesson) -> Lesson:
    """Hide the lesson from the course; everyone's progress on it is kept."""
    lesson.archived = True
    lesson.save(update_fields=["archived", "updated_at"])
    return lesson


# Enrolment and progress


# Where a page notes the enrolments it has read, on its own request's learner object.
_NOTED = "_catalog_current_enrolments"


def note_current_enrolment(learner: Visitor, course: Course, enrolment: Enrolment | None) -> None:
    """Let the rest of this request take `enrolment` (just read by a page) as the learner's
    current one in `course`: the links other apps add to the page ask for it again. Kept on
    `learner`, the request's own object, which the next request loads afresh; for pages that
    change no enrolment while they render."""
    if signed_in(learner):
        noted = learner.__dict__.setdefault(_NOTED, {})
        noted[course.pk] = enrolment


def current_enrolment(learner: Visitor, course: Course) -> Enrolment | None:
    """The learner's enrolment in `course` that is in progress or completed, if any."""
    if not signed_in(learner):
        return None
    noted = learner.__dict__.get(_NOTED, {})
    if course.pk in noted:
        return noted[course.pk]  # type: ignore[no-any-return]  # noted by this request's page
    # At most one (catalog_one_current_enrolment).
    return the_row(
        Enrolment.objects.filter(learner=learner, course=course).exclude(
            status=Enrolment.Status.WITHDRAWN
        )
    )


def require_enrolment(learner: Visitor, course: Course) -> Enrolment:
    """The learner's current enrolment in `course`; NotAuthenticated, or
    PermissionDenied(NOT_ENROLLED) without one."""
    return _require_enrolment(learner, course)


def _require_enrolment(learner: Visitor, course: Course) -> Enrolment:
    if not signed_in(learner):
        raise NotAuthenticated()
    enrolment = current_enrolment(learner, course)
    if enrolment is None:
        raise PermissionDenied(
            ErrorCode.NOT_ENROLLED, _("Enrol in this course to follow its lessons.")
        )
    enrolment.course = course
    enrolment.learner = learner
    return enrolment


def _active_lesson_ids(course: Course) -> list[int]:
    return list(
        Lesson.objects.filter(module__course=course, archived=False).values_list("id", flat=True)
    )


def course_percent(learner: Person, course: Course) -> tuple[int, int, int]:
    """(percent, completed, total) over the course's active lessons."""
    lesson_ids = _active_lesson_ids(course)
    done = LessonProgress.objects.filter(
        learner=learner, lesson_id__in=lesson_ids, completed_at__isnull=False
    ).count()
    total = len(lesson_ids)
    return (100 * done // total if total else 0), done, total


def _current_version(course: Course) -> CourseVersion | None:
    """The course's newest published version; None for a course never versioned (made in the
    back office, say)."""
    return course.versions.defer("snapshot").order_by("-number").first()


def report_progress(enrolment: Enrolment, percent: int) -> None:
    """Once the transaction commits, the learning platforms that launched the learner into
    the course (LTI) hear of their progress."""
    learner_id, course = enrolment.learner_id, enrolment.course.uuid
    completed = enrolment.status == Enrolment.Status.COMPLETED
    transaction.on_commit(
        lambda: platform_outcomes.course_progressed(
            learner_id=learner_id, course=course, percent=percent, completed=completed
        )
    )


def _complete_if_done(enrolment: Enrolment, counted: tuple[int, int, int] | None = None) -> bool:
    """Complete an active enrolment whose active lessons are all done; `counted` is the
    `course_percent` the caller already has (counted in this transaction), else it is counted.
    True when it completed the enrolment."""
    if enrolment.status != Enrolment.Status.ACTIVE:
        return False
    percent, _done, total = counted or course_percent(enrolment.learner, enrolment.course)
    if not total or percent < 100:
        return False
    # Higher apps (assessments: required quizzes) answer with what still holds completion back.
    if requirements.outstanding(enrolment.learner, enrolment.course):
        return False
    now = timezone.now()
    enrolment.status, enrolment.completed_at = Enrolment.Status.COMPLETED, now
    enrolment.completed_version = _current_version(enrolment.course)
    enrolment.save(update_fields=["status", "completed_at", "completed_version", "updated_at"])
    xapi.completed(enrolment, now - enrolment.created_at)
    # Once the completion commits, the certificate; `version` is the number of the version
    # completed (None for a course never versioned), so that it names what it was earned on.
    learner, course = enrolment.learner, enrolment.course
    version = enrolment.completed_version.number if enrolment.completed_version else None
    transaction.on_commit(lambda: course_certificates.course_completed(learner, course, version))
    return True


@transaction.atomic
def recheck_completion(learner: Person, course: Course) -> Enrolment | None:
    """Complete the learner's enrolment if every lesson is done and no requirement of another
    app (`hooks.completion_blockers`) holds it back; call it when such a requirement is
    met. Returns the current enrolment, if any."""
    enrolment = current_enrolment(learner, course)
    if enrolment is not None:
        enrolment.learner, enrolment.course = learner, course
        if _complete_if_done(enrolment):
            report_progress(enrolment, 100)
    return enrolment


@transaction.atomic
def enrol(learner: Person, course: Course) -> Enrolment:
    """Enrol `learner` in a published course. Progress from an earlier enrolment resumes."""
    if not signed_in(learner):
        raise NotAuthenticated()
    if course.status != Course.Status.PUBLISHED:
        raise Conflict(ErrorCode.COURSE_NOT_PUBLISHED, _("This course is not open for enrolment."))
    require(enrol_in_course, learner, course)
    if current_enrolment(learner, course) is not None:
        raise Conflict(ErrorCode.ALREADY_ENROLLED, _("You are already enrolled in this course."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                enrolment = Enrolment.objects.create(
                    learner=learner, course=course, version=_current_version(course)
                )
        except IntegrityError as error:  # a simultaneous request enrolled first
            raise Conflict(
                ErrorCode.ALREADY_ENROLLED, _("You are already enrolled in this course.")
            ) from error
        xapi.registered(enrolment)
        hooks.enrolled.send(enrolment=enrolment)
        _complete_if_done(enrolment)
    return enrolment


@transaction.atomic
def withdraw(learner: Person, course: Course) -> Enrolment:
    """End the learner's enrolment in progress. The row and the lesson progress are kept."""
    enrolment = _require_enrolment(learner, course)
    if enrolment.status == Enrolment.Status.COMPLETED:
        raise Conflict(message=_("You have completed this course, so there is nothing to leave."))
    enrolment.status, enrolment.withdrawn_at = Enrolment.Status.WITHDRAWN, timezone.now()
    enrolment.save(update_fields=["status", "withdrawn_at", "updated_at"])
    xapi.exited(enrolment)
    return enrolment


@transaction.atomic
def mark_updates_seen(learner: Person, course: Course, number: Any) -> Enrolment:
    """Record that the learner has seen the changes up to version `number` of `course` (the
    newest shown to them). Never goes back: an older number than one already seen changes
    nothing, so the learner's "Got it" can be sent twice."""
    enrolment = _require_enrolment(learner, course)
    try:
        version = course.versions.defer("snapshot").filter(number=int(number)).first()
    except (TypeError, ValueError):
        version = None
    if version is None:
        raise ValidationFailed(
            message=_("This course has no such version."),
            fields={"version": [_("Choose a version of this course.")]},
        )
    # One conditional update, so two requests at once cannot move it back.
    newer = Q(seen_version__isnull=True) | Q(seen_version__number__lt=version.number)
    if Enrolment.objects.filter(newer, pk=enrolment.pk).update(
        seen_version=version, updated_at=timezone.now()
    ):
        enrolment.seen_version = version
    return enrolment


def _lesson_in_play(lesson: Lesson) -> Course:
    if lesson.archived:
        raise NotFound(ErrorCode.NOT_FOUND, _("This lesson is no longer part of the course."))
    return lesson.module.course


def _touch(
    learner: Visitor,
    lesson: Lesson,
    known: Enrolment | None = None,
    *,
    done_at: datetime | None = None,
) -> tuple[Enrolment, LessonProgress, bool]:
    """The learner's enrolment and progress in the lesson, which they are now active in; the
    progress is made if there was none (done at `done_at`, when given: a lesson completed on
    first opening is written once). True when it was made."""
    course = _lesson_in_play(lesson)
    if known is not None and _is_current(known, learner, course):
        enrolment = known
        enrolment.course = course
    else:
        enrolment = _require_enrolment(learner, course)
    if not signed_in(learner):  # refused just above; this line tells the type checker
        raise NotAuthenticated()
    progress, created = LessonProgress.objects.get_or_create(
        learner=learner, lesson=lesson, defaults={"completed_at": done_at}
    )
    if enrolment.last_activity_at is None:
        xapi.launched(enrolment)
    enrolment.last_lesson, enrolment.last_activity_at = lesson, timezone.now()
    enrolment.save(update_fields=["last_lesson", "last_activity_at", "updated_at"])
    return enrolment, progress, created


def _is_current(enrolment: Enrolment, learner: Visitor, course: Course) -> bool:
    return (
        signed_in(learner)
        and enrolment.learner_id == learner.pk
        and enrolment.course_id == course.pk
        and enrolment.status != Enrolment.Status.WITHDRAWN
    )


# A lesson opened again this soon after its learner was last active in it (a reload, a step
# back) is not recorded again: where they were last active, and when, are kept to this.
REOPENED_WITHIN = timedelta(minutes=1)


_UNREAD: Any = object()


def open_lesson(
    learner: Visitor,
    lesson: Lesson,
    *,
    enrolment: Enrolment | None = None,
    opened: LessonProgress | None = _UNREAD,
) -> LessonProgress:
    """Record that the learner opened the lesson (the first lesson opened is the launch).
    `enrolment`: the learner's current enrolment in the lesson's course, and `opened`: their
    progress in the lesson (None: none yet), when the caller has read them already (the page
    shows them too); read otherwise. Opened again within REOPENED_WITHIN, nothing is written."""
    course = _lesson_in_play(lesson)
    if (
        enrolment is not None
        and _is_current(enrolment, learner, course)
        and enrolment.last_lesson_id == lesson.pk
        and enrolment.last_activity_at is not None
        and timezone.now() - enrolment.last_activity_at < REOPENED_WITHIN
    ):
        if opened is _UNREAD or (
            opened is not None
            and (opened.learner_id, opened.lesson_id) != (enrolment.learner_id, lesson.pk)
        ):
            opened = the_row(
                LessonProgress.objects.filter(learner_id=enrolment.learner_id, lesson=lesson)
            )
        if opened is not None:
            return opened
    with transaction.atomic():
        _enrolment, progress, _made = _touch(learner, lesson, enrolment)
    return progress


@transaction.atomic
def complete_lesson(learner: Person, lesson: Lesson) -> LessonProgress:
    """Mark the lesson done; completing the last active lesson completes the enrolment.
    Completing a lesson twice changes nothing and records nothing new."""
    enrolment, progress, made = _touch(learner, lesson, done_at=timezone.now())
    counted = None
    if made or progress.completed_at is None:
        if not made:
            progress.completed_at = timezone.now()
            progress.save(update_fields=["completed_at", "updated_at"])
        # Counted once, after this lesson's row is saved: the statement and completion share it.
        counted = course_percent(learner, enrolment.course)
        xapi.progressed(enrolment, lesson, counted[0])
    completed = _complete_if_done(enrolment, counted)
    if counted is not None or completed:
        report_progress(enrolment, counted[0] if counted else 100)
    return progress


@transaction.atomic
def complete_lesson_offline(
    learner: Person,
    lesson: Lesson,
    *,
    statement_id: uuid.UUID,
    at: datetime,
    version: int | None,
) -> bool:
    """Record a lesson the learner finished on a device without a connection, at `at` (the
    device's clock, kept between the enrolment and now), under the device's statement id, as
    `complete_lesson` does online. A lesson archived meanwhile still counts as done, against
    the version the device held. Two devices resolve alike whatever their order: the earliest
    time is the lesson's completion time, and only the first to arrive is a statement. True
    when a statement was recorded."""
    enrolment = _require_enrolment(learner, lesson.module.course)
    at = min(max(at, enrolment.created_at), timezone.now())
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        learner=learner, lesson=lesson
    )
    if enrolment.last_activity_at is None:
        xapi.launched(enrolment)
    if enrolment.last_activity_at is None or enrolment.last_activity_at < at:
        enrolment.last_lesson, enrolment.last_activity_at = lesson, at
        enrolment.save(update_fields=["last_lesson", "last_activity_at", "updated_at"])
    if progress.completed_at is not None:
        if at < progress.completed_at:
            progress.completed_at = at
            progress.save(update_fields=["completed_at", "updated_at"])
        return False
    progress.completed_at = at
    progress.save(update_fields=["completed_at", "updated_at"])
    counted = course_percent(learner, enrolment.course)
    xapi.progressed(enrolment, lesson, counted[0], offline=(statement_id, at, version))
    _complete_if_done(enrolment, counted)
    report_progress(enrolment, counted[0])
    return True
