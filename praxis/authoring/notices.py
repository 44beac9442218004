"""The notices co-creation sends at each hand-off of the quality review
(praxis.notifications.kinds)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.notifications.kinds import Delivery, kind


@kind(label=_("A draft waits for a reviewer"), default=Delivery.EMAIL)
def review_requested(*, course: str, by: str) -> str:
    return gettext("%(by)s submitted “%(course)s” for review; it waits for a reviewer.") % {
        "by": by,
        "course": course,
    }


@kind(label=_("You are asked to review a draft"), default=Delivery.EMAIL)
def reviewer_assigned(*, course: str) -> str:
    return gettext("You are asked to review “%(course)s”.") % {"course": course}


@kind(label=_("Changes are requested on your draft"), default=Delivery.EMAIL)
def changes_requested(*, course: str, reviewer: str) -> str:
    return gettext("%(reviewer)s asked for changes to “%(course)s”: see the comments.") % {
        "reviewer": reviewer,
        "course": course,
    }


@kind(label=_("Your draft is approved"), default=Delivery.EMAIL)
def draft_approved(*, course: str) -> str:
    return gettext("“%(course)s” passed the quality review and can be published.") % {
        "course": course
    }


@kind(label=_("Your course is published"), default=Delivery.EMAIL)
def course_published(*, course: str, version: int) -> str:
    return gettext("“%(course)s” is published as version %(version)s.") % {
        "course": course,
        "version": version,
    }
