"""The notices the partner directory sends (praxis.notifications.kinds): applications to join
the network, for the staff who review them and for the applicants who hear the decision."""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.notifications.kinds import Delivery, kind


@kind(label=_("Applications to join the partner network (staff)"), default=Delivery.EMAIL)
def partner_application(*, actor: str, organisation: str) -> str:
    return gettext("%(actor)s applied for %(organisation)s to join the partner network") % {
        "actor": actor,
        "organisation": organisation,
    }


@kind(label=_("Decisions on your partner application"), default=Delivery.EMAIL)
def partner_application_decided(*, organisation: str, approved: bool) -> str:
    if approved:
        return gettext("%(organisation)s is now a partner: you are its first admin") % {
            "organisation": organisation
        }
    return gettext("Your application for %(organisation)s was declined") % {
        "organisation": organisation
    }


@kind(label=_("Your organisation's partnerships"), default=Delivery.EMAIL)
def partnership_moved(*, partnership: str, status: str) -> str:
    return gettext("The partnership “%(partnership)s” is now: %(status)s") % {
        "partnership": partnership,
        "status": status,
    }
