"""The notices co-creation sends at each hand-off of the quality review
(praxis.notifications.kinds)."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.authoring.models import Draft
from praxis.core.people import Person
from praxis.core.permissions import is_staff
from praxis.notifications.kinds import Delivery, kind
from praxis.organisations.permissions import AUTHOR_ROLES, can_review, organisation_ids_with_role


def _writes_courses(person: Person) -> bool:
    """Staff, the authors and admins of a partner organisation, and whoever wrote a draft."""
    return (
        is_staff(person)
        or bool(organisation_ids_with_role(person, AUTHOR_ROLES))
        or Draft.objects.filter(Q(authors=person) | Q(created_by=person)).exists()
    )


@kind(label=_("A draft waits for a reviewer"), default=Delivery.EMAIL, audience=is_staff)
def review_requested(*, course: str, by: str) -> str:
    return gettext("%(by)s submitted “%(course)s” for review; it waits for a reviewer.") % {
        "by": by,
        "course": course,
    }


@kind(label=_("You are asked to review a draft"), default=Delivery.EMAIL, audience=can_review)
def reviewer_assigned(*, course: str) -> str:
    return gettext("You are asked to review “%(course)s”.") % {"course": course}


@kind(
    label=_("Changes are requested on your draft"),
    default=Delivery.EMAIL,
    audience=_writes_courses,
)
def changes_requested(*, course: str, reviewer: str) -> str:
    return gettext("%(reviewer)s asked for changes to “%(course)s”: see the comments.") % {
        "reviewer": reviewer,
        "course": course,
    }


@kind(label=_("Your draft is approved"), default=Delivery.EMAIL, audience=_writes_courses)
def draft_approved(*, course: str) -> str:
    return gettext("“%(course)s” passed the quality review and can be published.") % {
        "course": course
    }


@kind(label=_("Your course is published"), default=Delivery.EMAIL, audience=_writes_courses)
def course_published(*, course: str, version: int) -> str:
    return gettext("“%(course)s” is published as version %(version)s.") % {
        "course": course,
        "version": version,
    }
