"""Every change to a draft: writing, commenting, review, publishing, translation.

Each service runs in one transaction, checks its rule, and records a history entry. Saves name
the revision they started from; a save from an older revision is refused with STALE_SAVE and
changes nothing, so two authors never silently overwrite each other.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.authoring import carrying, handoffs
from praxis.authoring.editing import record as _record
from praxis.authoring.editing import require_editable as _require_editable
from praxis.authoring.editing import touch as _touch
from praxis.authoring.models import (
    DECISION,
    Comment,
    Draft,
    DraftLesson,
    DraftModule,
    HistoryEntry,
    QualityCriterion,
    Review,
    ReviewItem,
)
from praxis.authoring.permissions import (
    assign_reviewers,
    comment_on_draft,
    publish_draft,
    review_draft,
)
from praxis.catalog import versions
from praxis.catalog.models import Course, Lesson
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.permissions import require
from praxis.organisations.models import Organisation
from praxis.organisations.permissions import (
    AUTHOR_ROLES,
    author_for_organisation,
    can_review,
    organisation_ids_with_role,
)

MAX_BODY = 200_000
MAX_OBJECTIVES = 20
ANCHOR_PREFIXES = ("module:", "lesson:")


def digest(title: str, body: str) -> str:
    """A fingerprint of a lesson's text, to tell later whether its source changed."""
    return hashlib.sha256(f"{title}\n{body}".encode()).hexdigest()


# Starting


def _new_draft(by: Any, organisations: list[Organisation], **fields: Any) -> Draft:
    draft = Draft.objects.create(created_by=by, **fields)
    draft.organisations.set(organisations)
    draft.authors.add(by)
    return draft


@transaction.atomic
def start_draft(by: Any, organisation: Organisation, *, title: str, language: str) -> Draft:
    """Start a new course written by `organisation`'s team, with one empty module."""
    require(author_for_organisation, by, organisation)
    errors: dict[str, list[Any]] = {}
    if not title.strip() or len(title) > 200:
        errors["title"] = [_("Give the course a title of at most 200 characters.")]
    if language not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose a language.")]
    if errors:
        raise ValidationFailed(fields=errors)
    draft = _new_draft(by, [organisation], title=title.strip(), language=language)
    DraftModule.objects.create(draft=draft, position=0, title=str(_("Module 1")))
    _record(draft, by, HistoryEntry.Action.STARTED)
    return draft


def _require_course_author(course: Course, by: Any) -> list[Organisation]:
    organisations = list(course.organisations.all())
    if not any(author_for_organisation.allows(by, o) for o in organisations) and not getattr(
        by, "is_staff", False
    ):
        if not getattr(by, "is_authenticated", False):
            raise NotAuthenticated()
        raise PermissionDenied()
    return organisations


def _copy_content(draft: Draft, course: Course, *, as_translation: bool) -> dict[int, DraftModule]:
    lessons = Lesson.objects.filter(module__course=course, archived=False).select_related("module")
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
    }


def _open_draft_exists(course: Course) -> bool:
    return course.drafts.exclude(status=Draft.Status.PUBLISHED).exists()


@transaction.atomic
def start_new_version(course: Course, by: Any) -> Draft:
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
    course: Course, by: Any, *, language: str, organisation: Organisation
) -> Draft:
    """Start translating a published course into `language`, written by `organisation`."""
    require(author_for_organisation, by, organisation)
    if course.status != Course.Status.PUBLISHED:
        raise Conflict(ErrorCode.COURSE_NOT_PUBLISHED, _("Only a published course is translated."))
    if language not in dict(settings.LANGUAGES) or language == course.language:
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


@transaction.atomic
def update_details(
    draft: Draft,
    by: Any,
    *,
    revision: int,
    title: str,
    summary: str,
    objectives: list[str],
    estimated_hours: Any,
    cpd_credits: Any,
    level: str,
) -> Draft:
    """Change the course's description, objectives and CPD credits (revision-checked)."""
    _require_editable(draft, by)
    errors: dict[str, list[Any]] = {}
    if not title.strip() or len(title) > 200:
        errors["title"] = [_("Give the course a title of at most 200 characters.")]
    if len(summary) > 2000:
        errors["summary"] = [_("Keep the summary under 2,000 characters.")]
    objectives = [o.strip()[:300] for o in objectives if o.strip()]
    if len(objectives) > MAX_OBJECTIVES:
        errors["objectives"] = [_("Keep to at most 20 objectives.")]
    hours = _decimal(estimated_hours, "estimated_hours", errors)
    credits = _decimal(cpd_credits, "cpd_credits", errors)
    if level not in Course.Level.values:
        errors["level"] = [_("Choose a level.")]
    if errors:
        raise ValidationFailed(fields=errors)
    updated = Draft.objects.filter(pk=draft.pk, revision=revision).update(
        title=title.strip(),
        summary=summary.strip(),
        objectives=objectives,
        estimated_hours=hours,
        cpd_credits=credits,
        level=level,
        revision=F("revision") + 1,
        updated_at=timezone.now(),
    )
    if not updated:
        raise Conflict(
            ErrorCode.STALE_SAVE,
            _("Someone else changed the course details since you opened them. Nothing was saved."),
        )
    draft.authors.add(by)
    _record(draft, by, HistoryEntry.Action.EDITED, code="course_details")
    draft.refresh_from_db()
    return draft


@transaction.atomic
def add_module(draft: Draft, by: Any, title: str) -> DraftModule:
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
        values={"title": module.title},
    )
    return module


@transaction.atomic
def add_lesson(module: DraftModule, by: Any, title: str) -> DraftLesson:
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
        values={"title": lesson.title},
    )
    return lesson


@transaction.atomic
def save_lesson(
    lesson: DraftLesson,
    by: Any,
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
    _record(draft, by, HistoryEntry.Action.EDITED, code="lesson", values={"title": title.strip()})
    lesson.refresh_from_db()
    return lesson


@transaction.atomic
def remove_lesson(lesson: DraftLesson, by: Any) -> None:
    """Take the lesson out of the draft; once published, learners keep their progress on it."""
    draft = lesson.module.draft
    _require_editable(draft, by)
    title = lesson.title
    lesson.delete()
    _touch(draft, by)
    _record(draft, by, HistoryEntry.Action.EDITED, code="removed_lesson", values={"title": title})


# Comments


def _check_anchor(draft: Draft, anchor: str) -> str:
    if anchor in {"course", "objectives"}:
        return anchor
    for prefix in ANCHOR_PREFIXES:
        if anchor.startswith(prefix):
            key = anchor[len(prefix) :]
            model = DraftModule if prefix == "module:" else DraftLesson
            lookup = {"draft": draft} if model is DraftModule else {"module__draft": draft}
            try:
                if model.objects.filter(key=key, **lookup).exists():
                    return anchor
            except Exception:  # noqa: S110 (a malformed UUID is just an unknown anchor)
                pass
    raise ValidationFailed(fields={"anchor": [_("This part of the course does not exist.")]})


@transaction.atomic
def add_comment(
    draft: Draft, by: Any, body: str, *, anchor: str = "course", parent: Comment | None = None
) -> Comment:
    """Comment on part of the draft, or reply in a thread."""
    require(comment_on_draft, by, draft)
    body = body.strip()
    if not body or len(body) > 5000:
        raise ValidationFailed(fields={"body": [_("Write a comment of at most 5,000 characters.")]})
    if parent is not None:
        if parent.draft_id != draft.pk:
            raise ValidationFailed(fields={"parent": [_("This thread is not on this course.")]})
        parent = parent.parent or parent
        anchor = parent.anchor
        if parent.resolved_at is not None:
            parent.resolved_at, parent.resolved_by = None, None  # a reply reopens the thread
            parent.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
    else:
        anchor = _check_anchor(draft, anchor)
    comment = Comment.objects.create(
        draft=draft, anchor=anchor, parent=parent, author=by, body=body
    )
    _record(draft, by, HistoryEntry.Action.COMMENTED, anchor)
    return comment


@transaction.atomic
def resolve_thread(comment: Comment, by: Any) -> Comment:
    """Mark a thread resolved (anyone who may comment)."""
    require(comment_on_draft, by, comment.draft)
    thread = comment.parent or comment
    if thread.resolved_at is None:
        thread.resolved_at, thread.resolved_by = timezone.now(), by
        thread.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
        _record(comment.draft, by, HistoryEntry.Action.RESOLVED, thread.anchor)
    return thread


# Review


def is_author_of(user: Any, draft: Draft) -> bool:
    """Whoever wrote part of the draft, or may write it (an author in one of its organisations)."""
    if draft.authors.filter(pk=user.pk).exists() or draft.created_by_id == user.pk:
        return True
    team = organisation_ids_with_role(user, AUTHOR_ROLES)
    return draft.organisations.filter(pk__in=team).exists()


@transaction.atomic
def submit_for_review(draft: Draft, by: Any) -> Draft:
    """Hand the draft to the academy's quality review; it stops changing until reviewed."""
    _require_editable(draft, by)
    if not DraftLesson.objects.filter(module__draft=draft).exists():
        raise ValidationFailed(message=_("Write at least one lesson before asking for review."))
    draft.status = Draft.Status.IN_REVIEW
    draft.review_round += 1
    draft.save(update_fields=["status", "review_round", "updated_at"])
    _record(draft, by, HistoryEntry.Action.SUBMITTED)
    handoffs.submitted(draft, by)
    return draft


@transaction.atomic
def assign_reviewer(draft: Draft, reviewer: Any, by: Any) -> Review:
    """Ask `reviewer` to review the draft against the checklist; never one of its authors."""
    require(assign_reviewers, by, draft)
    if draft.status != Draft.Status.IN_REVIEW:
        raise Conflict(ErrorCode.INVALID_TRANSITION, _("The draft is not waiting for review."))
    if is_author_of(reviewer, draft):
        raise ValidationFailed(
            ErrorCode.REVIEWER_IS_AUTHOR,
            _("An author of this course cannot review it. Choose someone else."),
            fields={"reviewer": [_("This person wrote part of the course.")]},
        )
    if not can_review(reviewer):
        raise ValidationFailed(fields={"reviewer": [_("This person is not a reviewer.")]})
    review, created = Review.objects.get_or_create(
        draft=draft, round=draft.review_round, reviewer=reviewer, defaults={"assigned_by": by}
    )
    if created:
        ReviewItem.objects.bulk_create(
            ReviewItem(review=review, criterion=criterion)
            for criterion in QualityCriterion.objects.filter(active=True)
        )
        _record(draft, by, HistoryEntry.Action.ASSIGNED, reviewer.full_name)
        handoffs.assigned(review)
    return review


@transaction.atomic
def record_review(
    review: Review,
    by: Any,
    *,
    items: dict[int, tuple[bool | None, str]],
    decision: str,
    comment: str = "",
    lesson_comments: dict[str, str] | None = None,
) -> Review:
    """The reviewer's verdict: each checklist item passed or failed with a comment, comments on
    lessons (lesson key → text; shown beside the lesson on the draft), then approve (every item
    passed) or ask for changes (with a reason)."""
    require(review_draft, by, review)
    draft = Draft.objects.select_for_update().get(pk=review.draft_id)
    if draft.status != Draft.Status.IN_REVIEW or review.round != draft.review_round:
        raise Conflict(ErrorCode.INVALID_TRANSITION, _("This review is closed."))
    if decision not in {Review.Decision.APPROVED, Review.Decision.CHANGES_REQUESTED}:
        raise ValidationFailed(fields={"decision": [_("Approve, or ask for changes.")]})
    checklist = list(review.items.select_related("criterion"))
    for item in checklist:
        passed, note = items.get(item.criterion_id, (None, ""))
        item.passed, item.comment = passed, note.strip()[:2000]
    if decision == Review.Decision.APPROVED and any(item.passed is not True for item in checklist):
        raise ValidationFailed(
            ErrorCode.REVIEW_INCOMPLETE,
            _("Every item of the checklist must pass before the course is approved."),
        )
    on_lessons = {
        _check_anchor(draft, f"lesson:{key}"): text.strip()[:5000]
        for key, text in (lesson_comments or {}).items()
        if text.strip()
    }
    if decision == Review.Decision.CHANGES_REQUESTED and not (
        comment.strip() or on_lessons or any(item.comment for item in checklist)
    ):
        raise ValidationFailed(fields={"comment": [_("Say what needs to change.")]})
    ReviewItem.objects.bulk_update(checklist, ["passed", "comment"])
    Comment.objects.bulk_create(
        Comment(draft=draft, anchor=anchor, author=by, body=text)
        for anchor, text in on_lessons.items()
    )
    review.decision, review.decided_at, review.comment = decision, timezone.now(), comment.strip()
    review.save(update_fields=["decision", "decided_at", "comment", "updated_at"])
    this_round = draft.reviews.filter(round=draft.review_round)
    if decision == Review.Decision.CHANGES_REQUESTED:
        draft.status = Draft.Status.CHANGES_REQUESTED
    elif not this_round.exclude(decision=Review.Decision.APPROVED).exists():
        draft.status = Draft.Status.APPROVED
    draft.save(update_fields=["status", "updated_at"])
    _record(
        draft, by, HistoryEntry.Action.REVIEWED, code=DECISION, values={"decision": review.decision}
    )
    handoffs.reviewed(draft, review)
    return review


@transaction.atomic
def publish(draft: Draft, by: Any, note: str = "") -> Draft:
    """Publish an approved draft as the course's next version (a new course the first time)."""
    require(publish_draft, by, draft)
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.status == Draft.Status.PUBLISHED:
        raise Conflict(ErrorCode.VERSION_READ_ONLY, _("This version is already published."))
    if draft.status != Draft.Status.APPROVED:
        raise Conflict(
            ErrorCode.NOT_APPROVED,
            _("A course is published only after the quality review approves it."),
        )
    content = versions.CourseContent(
        title=draft.title,
        summary=draft.summary,
        language=draft.language,
        objectives=list(draft.objectives),
        level=draft.level,
        estimated_hours=draft.estimated_hours,
        cpd_credits=draft.cpd_credits,
        licence=draft.licence,
        organisation_ids=[o.pk for o in draft.organisations.all()],
        topic_ids=[t.pk for t in draft.topics.all()],
        modules=[
            versions.ModuleContent(
                title=module.title,
                module_id=module.source_module_id,
                lessons=[
                    versions.LessonContent(
                        key=lesson.key,
                        title=lesson.title,
                        body=lesson.body,
                        estimated_minutes=lesson.estimated_minutes,
                    )
                    for lesson in module.lessons.all()
                ],
            )
            for module in draft.modules.prefetch_related("lessons")
        ],
    )
    version = versions.publish_version(
        draft.course, content, by=by, note=note, translation_of=draft.translation_of
    )
    carrying.publish_assessments(draft, version)
    draft.course, draft.published_version = version.course, version
    draft.status = Draft.Status.PUBLISHED
    draft.save(update_fields=["course", "published_version", "status", "updated_at"])
    _record(draft, by, HistoryEntry.Action.PUBLISHED, code="version", values={"n": version.number})
    handoffs.published(draft, by, version.number, version.course.slug)
    return draft
