"""A completed course earns its certificate.

The catalog, above this app, calls `course_completed` once a learner's completion of a course
commits, with the number of the course version completed (None for a course without versions);
the course is read through its attributes, never by importing the catalog.
"""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from praxis.core.errors import PraxisError
from praxis.core.people import Person
from praxis.credentials.keys import KeyUnavailable
from praxis.credentials.models import CreditSystem
from praxis.credentials.services import define_achievement, issue_credential

logger = logging.getLogger(__name__)

# The CPD systems a course's catalogue credits count in unless its achievement says otherwise.
DEFAULT_COURSE_SYSTEM = "cpd-hours"


def issue_course_certificate(learner: Person, course: Any, version: int | None = None) -> None:
    """Issue the course certificate (idempotent: a learner gets one per course), naming the
    version of the course it was earned on."""
    objectives = [str(item) for item in (course.objectives or [])]
    criteria = gettext("Completed every lesson of the course.")
    if objectives:
        criteria += " " + gettext("Learning objectives:") + " " + "; ".join(objectives)
    # A site that removed the default system still issues certificates, without credits.
    credits = (
        {DEFAULT_COURSE_SYSTEM: course.cpd_credits}
        if course.cpd_credits and CreditSystem.objects.filter(code=DEFAULT_COURSE_SYSTEM).exists()
        else {}
    )
    achievement = define_achievement(
        f"course:{course.uuid}",
        kind="course",
        name=course.title,
        description=course.summary,
        criteria=criteria,
        language=course.language,
        url=settings.SITE_URL + reverse("catalog:course", args=[course.slug]),
        hours=course.estimated_hours,
        credits=credits,
        organisations=list(course.organisations.all()),
    )
    issue_credential(
        learner,
        achievement,
        version=str(version) if version else "",
        version_url=(
            settings.SITE_URL + reverse("catalog:version", args=[course.slug, version])
            if version
            else ""
        ),
    )


def course_completed(learner: Person, course: Any, version: int | None) -> None:
    """The catalog calls it after a completion has committed: issue the certificate. A failure
    to issue is logged for staff to re-issue, never shown to the learner as an error on the page
    that completed the course."""
    try:
        issue_course_certificate(learner, course, version)
    except (PraxisError, KeyUnavailable):
        logger.exception("could not issue the course certificate")
