"""A completed course earns its certificate.

The catalog, above this app, calls `course_completed` once a learner's completion of a course
commits, with the number of the course version completed (None for a course without versions);
the course is read through the attributes `CertifiedCourse` names, never by importing the
catalog.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext

from praxis.core.errors import PraxisError
from praxis.core.people import Person
from praxis.credentials.keys import KeyUnavailable
from praxis.credentials.models import CreditSystem
from praxis.credentials.services import define_achievement, issue_credential
from praxis.organisations.models import Organisation

logger = logging.getLogger(__name__)

# The CPD systems a course's catalogue credits count in unless its achievement says otherwise.
DEFAULT_COURSE_SYSTEM = "cpd-hours"


class CoCreators(Protocol):
    def all(self) -> Iterable[Organisation]: ...


class CertifiedCourse(Protocol):
    """What a course certificate reads of the catalog's course."""

    @property
    def uuid(self) -> uuid.UUID: ...
    @property
    def slug(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def summary(self) -> str: ...
    @property
    def objectives(self) -> Any: ...  # JSON: a list of texts
    @property
    def language(self) -> str: ...
    @property
    def estimated_hours(self) -> Decimal: ...
    @property
    def cpd_credits(self) -> Decimal: ...
    @property
    def organisations(self) -> CoCreators: ...


def issue_course_certificate(
    learner: Person, course: CertifiedCourse, version: int | None = None
) -> None:
    """Issue the course certificate (idempotent: a learner gets one per course), naming the
    version of the course it was earned on."""
    objectives = [str(item) for item in (course.objectives or [])]
    criteria = gettext("Completed every lesson of the course.")
    if objectives:
        criteria += " " + gettext("Learning objectives:") + " " + "; ".join(objectives)
    # A site that removed the default system still issues certificates, without credits.
    credits: dict[str, Decimal | int | str | None] = (
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


def course_completed(learner: Person, course: CertifiedCourse, version: int | None) -> None:
    """The catalog calls it after a completion has committed: issue the certificate. A failure
    to issue is logged for staff to re-issue, never shown to the learner as an error on the page
    that completed the course."""
    try:
        issue_course_certificate(learner, course, version)
    except (PraxisError, KeyUnavailable):
        logger.exception("could not issue the course certificate")
