"""The notices course feedback sends (praxis.notifications.kinds)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.feedback.permissions import on_a_course_team
from praxis.notifications.kinds import Delivery, kind


@kind(
    label=_("End-of-course survey results of your courses"),
    default=Delivery.IN_APP,
    audience=on_a_course_team,
)
def survey_results_ready(*, course: str, responses: int) -> str:
    return gettext(
        "The end-of-course survey of “%(course)s” has %(responses)s responses: its results "
        "can now be read."
    ) % {"course": course, "responses": responses}
