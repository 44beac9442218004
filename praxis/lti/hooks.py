"""The hooks the LTI platform asks; the catalog answers them, so LTI never imports it."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from praxis.core.hooks import Notification

if TYPE_CHECKING:
    from praxis.accounts.models import User


@Notification
def tool_passed(*, learner: User, subject: uuid.UUID) -> None:
    """An external tool graded `learner` at or above the pass mark of the resource link opened
    as `subject` (a lesson's UUID); sent inside the score's transaction (catalog: completes the
    lesson when the learner is enrolled)."""
    raise NotImplementedError
