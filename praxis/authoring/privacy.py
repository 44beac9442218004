"""What authoring holds about a person: their part in co-creating courses.

The drafts, comments and reviews are the partners' shared work and stay with the draft; they no
longer name the person (a review is credited to the "former member" account, as a draft's
review needs a reviewer).
"""

from django.utils.translation import gettext_lazy as _

from praxis.authoring.models import (
    Comment,
    Draft,
    DraftLesson,
    DraftQuiz,
    HistoryEntry,
    Review,
)
from praxis.core.personal_data import Erasing, Erasure, Holding, register


def _erase_history(erasing: Erasing) -> None:
    person = erasing.person
    HistoryEntry.objects.filter(actor=person).update(actor=None)
    # "Assigned to <reviewer>" entries wrote the reviewer's name down: as text, or, for a
    # reviewer asked again in a new round, as the value of "name".
    assigned = HistoryEntry.objects.filter(action=HistoryEntry.Action.ASSIGNED)
    assigned.filter(detail=person.full_name[:300]).update(detail=erasing.former_member.full_name)
    for entry in assigned.filter(detail_values__name=person.full_name[:200]):
        entry.detail_values = {**entry.detail_values, "name": erasing.former_member.full_name}
        entry.save(update_fields=["detail_values"])


def _erase_reviews(erasing: Erasing) -> None:
    Review.objects.filter(assigned_by=erasing.person).update(assigned_by=None)
    Review.objects.filter(reviewer=erasing.person).update(reviewer=erasing.former_member)


register(
    Holding(
        Draft,
        ("created_by", "authors"),
        Erasure.DETACH,
        kind="course-drafts",
        label=_("Course drafts you wrote"),
        export=lambda person: (
            Draft.objects.filter(authors=person)
            .order_by("pk")
            .values("uuid", "title", "status", "created_at")
        ),
    ),
    Holding(DraftLesson, ("updated_by",), Erasure.DETACH),
    Holding(DraftQuiz, ("updated_by",), Erasure.DETACH),
    Holding(
        Comment,
        ("author", "resolved_by"),
        Erasure.DETACH,
        kind="draft-comments",
        label=_("Comments on course drafts"),
        export=lambda person: (
            Comment.objects.filter(author=person)
            .order_by("pk")
            .values("draft__title", "anchor", "body", "created_at")
        ),
    ),
    Holding(
        Review,
        ("reviewer", "assigned_by"),
        Erasure.CUSTOM,
        kind="course-reviews",
        label=_("Course reviews"),
        export=lambda person: (
            Review.objects.filter(reviewer=person)
            .order_by("pk")
            .values("draft__title", "decision", "created_at")
        ),
        erase=_erase_reviews,
    ),
    Holding(HistoryEntry, ("actor",), Erasure.CUSTOM, erase=_erase_history),
)
