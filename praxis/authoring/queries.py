"""Reading drafts: the workspace lists, a draft's outline, threads, review and history."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, F, Max, Prefetch, Q
from django.shortcuts import get_object_or_404

from praxis.authoring.models import (
    Comment,
    Draft,
    DraftAlignment,
    DraftCase,
    DraftLesson,
    DraftModule,
    DraftQuiz,
    HistoryEntry,
    Review,
)
from praxis.authoring.permissions import see_review_queue, view_draft
from praxis.authoring.services.drafting import digest
from praxis.catalog.hooks import Attachment
from praxis.catalog.models import Course, Lesson
from praxis.competencies.models import CompetencyItem
from praxis.core.languages import SUGGESTED_TAGS
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import is_staff, require
from praxis.organisations.models import Membership, Organisation
from praxis.organisations.permissions import (
    AUTHOR_ROLES,
    REVIEWER_ROLES,
    organisation_ids_with_role,
)


def drafts_for(user: Person) -> list[Draft]:
    """Drafts the user may see, most recently changed first."""
    visible = view_draft.filter(user, Draft.objects.all()).values("pk")
    return list(
        Draft.objects.filter(pk__in=visible)
        .prefetch_related("organisations")
        .order_by("-updated_at")[:200]
    )


def find_draft(user: Visitor, key: Any) -> Draft:
    """The draft with UUID `key` if the user may see it (404 if none, 403 if not theirs)."""
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        key = None
    draft = get_object_or_404(
        Draft.objects.select_related("course", "translation_of", "published_version"), uuid=key
    )
    require(view_draft, user, draft)
    return draft


def find_lesson(draft: Draft, key: Any) -> DraftLesson:
    return get_object_or_404(
        DraftLesson.objects.select_related("module__draft", "updated_by", "tool_link__tool"),
        module__draft=draft,
        key=key,
    )


@dataclass
class Outline:
    modules: list[DraftModule]
    open_threads: dict[str, int]
    stale_lessons: set[int]


def source_lessons(draft: Draft) -> dict[uuid.UUID, Lesson]:
    """For a translation: the source course's lessons today, by key."""
    if draft.translation_of_id is None:
        return {}
    return {
        lesson.uuid: lesson
        for lesson in Lesson.objects.filter(module__course_id=draft.translation_of_id)
    }


def outline(draft: Draft) -> Outline:
    """Modules and lessons, open threads per part, and translated lessons whose source changed."""
    modules = list(
        draft.modules.prefetch_related(
            Prefetch("lessons", queryset=DraftLesson.objects.select_related("updated_by"))
        )
    )
    open_threads = dict(
        draft.comments.filter(parent__isnull=True, resolved_at__isnull=True)
        .values_list("anchor")
        .annotate(n=Count("id"))
        .values_list("anchor", "n")
    )
    sources = source_lessons(draft)
    stale = set()
    for module in modules:
        for lesson in module.lessons.all():
            source = sources.get(lesson.source_key) if lesson.source_key else None
            if source and digest(source.title, source.body) != lesson.source_digest:
                stale.add(lesson.pk)
    return Outline(modules, open_threads, stale)


def threads(draft: Draft, anchor: str | None = None) -> list[Comment]:
    """Comment threads (with replies), open ones first, optionally on one part of the draft."""
    roots = draft.comments.filter(parent__isnull=True).select_related("author", "resolved_by")
    if anchor is not None:
        roots = roots.filter(anchor=anchor)
    return list(
        roots.prefetch_related(
            Prefetch("replies", queryset=Comment.objects.select_related("author"))
        ).order_by(F("resolved_at").asc(nulls_first=True), "created_at")
    )


def comments_beside_lessons(draft: Draft, outline: Outline) -> None:
    """Give each lesson of `outline` its open comment threads (`lesson.open_comments`, oldest
    first, with replies): reviewers' comments shown on the draft beside the lesson (one query
    for the threads, one for their replies)."""
    by_anchor: dict[str, list[Comment]] = {}
    for thread in threads(draft):
        if thread.resolved_at is None and thread.anchor.startswith("lesson:"):
            by_anchor.setdefault(thread.anchor, []).append(thread)
    for module in outline.modules:
        for lesson in module.lessons.all():
            lesson.open_comments = by_anchor.get(f"lesson:{lesson.key}", [])  # type: ignore[attr-defined]  # attached here for the draft page


def history(draft: Draft) -> list[HistoryEntry]:
    return list(draft.history.select_related("actor"))


def reviews(draft: Draft) -> list[Review]:
    return list(draft.reviews.select_related("reviewer").prefetch_related("items__criterion"))


def my_reviews(user: Person) -> list[Review]:
    """Reviews waiting for this reviewer (in each draft's current round: an earlier round's
    review left unanswered is closed)."""
    if not signed_in(user):
        return []
    return list(
        Review.objects.filter(
            reviewer=user,
            decision=Review.Decision.PENDING,
            draft__status=Draft.Status.IN_REVIEW,
            round=F("draft__review_round"),
        ).select_related("draft")
    )


def waiting_for_reviewers(user: Person) -> list[Draft]:
    """For staff: drafts submitted for review."""
    if not is_staff(user):
        return []
    return list(Draft.objects.filter(status=Draft.Status.IN_REVIEW).order_by("updated_at"))


REVIEW_QUEUE_LIMIT = 200


def review_queue(user: Person, *, unassigned_only: bool = False) -> list[Draft]:
    """For staff: the drafts in review, the longest waiting first, each with `submitted_at` (when
    this round began) and `current_reviews` (this round's reviewers and verdicts; none while it
    waits for staff to assign one). Raises PermissionDenied for anyone else."""
    require(see_review_queue, user)
    drafts = Draft.objects.filter(status=Draft.Status.IN_REVIEW).annotate(
        submitted_at=Max("history__at", filter=Q(history__action=HistoryEntry.Action.SUBMITTED))
    )
    if unassigned_only:
        drafts = drafts.exclude(reviews__round=F("review_round"))
    found: list[Draft] = list(
        drafts.order_by(F("submitted_at").asc(nulls_first=True), "pk").prefetch_related(
            "organisations",
            Prefetch(
                "reviews",
                queryset=Review.objects.select_related("reviewer").order_by("round", "pk"),
            ),
        )[:REVIEW_QUEUE_LIMIT]
    )
    for draft in found:
        draft.current_reviews = [  # type: ignore[attr-defined]  # attached here for the queue
            review for review in draft.reviews.all() if review.round == draft.review_round
        ]
    return found


def reviewer_candidates(draft: Draft) -> list[Any]:
    """People who may review this draft: staff and organisation reviewers, never its authors
    nor those already assigned to its current round."""
    user_model = get_user_model()
    reviewer_ids = Membership.objects.filter(
        status=Membership.Status.ACTIVE, role__in=REVIEWER_ROLES
    ).values("user_id")
    team = Membership.objects.filter(
        organisation__in=draft.organisations.all(),
        role__in=AUTHOR_ROLES,
        status=Membership.Status.ACTIVE,
    ).values("user_id")
    return list(
        user_model.objects.filter(Q(is_staff=True) | Q(pk__in=reviewer_ids), is_active=True)
        .exclude(pk__in=draft.authors.values("pk"))
        .exclude(pk__in=team)
        .exclude(pk__in=draft.reviews.filter(round=draft.review_round).values("reviewer_id"))
        .order_by("full_name")[:200]
    )


def is_assigned(draft: Draft, reviewer: Person) -> bool:
    """Whether `reviewer` is already asked to review the draft's current round."""
    return draft.reviews.filter(round=draft.review_round, reviewer_id=reviewer.pk).exists()


@dataclass
class CourseToExtend:
    course: Course
    # The languages it can still be translated into: none published or being translated.
    missing_languages: set[str]


def courses_to_extend(user: Person) -> list[CourseToExtend]:
    """Published courses the user may start a new version or a translation of, each with the
    languages that have no translation yet (published, or in a draft under way)."""
    if is_staff(user):
        courses = Course.objects.filter(status=Course.Status.PUBLISHED)
    else:
        organisation_ids = organisation_ids_with_role(user, AUTHOR_ROLES)
        courses = Course.objects.filter(
            status=Course.Status.PUBLISHED, organisations__in=organisation_ids
        ).distinct()
    found = list(courses.order_by("title")[:100])
    if not found:
        return []
    groups = {course.translation_group_id for course in found if course.translation_group_id}
    in_group: dict[int, set[str]] = {}
    for group_id, language in Course.objects.filter(translation_group_id__in=groups).values_list(
        "translation_group_id", "language"
    ):
        in_group.setdefault(group_id, set()).add(language)
    drafted: dict[int, set[str]] = {}
    under_way = (
        Draft.objects.filter(
            Q(translation_of__in=found) | Q(translation_of__translation_group_id__in=groups)
        )
        .exclude(status=Draft.Status.PUBLISHED)
        .values_list("translation_of_id", "translation_of__translation_group_id", "language")
    )
    for course_id, group_id, language in under_way:
        drafted.setdefault(course_id, set()).add(language)
        if group_id:
            in_group.setdefault(group_id, set()).add(language)
    # Any language may be typed; the form is offered while a suggested one is still missing.
    every = set(SUGGESTED_TAGS)
    return [
        CourseToExtend(
            course,
            every
            - {course.language}
            - in_group.get(course.translation_group_id or 0, set())
            - drafted.get(course.pk, set()),
        )
        for course in found
    ]


def author_organisations(user: Person) -> list[Organisation]:
    """Organisations in whose name the user may start a course."""
    if is_staff(user):
        return list(Organisation.objects.all())
    return list(Organisation.objects.filter(pk__in=organisation_ids_with_role(user, AUTHOR_ROLES)))


def find_quiz(draft: Draft, key: Any) -> DraftQuiz:
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        key = None
    return get_object_or_404(DraftQuiz.objects.select_related("draft"), draft=draft, key=key)


def competency_choices() -> list[CompetencyItem]:
    """Competencies authors may choose from, framework by framework."""
    return list(
        CompetencyItem.objects.select_related("framework").order_by(
            "framework__title", "position", "id"
        )[:1000]
    )


@dataclass
class DraftAssessments:
    quizzes: Sequence[DraftQuiz]
    cases: list[DraftCase]
    alignments: list[DraftAlignment]
    lesson_titles: dict[uuid.UUID, str]


def assessments(draft: Draft) -> DraftAssessments:
    """The draft's quizzes (with question counts), clinical cases, and alignments (with the
    lessons' titles)."""
    found = list(
        draft.quizzes.select_related("after_module")
        .annotate(question_count=Count("questions"))
        .order_by("position", "id")
    )
    return DraftAssessments(
        quizzes=found,
        cases=list(draft.cases.all()),
        alignments=list(draft.alignments.select_related("item__framework")),
        lesson_titles={
            lesson.key: lesson.title
            for lesson in DraftLesson.objects.filter(module__draft=draft).only("key", "title")
        },
    )


def draft_attachment(*, user: Visitor, key: uuid.UUID) -> Attachment | None:
    """The file attached under `key` to a lesson of a draft `user` may see, or None: the team
    follows the links of a lesson's text before it is published."""
    if not signed_in(user):
        return None
    holders = DraftLesson.objects.select_related("module__draft").filter(
        attachments__icontains=str(key)
    )
    for lesson in holders:
        if not view_draft.allows(user, lesson.module.draft):
            continue
        for item in lesson.attachments:
            if item.get("key") == str(key):
                return Attachment(
                    file=str(item["file"]), name=str(item["name"]), type=str(item["type"])
                )
    return None


def find_case(draft: Draft, key: Any) -> DraftCase:
    """The draft's clinical case with key `key` (404 if none)."""
    try:
        key = uuid.UUID(str(key))
    except ValueError:
        key = None
    return get_object_or_404(DraftCase.objects.select_related("draft"), draft=draft, key=key)
