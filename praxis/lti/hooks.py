"""The hooks the LTI platform asks; the catalog answers them, so LTI never imports it."""

from __future__ import annotations

import uuid
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
