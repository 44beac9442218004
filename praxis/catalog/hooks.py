"""The hooks the catalog asks; higher apps import these declarations and answer them.

Each function is a declaration (praxis.core.hooks): its signature is the hook's, its body never
runs. The catalog never imports the apps that answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise

from praxis.core.hooks import Notification, Query

if TYPE_CHECKING:
    import uuid

    from praxis.catalog.models import Course, Enrolment, Lesson
    from praxis.catalog.requirements import Requirement
    from praxis.core.people import Person, Visitor


@Query
def lesson_for(*, learner: Visitor, lesson: Lesson) -> Lesson | None:
    """The lesson whose content `learner` sees in place of `lesson`, or None to show `lesson`
    itself (research: the variant an experiment assigned). Progress is always kept on `lesson`."""
    raise NotImplementedError


@Query
def course_links(*, user: Visitor, course: Course) -> tuple[str | Promise, str] | None:
    """A (label, URL) link shown on the course's page to `user` for who they are, or None
    (assessments: the learner's grades; community: the discussion space of its learners).
    Visitors without a session are served the page rendered once: an answer that depends on
    rows of its app has them shown anew with `catalog.cache.course_page_shows`."""
    raise NotImplementedError


@Query
def shared_course_links(*, course: Course) -> tuple[str | Promise, str] | None:
    """A (label, URL) link shown on the course's page to every reader alike, or None
    (assessments: the course's quizzes; feedback: its rating). Asked once per version of the
    course and language: an answer that depends on rows of its app has them shown anew with
    `catalog.cache.course_page_shows`."""
    raise NotImplementedError


@Query
def lesson_links(
    *, user: Visitor, course: Course, lesson: Lesson
) -> tuple[str | Promise, str] | None:
    """A (label, URL) link shown on a lesson's page to `user`, or None (community: the
    lesson's discussion in the course's space)."""
    raise NotImplementedError


@Query
def completion_blockers(*, learner: Person, course: Course) -> list[Requirement]:
    """What, beyond its lessons, `learner` has still to do before `course` is completed
    (assessments: the required quizzes not yet passed). Asked before completing an enrolment."""
    raise NotImplementedError


@Notification
def enrolled(*, enrolment: Enrolment) -> None:
    """`enrolment` has just been created; sent inside its transaction (research: assigns the
    learner to the course's running experiments)."""


@dataclass(frozen=True)
class Attachment:
    """A file a `draft_attachment` answer names: where it is stored, the name it is downloaded
    under, and its media type."""

    file: str
    name: str
    type: str


@Query
def draft_attachment(*, user: Visitor, key: uuid.UUID) -> Attachment | None:
    """The file attached under `key` to a lesson of a draft `user` may see, or None
    (authoring: the team follows the links of a lesson's text before it is published)."""
    raise NotImplementedError
