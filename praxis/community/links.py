"""Links the community offers to other pages, answering their hooks (praxis.core.hooks).

`praxis.catalog.hooks.course_links` (asked by the catalog's course page, which lists the links
answered): the course's discussion space, for its enrolled learners and staff.
`praxis.catalog.hooks.lesson_links` (asked by a lesson's page): the lesson's discussion there.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.catalog import services as catalog
from praxis.core.people import Visitor
from praxis.core.permissions import is_staff


def course_space_link(
    *, user: Visitor, course: Any, enrolled: bool | None = None, **_ignored: Any
) -> tuple[Any, str] | None:
    """(label, URL) of the course's discussion space when `user` may take part in it."""
    if not (is_staff(user) or _enrolled(user, course, enrolled)):
        return None
    return _("Discussion space"), reverse("community:course_space", args=[course.slug])


def lesson_discussion_link(
    *, user: Visitor, course: Any, lesson: Any, enrolled: bool | None = None, **_ignored: Any
) -> tuple[Any, str] | None:
    """(label, URL) of the lesson's discussion when `user` may take part in it."""
    if not (is_staff(user) or _enrolled(user, course, enrolled)):
        return None
    return _("Discuss this lesson"), reverse(
        "community:lesson_discussion", args=[course.slug, lesson.uuid]
    )


def _enrolled(user: Visitor, course: Any, known: bool | None) -> bool:
    """Whether `user` follows `course`: as the asking page knows it, or read."""
    if known is not None:
        return known
    return catalog.current_enrolment(user, course) is not None
