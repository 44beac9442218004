"""The hooks the LTI platform asks; the catalog answers them, so LTI never imports it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from praxis.core.hooks import Notification, Query

if TYPE_CHECKING:
    from praxis.accounts.models import User


@Notification
def tool_passed(*, learner: User, subject: uuid.UUID) -> None:
    """An external tool graded `learner` at or above the pass mark of the resource link opened
    as `subject` (a lesson's UUID); sent inside the score's transaction (catalog: completes the
    lesson when the learner is enrolled)."""
    raise NotImplementedError


@Query
def context_learners(*, context_id: str) -> set[int]:
    """The ids of the learners who currently follow the context `context_id` (a course's
    UUID), for Names and Role Provisioning (catalog: the course's current enrolments)."""
    raise NotImplementedError


@dataclass(frozen=True)
class ToolCourse:
    """A published course a learning platform may launch: its UUID, slug, title and page."""

    uuid: uuid.UUID
    slug: str
    title: str
    url: str


@Query
def published_course(*, slug: str) -> ToolCourse | None:
    """The published course whose slug is `slug`, or None (catalog: its courses)."""
    raise NotImplementedError


@Query
def course_choices(*, q: str, languages: list[str], limit: int) -> list[ToolCourse]:
    """At most `limit` published courses matching `q` (all when empty), those in `languages`
    first, for a platform's instructor to add (catalog: its catalogue search)."""
    raise NotImplementedError


@Notification
def launched_into(*, learner: User, course: uuid.UUID) -> None:
    """A learning platform launched `learner` into the published course `course`; sent inside
    the launch's transaction (catalog: enrols them unless they follow it already; its refusal
    refuses the launch)."""
    raise NotImplementedError
