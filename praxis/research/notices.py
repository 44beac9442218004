"""The notices research sends about data-access requests (praxis.notifications.kinds)."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.notifications.kinds import Delivery, kind
from praxis.research.models import Project
from praxis.research.permissions import is_research_officer


def _leads_a_project(person: Person) -> bool:
    return Project.objects.filter(principal_investigator=person).exists()


@kind(
    label=_("A data-access request is submitted"),
    default=Delivery.EMAIL,
    audience=is_research_officer,
)
def research_request_submitted(*, project: str, by: str) -> str:
    return gettext("%(by)s submitted the data-access request “%(project)s” for a decision.") % {
        "by": by,
        "project": project,
    }


def _decision(status: str) -> str:
    return {
        "under_review": gettext("Your data-access request “%(project)s” is under review."),
        "approved": gettext(
            "Your data-access request “%(project)s” is approved with conditions; read them "
            "on its page."
        ),
        "rejected": gettext("Your data-access request “%(project)s” is rejected."),
        "expired": gettext("Your data-access request “%(project)s” has expired."),
    }.get(status) or gettext("Your data-access request “%(project)s” was decided.")


@kind(
    label=_("Your data-access request is decided"),
    default=Delivery.EMAIL,
    audience=_leads_a_project,
)
def research_request_decided(*, project: str, status: str) -> str:
    return _decision(status) % {"project": project}
