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


def course_space_link(*, user: Visitor, course: Any, **_ignored: Any) -> tuple[Any, str] | None:
    """(label, URL) of the course's discussion space when `user` may take part in it."""
    if not (is_staff(user) or catalog.current_enrolment(user, course) is not None):
        return None
    return _("Discussion space"), reverse("community:course_space", args=[course.slug])


def lesson_discussion_link(
    *, user: Visitor, course: Any, lesson: Any, **_ignored: Any
) -> tuple[Any, str] | None:
    """(label, URL) of the lesson's discussion when `user` may take part in it."""
    if not (is_staff(user) or catalog.current_enrolment(user, course) is not None):
        return None
    return _("Discuss this lesson"), reverse(
        "community:lesson_discussion", args=[course.slug, lesson.uuid]
    )
