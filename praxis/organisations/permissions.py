"""Who may do what in the partner directory, declared once from membership roles.

Roles are per organisation: a member belongs; an author co-creates its courses; a reviewer may
be assigned to review courses (never their own); an organisation admin manages the organisation,
its people and its invitations. Academy staff may do everything.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import Rule, is_staff
from praxis.organisations.models import Membership, Organisation, Role

AUTHOR_ROLES = frozenset({Role.AUTHOR, Role.ADMIN})
REVIEWER_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})


def organisation_ids_with_role(user: Visitor, roles: frozenset[str] | None = None) -> set[int]:
    """The organisations in which `user` holds an active membership with one of `roles`."""
    if not signed_in(user):
        return set()
    memberships = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    return set(memberships.values_list("organisation_id", flat=True))


def has_role(user: Person, organisation: Organisation | int, roles: frozenset[str]) -> bool:
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    return organisation_id in organisation_ids_with_role(user, roles)


def _admin_of(user: Person, organisation: Organisation) -> bool:
    return is_staff(user) or has_role(user, organisation, frozenset({Role.ADMIN}))


manage_directory = Rule("organisations.manage_directory", check=is_staff)

manage_organisation = Rule(
    "organisations.manage",
    check=_admin_of,
    scope=lambda user: (
        Q()
        if is_staff(user)
        else Q(pk__in=organisation_ids_with_role(user, frozenset({Role.ADMIN})))
    ),
)

author_for_organisation: Rule[Organisation] = Rule(
    "organisations.author",
    check=lambda user, organisation: is_staff(user) or has_role(user, organisation, AUTHOR_ROLES),
)

request_membership: Rule[Organisation] = Rule(
    "organisations.request_membership", check=lambda user, organisation: user.is_active
)


def can_review(user: Person) -> bool:
    """Academy staff, and people with a reviewer role in any organisation, review courses."""
    return is_staff(user) or bool(organisation_ids_with_role(user, REVIEWER_ROLES))


review_courses: Rule[object] = Rule(
    "organisations.review", check=lambda user, obj: can_review(user)
)


def _leads(user: Person, network: Any) -> bool:
    return is_staff(user) or (
        network.lead_id is not None and has_role(user, network.lead_id, frozenset({Role.ADMIN}))
    )


# The network's lead organisation's admins (and staff) take organisations into the network.
lead_network: Rule[Any] = Rule("organisations.lead_network", check=_leads)


def takes_out(user: Person, member: Any) -> bool:
    """An organisation's own admins make it leave a network; the network's managers (its lead
    organisation's admins, and staff) remove any member. `member` is a NetworkMember."""
    return _leads(user, member.network) or has_role(
        user, member.organisation_id, frozenset({Role.ADMIN})
    )


take_out_of_network: Rule[Any] = Rule("organisations.take_out_of_network", check=takes_out)
