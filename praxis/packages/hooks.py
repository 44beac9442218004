"""The hooks the package player asks; the catalog answers them, so packages never import it."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from praxis.core.hooks import Notification

if TYPE_CHECKING:
    from praxis.core.people import Person


@Notification
def package_completed(*, learner: Person, subject: uuid.UUID) -> None:
    """Every SCO of the package played as `subject` (a lesson's UUID) is now completed or
    passed by `learner`; sent inside the commit's transaction (catalog: completes the lesson)."""
    raise NotImplementedError
