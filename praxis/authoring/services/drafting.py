"""Writing a draft: starting one (new, a new version, a translation), then its details, modules
and lessons.

Each service runs in one transaction, checks its rule, and records a history entry. Saves name
the revision they started from; a save from an older revision is refused with STALE_SAVE and
changes nothing, so two authors never silently overwrite each other.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.authoring import carrying
from praxis.authoring.editing import record as _record
from praxis.authoring.editing import require_editable as _require_editable
from praxis.authoring.editing import touch as _touch
from praxis.authoring.models import (
    Draft,
    DraftLesson,
    DraftModule,
    HistoryEntry,
)
from praxis.catalog.models import Course, Lesson, Topic
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.languages import (
    LanguageTagProblem,
    canonical_tag,
    clean_language_tag,
    standard_tag,
)
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import (
    author_for_organisation,
)

MAX_BODY = 200_000


MAX_OBJECTIVES = 20
MAX_TOPICS = 10


def digest(title: str, body: str) -> str:
    """A fingerprint of a lesson's text, to tell later whether its source changed."""
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


# Starting


def _new_draft(by: Person, organisations: list[Organisation], **fields: Any) -> Draft:
    draft = Draft.objects.create(created_by=by, **fields)
    draft.organisations.set(organisations)
    draft.authors.add(by)
    return draft


@transaction.atomic
def start_draft(by: Person, organisation: Organisation, *, title: str, language: str) -> Draft:
    """Start a new course written by `organisation`'s team, with one empty module."""
    require(author_for_organisation, by, organisation)
    errors: dict[str, list[Any]] = {}
    if not title.strip() or len(title) > 200:
        errors["title"] = [_("Give the course a title of at most 200 characters.")]
    try:
        language = standard_tag(language)
    except LanguageTagProblem as problem:
        errors["language"] = [problem.message]
    if errors:
        raise ValidationFailed(fields=errors)
    draft = _new_draft(by, [organisation], title=title.strip(), language=language)
    DraftModule.objects.create(draft=draft, position=0, title=str(_("Module 1")))
    _record(draft, by, HistoryEntry.Action.STARTED)
    return draft


def _require_course_author(course: Course, by: Person) -> list[Organisation]:
    organisations = list(course.organisations.all())
    if not any(author_for_organisation.allows(by, o) for o in organisations) and not getattr(
        by, "is_staff", False
    ):
        if not signed_in(by):
            raise NotAuthenticated()
        raise PermissionDenied()
    return organisations


def _copy_content(draft: Draft, course: Course, *, as_translation: bool) -> dict[int, DraftModule]:
    lessons = (
        Lesson.objects.filter(module__course=course, archived=False)
        .select_related("module")
        .prefetch_related("files")
    )
    modules: dict[int, DraftModule] = {}
    for lesson in lessons.order_by("module__position", "module_id", "position", "id"):
        if lesson.module_id not in modules:
            modules[lesson.module_id] = DraftModule.objects.create(
                draft=draft,
                position=len(modules),
                title=lesson.module.title,
                source_module_id=None if as_translation else lesson.module_id,
            )
        copy = DraftLesson(
            module=modules[lesson.module_id],
            position=lesson.position,
            title=lesson.title,
            body=lesson.body,
            estimated_minutes=lesson.estimated_minutes,
            recordings=dict(lesson.recordings),
            captions=list(lesson.captions),
            package=lesson.package,
            tool_link=lesson.tool_link,
            attachments=[
                {
                    "key": str(kept.key),
                    "file": kept.file.name,
                    "name": kept.title,
                    "type": kept.content_type,
                    "size": kept.size,
                }
                for kept in lesson.files.all()
                if kept.key is not None
            ],
        )
        if as_translation:
            # A translation becomes a course of its own: new keys, and a note of the source.
            copy.source_key, copy.source_digest = lesson.uuid, digest(lesson.title, lesson.body)
        else:
            copy.key = lesson.uuid  # the same lesson in the next version: progress carries over
        copy.save()
    return modules


def _course_fields(course: Course) -> dict[str, Any]:
    return {
        "title": course.title,
        "summary": course.summary,
        "objectives": list(course.objectives),
        "level": course.level,
        "estimated_hours": course.estimated_hours,
        "cpd_credits": course.cpd_credits,
        "licence": course.licence,
        "prerequisites": list(course.prerequisites),
        "image": dict(course.image),
    }


def _open_draft_exists(course: Course) -> bool:
    return course.drafts.exclude(status=Draft.Status.PUBLISHED).exists()


@transaction.atomic
def start_new_version(course: Course, by: Person) -> Draft:
    """Open a working copy of a published course; publishing it makes the next version."""
    organisations = _require_course_author(course, by)
    if course.status != Course.Status.PUBLISHED:
        raise Conflict(ErrorCode.COURSE_NOT_PUBLISHED, _("Only a published course has versions."))
    if _open_draft_exists(course):
        raise Conflict(message=_("A new version of this course is already being written."))
    draft = _new_draft(
        by, organisations, course=course, language=course.language, **_course_fields(course)
    )
    draft.topics.set(course.topics.all())
    modules = _copy_content(draft, course, as_translation=False)
    carrying.copy_assessments(draft, course, modules, as_translation=False)
    _record(draft, by, HistoryEntry.Action.STARTED, code="new_version")
    return draft


@transaction.atomic
def start_translation(
    course: Course, by: Person, *, language: str, organisation: Organisation
) -> Draft:
    """Start translating a published course into `language`, written by `organisation`."""
    require(author_for_organisation, by, organisation)
    if course.status != Course.Status.PUBLISHED:
        raise Conflict(ErrorCode.COURSE_NOT_PUBLISHED, _("Only a published course is translated."))
    language = clean_language_tag(language)
    # A regional version ("pt-BR" of a "pt" course) is a translation too.
    if language == canonical_tag(course.language):
        raise ValidationFailed(
            ErrorCode.UNKNOWN_LANGUAGE,
            fields={"language": [_("Choose a language other than the course's own.")]},
        )
    exists = Course.objects.filter(language=language).filter(
        translation_group__isnull=False, translation_group_id=course.translation_group_id
    )
    if (
        exists.exists()
        or course.translation_drafts.filter(language=language)
        .exclude(status=Draft.Status.PUBLISHED)
        .exists()
    ):
        raise Conflict(message=_("This course already has a translation in that language."))
    draft = _new_draft(
        by, [organisation], translation_of=course, language=language, **_course_fields(course)
    )
    draft.topics.set(course.topics.all())
    modules = _copy_content(draft, course, as_translation=True)
    carrying.copy_assessments(draft, course, modules, as_translation=True)
    _record(draft, by, HistoryEntry.Action.STARTED, code="translation")
    return draft


# Writing


def _decimal(value: Any, field: str, errors: dict[str, list[Any]]) -> Decimal:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        errors[field] = [_("Enter a number.")]
        return Decimal(0)
    if not number.is_finite() or number < 0 or number >= 1000:
        errors[field] = [_("Enter a number from 0 to 999.")]
    return number


@dataclass(frozen=True)
class CourseDetails:
    """A course's details as an author sends them, before they are checked. Topics, licence and
    prerequisites left as None stay as they are."""

    title: str
    summary: str
    objectives: Sequence[str]
    estimated_hours: Any
    cpd_credits: Any
    level: str
    topic_ids: Sequence[Any] | None = None
    licence: Any = None
    prerequisites: Sequence[str] | None = None


@transaction.atomic
def update_details(draft: Draft, by: Person, *, revision: int, details: CourseDetails) -> Draft:
    """Change the course's description, objectives, CPD credits and, when given, its topics,
    licence and what learners should know before (revision-checked). A refusal names every
    field at fault at once."""
    _require_editable(draft, by)
    fields, errors = _checked_details(details)
    if errors:
        raise ValidationFailed(fields=errors)
    topics = fields.pop("topics", None)
    updated = Draft.objects.filter(pk=draft.pk, revision=revision).update(
        **fields,
        revision=F("revision") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise Conflict(
            ErrorCode.STALE_SAVE,
            _("Someone else changed the course details since you opened them. Nothing was saved."),
        )
    if topics is not None:
        draft.topics.set(topics)
    draft.authors.add(by)
    _record(draft, by, HistoryEntry.Action.EDITED, code="course_details")
    draft.refresh_from_db()
    return draft


def details_problems(details: CourseDetails) -> dict[str, list[Any]]:
    """What `update_details` would refuse in these details, by field (empty when nothing):
    for a form that lists every problem together with those it finds itself."""
    return _checked_details(details)[1]


def _checked_details(details: CourseDetails) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """The details as a draft stores them, and every problem found in them by field."""
    errors: dict[str, list[Any]] = {}
    title, summary, level = details.title, details.summary, details.level
    if not title.strip() or len(title) > 200:
        errors["title"] = [_("Give the course a title of at most 200 characters.")]
    if len(summary) > 2000:
        errors["summary"] = [_("Keep the summary under 2,000 characters.")]
    objectives = [o.strip()[:300] for o in details.objectives if o.strip()]
    if len(objectives) > MAX_OBJECTIVES:
        errors["objectives"] = [_("Keep to at most 20 objectives.")]
    hours = _decimal(details.estimated_hours, "estimated_hours", errors)
    credits = _decimal(details.cpd_credits, "cpd_credits", errors)
    if level not in Course.Level.values:
        errors["level"] = [_("Choose a level.")]
    fields = _course_settings(details, errors)
    fields.update(
        title=title.strip(),
        summary=summary.strip(),
        objectives=objectives,
        estimated_hours=hours,
        cpd_credits=credits,
        level=level,
    )
    return fields, errors


def _course_settings(details: CourseDetails, errors: dict[str, list[Any]]) -> dict[str, Any]:
    """The topics, licence and prerequisites to change (those given), checked into `errors`."""
    fields: dict[str, Any] = {}
    topic_ids, licence, prerequisites = details.topic_ids, details.licence, details.prerequisites
    if topic_ids is not None:
        wanted = {str(value) for value in topic_ids}
        topics = list(Topic.objects.filter(pk__in=[v for v in wanted if v.isdecimal()]))
        if len(topics) != len(wanted) or len(wanted) > MAX_TOPICS:
            errors["topics"] = [_("Choose topics from the list (at most 10).")]
        fields["topics"] = topics
    if licence is not None:
        text = licence.strip() if isinstance(licence, str) else ""
        if not text or len(text) > 100:
            errors["licence"] = [_("Name the licence (at most 100 characters).")]
        fields["licence"] = text
    if prerequisites is not None:
        items = [str(item).strip()[:300] for item in prerequisites if str(item).strip()]
        if len(items) > MAX_OBJECTIVES:
            errors["prerequisites"] = [_("Keep to at most 20 prerequisites.")]
        fields["prerequisites"] = items
    return fields


@transaction.atomic
def add_module(draft: Draft, by: Person, title: str) -> DraftModule:
    _require_editable(draft, by)
    if not title.strip() or len(title) > 200:
        raise ValidationFailed(fields={"title": [_("Give the module a title.")]})
    last = draft.modules.aggregate(last=Max("position"))["last"]
    module = DraftModule.objects.create(
        draft=draft, position=(last or 0) + 1 if last is not None else 0, title=title.strip()
    )
    _touch(draft, by)
    _record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="added_module",
        values={"title": module.title, "key": module.key},
    )
    return module


@transaction.atomic
def add_lesson(module: DraftModule, by: Person, title: str) -> DraftLesson:
    _require_editable(module.draft, by)
    if not title.strip() or len(title) > 200:
        raise ValidationFailed(fields={"title": [_("Give the lesson a title.")]})
    last = module.lessons.aggregate(last=Max("position"))["last"]
    lesson = DraftLesson.objects.create(
        module=module,
        position=(last + 1) if last is not None else 0,
        title=title.strip(),
        updated_by=by,
    )
    _touch(module.draft, by)
    _record(
        module.draft,
        by,
        HistoryEntry.Action.EDITED,
        code="added_lesson",
        values={"title": lesson.title, "key": lesson.key},
    )
    return lesson


@transaction.atomic
def save_lesson(
    lesson: DraftLesson,
    by: Person,
    *,
    revision: int,
    title: str,
    body: str,
    estimated_minutes: Any = None,
    source_digest: str | None = None,
) -> DraftLesson:
    """Save the lesson if nobody saved it since `revision`; otherwise refuse with STALE_SAVE.
    A translator passes the digest of the source text they translated from."""
    draft = lesson.module.draft
    _require_editable(draft, by)
    errors: dict[str, list[Any]] = {}
    if not title.strip() or len(title) > 200:
        errors["title"] = [_("Give the lesson a title of at most 200 characters.")]
    if len(body) > MAX_BODY:
        errors["body"] = [_("The text is too long for one lesson: split it.")]
    minutes = lesson.estimated_minutes
    if estimated_minutes not in (None, ""):
        try:
            minutes = int(estimated_minutes)
        except (TypeError, ValueError):
            errors["estimated_minutes"] = [_("Enter a whole number of minutes.")]
        else:
            if not 1 <= minutes <= 600:
                errors["estimated_minutes"] = [_("Enter 1 to 600 minutes.")]
    if errors:
        raise ValidationFailed(fields=errors)
    fields: dict[str, Any] = {
        "title": title.strip(),
        "body": body,
        "estimated_minutes": minutes,
        "revision": F("revision") + 1,
        "updated_by": by,
        "updated_at": timezone.now(),
    }
    if source_digest is not None and lesson.source_key is not None:
        fields["source_digest"] = source_digest[:64]
    updated = DraftLesson.objects.filter(pk=lesson.pk, revision=revision).update(**fields)
    if not updated:
        raise Conflict(
            ErrorCode.STALE_SAVE,
            _("Someone else saved this lesson since you opened it. Nothing was saved."),
        )
    _touch(draft, by)
    _record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="lesson",
        values={"title": title.strip(), "key": lesson.key},
    )
    lesson.refresh_from_db()
    return lesson


@transaction.atomic
def remove_lesson(lesson: DraftLesson, by: Person) -> None:
    """Take the lesson out of the draft; once published, learners keep their progress on it."""
    draft = lesson.module.draft
    _require_editable(draft, by)
    title = lesson.title
    lesson.delete()
    _touch(draft, by)
    _record(draft, by, HistoryEntry.Action.EDITED, code="removed_lesson", values={"title": title})
