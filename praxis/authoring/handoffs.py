"""Who is told at each hand-off of the quality review, by a notice (praxis.notifications):
staff when a draft waits for a reviewer, the reviewer when assigned, the authors when changes
are asked, when the draft is approved and when it is published. Called by the services, inside
their transaction."""

from __future__ import annotations

from django.urls import reverse

from praxis.accounts.models import User
from praxis.authoring import notices
from praxis.authoring.models import Draft, Review
from praxis.core.people import Person
from praxis.notifications.services import notify, notify_all


def _draft_link(draft: Draft) -> str:
    return reverse("authoring:draft", args=[draft.uuid])


def authors_of(draft: Draft) -> list[User]:
    """Whoever wrote part of the draft or started it."""
    people = {person.pk: person for person in draft.authors.all()}
    if draft.created_by_id is not None and draft.created_by_id not in people:
        creator = User.objects.filter(pk=draft.created_by_id).first()
        if creator is not None:
            people[creator.pk] = creator
    return list(people.values())


def submitted(draft: Draft, by: Person) -> None:
    """The draft waits for a reviewer: tell the staff who assign reviewers."""
    staff = User.objects.filter(is_staff=True, is_active=True).exclude(pk=by.pk)
    notify_all(
        staff, notices.review_requested, _draft_link(draft), course=draft.title, by=by.full_name
    )


def assigned(review: Review) -> None:
    notify(
        review.reviewer,
        notices.reviewer_assigned,
        reverse("authoring:review", args=[review.draft.uuid]),
        course=review.draft.title,
    )


def reviewed(draft: Draft, review: Review) -> None:
    """Tell the authors that changes are asked, or that the draft is approved (once every
    reviewer of the round approved); nothing while other reviews are pending."""
    authors = [person for person in authors_of(draft) if person.pk != review.reviewer_id]
    if draft.status == Draft.Status.CHANGES_REQUESTED:
        notify_all(
            authors,
            notices.changes_requested,
            _draft_link(draft),
            course=draft.title,
            reviewer=review.reviewer.full_name,
        )
    elif draft.status == Draft.Status.APPROVED:
        notify_all(authors, notices.draft_approved, _draft_link(draft), course=draft.title)


def published(draft: Draft, by: Person, version_number: int, course_slug: str) -> None:
    notify_all(
        [person for person in authors_of(draft) if person.pk != by.pk],
        notices.course_published,
        reverse("catalog:course", args=[course_slug]),
        course=draft.title,
        version=version_number,
    )
