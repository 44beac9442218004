"""What organisations hold about a person: memberships and invitations; staff decisions they
took stay on the partner's record without their name."""

from django.utils.translation import gettext_lazy as _

from praxis.core.personal_data import Erasing, Erasure, Holding, register
from praxis.organisations.models import (
    Invitation,
    Membership,
    PartnerApplication,
    PartnershipEvent,
)


def _erase_invitations(erasing: Erasing) -> None:
    person = erasing.person
    Invitation.objects.filter(email__iexact=person.email).delete()
    Invitation.objects.filter(invited_by=person).update(invited_by=None)
    Invitation.objects.filter(accepted_by=person).delete()


def _erase_applications(erasing: Erasing) -> None:
    PartnerApplication.objects.filter(decided_by=erasing.person).update(decided_by=None)
    PartnerApplication.objects.filter(applicant=erasing.person).delete()


def _erase_memberships(erasing: Erasing) -> None:
    Membership.objects.filter(decided_by=erasing.person).update(decided_by=None)
    Membership.objects.filter(user=erasing.person).delete()


register(
    Holding(
        Membership,
        ("user", "decided_by"),
        Erasure.CUSTOM,
        kind="organisation-memberships",
        label=_("Partner organisation memberships"),
        export=lambda person: (
            Membership.objects.filter(user=person)
            .order_by("pk")
            .values("organisation__name", "role", "status", "created_at", "decided_at")
        ),
        erase=_erase_memberships,
    ),
    Holding(
        Invitation,
        ("email", "invited_by", "accepted_by"),
        Erasure.CUSTOM,
        erase=_erase_invitations,
    ),
    Holding(PartnershipEvent, ("by",), Erasure.DETACH),
    Holding(
        PartnerApplication,
        ("applicant", "decided_by"),
        Erasure.CUSTOM,
        kind="partner-applications",
        label=_("Applications to join the partner network"),
        export=lambda person: (
            PartnerApplication.objects.filter(applicant=person)
            .order_by("pk")
            .values("name", "country", "status", "created_at", "decided_at", "decision_note")
        ),
        erase=_erase_applications,
    ),
)
