"""Discussing and reviewing a draft: comment threads, submission, reviewers and their verdicts."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.authoring import handoffs
from praxis.authoring.editing import record as _record
from praxis.authoring.editing import require_editable as _require_editable
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
    review_draft,
)
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    ValidationFailed,
)
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.organisations.permissions import (
    AUTHOR_ROLES,
    can_review,
    organisation_ids_with_role,
)

ANCHOR_PREFIXES = ("module:", "lesson:")


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
    draft: Draft, by: Person, body: str, *, anchor: str = "course", parent: Comment | None = None
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
def resolve_thread(comment: Comment, by: Person) -> Comment:
    """Mark a thread resolved (anyone who may comment)."""
    require(comment_on_draft, by, comment.draft)
    thread = comment.parent or comment
    if thread.resolved_at is None:
        thread.resolved_at, thread.resolved_by = timezone.now(), by
        thread.save(update_fields=["resolved_at", "resolved_by", "updated_at"])
        _record(comment.draft, by, HistoryEntry.Action.RESOLVED, thread.anchor)
    return thread


# Review


def is_author_of(user: Person, draft: Draft) -> bool:
    """Whoever wrote part of the draft, or may write it (an author in one of its organisations)."""
    if draft.authors.filter(pk=user.pk).exists() or draft.created_by_id == user.pk:
        return True
    team = organisation_ids_with_role(user, AUTHOR_ROLES)
    return draft.organisations.filter(pk__in=team).exists()


@transaction.atomic
def submit_for_review(draft: Draft, by: Person) -> Draft:
    """Hand the draft to the academy's quality review; it stops changing until reviewed."""
    _require_editable(draft, by)
    if not DraftLesson.objects.filter(module__draft=draft).exists():
        raise ValidationFailed(message=_("Write at least one lesson before asking for review."))
    uncaptioned = [
        lesson.title
        for lesson in DraftLesson.objects.filter(module__draft=draft).only(
            "title", "recordings", "captions"
        )
        if lesson.recordings and not lesson.captions
    ]
    if uncaptioned:
        raise ValidationFailed(
            ErrorCode.CAPTIONS_REQUIRED,
            _("A lesson with a recording needs captions, so that all can follow it: %(lessons)s.")
            % {"lessons": ", ".join(uncaptioned[:5])},
        )
    draft.status = Draft.Status.IN_REVIEW
    draft.review_round += 1
    draft.save(update_fields=["status", "review_round", "updated_at"])
    _record(draft, by, HistoryEntry.Action.SUBMITTED)
    if not _back_to_the_same_reviewers(draft):
        handoffs.submitted(draft, by)
    return draft


def _back_to_the_same_reviewers(draft: Draft) -> list[Review]:
    """A draft sent back after changes were asked goes to the previous round's reviewers, each
    told as when first assigned; staff assign by hand only when none of them may review it
    any more (no longer a reviewer, left, or now one of its authors)."""
    previous = draft.reviews.filter(round=draft.review_round - 1).select_related(
        "reviewer", "assigned_by"
    )
    if not previous.filter(decision=Review.Decision.CHANGES_REQUESTED).exists():
        return []
    again = []
    for earlier in previous:
        reviewer = earlier.reviewer
        if not reviewer.is_active or not can_review(reviewer) or is_author_of(reviewer, draft):
            continue
        review = Review.objects.create(
            draft=draft,
            round=draft.review_round,
            reviewer=reviewer,
            assigned_by=earlier.assigned_by,
        )
        _add_checklist(review)
        # Nobody assigned this one by hand: the entry names no actor.
        HistoryEntry.objects.create(
            draft=draft,
            action=HistoryEntry.Action.ASSIGNED,
            detail_code="same_reviewer",
            detail_values={"name": reviewer.full_name[:200]},
        )
        handoffs.assigned(review)
        again.append(review)
    return again


def _add_checklist(review: Review) -> None:
    ReviewItem.objects.bulk_create(
        ReviewItem(review=review, criterion=criterion)
        for criterion in QualityCriterion.objects.filter(active=True)
    )


@transaction.atomic
def assign_reviewer(draft: Draft, reviewer: Person, by: Person) -> Review:
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
        _add_checklist(review)
        _record(draft, by, HistoryEntry.Action.ASSIGNED, reviewer.full_name)
        handoffs.assigned(review)
    return review


@transaction.atomic
def record_review(
    review: Review,
    by: Person,
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
    # Read again under the draft's lock: another reviewer may have ended the round meanwhile,
    # and a verdict once given stands.
    review.refresh_from_db(fields=["decision"])
    review.draft = draft
    if not review.is_open:
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
