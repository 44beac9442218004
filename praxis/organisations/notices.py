"""The notices the partner directory sends (praxis.notifications.kinds): applications to join
the network, for the staff who review them and for the applicants who hear the decision."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.core.people import Person
from praxis.core.permissions import is_staff
from praxis.notifications.kinds import Delivery, kind
from praxis.organisations.models import PartnerApplication, Role
from praxis.organisations.permissions import organisation_ids_with_role


def _applied(person: Person) -> bool:
    return PartnerApplication.objects.filter(applicant=person).exists()


def _admin_of_an_organisation(person: Person) -> bool:
    return bool(organisation_ids_with_role(person, frozenset({Role.ADMIN})))


@kind(
    label=_("Applications to join the partner network (staff)"),
    default=Delivery.EMAIL,
    audience=is_staff,
)
def partner_application(*, actor: str, organisation: str) -> str:
    return gettext("%(actor)s applied for %(organisation)s to join the partner network") % {
        "actor": actor,
        "organisation": organisation,
    }


@kind(label=_("Decisions on your partner application"), default=Delivery.EMAIL, audience=_applied)
def partner_application_decided(*, organisation: str, approved: bool) -> str:
    if approved:
        return gettext("%(organisation)s is now a partner: you are its first admin") % {
            "organisation": organisation
        }
    return gettext("Your application for %(organisation)s was declined") % {
        "organisation": organisation
    }


@kind(
    label=_("Your organisation's partnerships"),
    default=Delivery.EMAIL,
    audience=_admin_of_an_organisation,
)
def partnership_moved(*, partnership: str, status: str) -> str:
    return gettext("The partnership “%(partnership)s” is now: %(status)s") % {
        "partnership": partnership,
        "status": status,
    }
