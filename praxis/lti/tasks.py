"""Background jobs of LTI: a learner's progress posted to the learning platform that launched
their course. Safe to run twice: a score already sent is not sent again."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task

from praxis.lti.tool_side import http, outcomes

log = logging.getLogger(__name__)

# Attempts at once when tasks run in-process (no broker), one after the other.
EAGER_ATTEMPTS = 3


@shared_task(bind=True, max_retries=6)
def send_course_score(self: Any, link_id: int) -> bool:
    """Post the progress kept on a platform enrolment link to the platform's line item; when
    the platform cannot be reached, try again later (every few minutes, then give up and log)."""
    attempts = EAGER_ATTEMPTS if self.request.is_eager else 1
    for attempt in range(attempts):
        try:
            return outcomes.send_score(link_id)
        except http.Unreachable as error:
            if attempt + 1 < attempts:
                continue
            if not self.request.is_eager and self.request.retries < self.max_retries:
                raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from error
            log.warning("A score for platform link %s was not sent: %s", link_id, error)
        except http.Refused as error:
            log.warning("The platform refused the score of link %s: %s", link_id, error)
            return False
    return False
