"""Who may see, edit, review and publish drafts; built on the organisation roles declared in
praxis.organisations.permissions, so a member of one organisation never reaches another's drafts.
"""

from __future__ import annotations

from django.db.models import Q

from praxis.authoring.models import Draft, Review
from praxis.core.people import Person
from praxis.core.permissions import Rule, is_staff
from praxis.organisations.models import Role
from praxis.organisations.permissions import (
    AUTHOR_ROLES,
    can_review,
    organisation_ids_with_role,
)

ADMIN_ROLES = frozenset({Role.ADMIN})


def _draft_organisation_ids(draft: Draft) -> set[int]:
    return {o.pk for o in draft.organisations.all()}


def is_assigned_reviewer(user: Person, draft: Draft) -> bool:
    return Review.objects.filter(draft=draft, reviewer_id=user.pk).exists()


def _can_edit(user: Person, draft: Draft) -> bool:
    if is_assigned_reviewer(user, draft):
        return False  # a reviewer never becomes an author of what they review
    if is_staff(user):
        return True
    return bool(_draft_organisation_ids(draft) & organisation_ids_with_role(user, AUTHOR_ROLES))


def _can_view(user: Person, draft: Draft) -> bool:
    if is_staff(user) or is_assigned_reviewer(user, draft):
        return True
    return bool(_draft_organisation_ids(draft) & organisation_ids_with_role(user))


def _visible_drafts(user: Person) -> Q:
    if is_staff(user):
        return Q()
    return Q(organisations__in=organisation_ids_with_role(user)) | Q(reviews__reviewer=user)


view_draft = Rule("authoring.view", check=_can_view, scope=_visible_drafts)
edit_draft = Rule("authoring.edit", check=_can_edit)
comment_on_draft = Rule("authoring.comment", check=_can_view)

see_review_queue: Rule[None] = Rule("authoring.review_queue", check=is_staff)
assign_reviewers: Rule[Draft] = Rule(
    "authoring.assign_reviewers", check=lambda user, draft: is_staff(user)
)
review_draft: Rule[Review] = Rule(
    "authoring.review",
    check=lambda user, review: review.reviewer_id == user.pk and can_review(user),
)
publish_draft: Rule[Draft] = Rule(
    "authoring.publish",
    check=lambda user, draft: (
        is_staff(user)
        or bool(_draft_organisation_ids(draft) & organisation_ids_with_role(user, ADMIN_ROLES))
    ),
)
