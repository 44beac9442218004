"""Who may read a community, post in it and moderate it.

Open communities are read by anyone; the others, and course spaces, by their members (a course
space's members are the course's enrolled learners). Posting needs an active, unsuspended
membership. Moderators act in their own communities only; academy staff in every one.
"""

from __future__ import annotations

from django.db.models import Q

from praxis.catalog import services as catalog
from praxis.community.models import Community, Membership
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import OpenRule, Rule, is_staff
from praxis.core.rows import the_row


def membership_of(user: Visitor, community: Community) -> Membership | None:
    """The user's active membership of `community`, if any."""
    if not signed_in(user):
        return None
    return the_row(
        Membership.objects.filter(community=community, user=user, status=Membership.Status.ACTIVE)
    )


def is_enrolled(user: Visitor, community: Community) -> bool:
    course = community.course
    return course is not None and catalog.current_enrolment(user, course) is not None


def _can_read(user: Visitor, community: Community) -> bool:
    if is_staff(user):
        return True
    if community.course_id is not None:
        return is_enrolled(user, community)
    if community.access == Community.Access.OPEN:
        return True
    return membership_of(user, community) is not None


def _readable(user: Visitor) -> Q:
    if is_staff(user):
        return Q()
    open_to_all = Q(access=Community.Access.OPEN, course__isnull=True)
    if not signed_in(user):
        return open_to_all
    mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
    return open_to_all | Q(id__in=mine.values("community_id"))


def _can_moderate(user: Person, community: Community) -> bool:
    if is_staff(user):
        return True
    membership = membership_of(user, community)
    return membership is not None and membership.role == Membership.Role.MODERATOR


def _invited(user: Visitor, community: Community) -> bool:
    return (
        signed_in(user)
        and Membership.objects.filter(
            community=community, user=user, status=Membership.Status.INVITED
        ).exists()
    )


def _can_see(user: Visitor, community: Community) -> bool:
    # A community by request shows its name and description, so that people can ask to join;
    # one by invitation shows them to the people invited.
    if community.access == Community.Access.REQUEST and community.course_id is None:
        return True
    return _can_read(user, community) or _invited(user, community)


def _seeable(user: Visitor) -> Q:
    seeable = _readable(user) | Q(access=Community.Access.REQUEST, course__isnull=True)
    if signed_in(user):
        invited = Membership.objects.filter(user=user, status=Membership.Status.INVITED)
        seeable |= Q(id__in=invited.values("community_id"))
    return seeable


see_community = OpenRule("community.see", check=_can_see, scope=_seeable)
read_community = OpenRule("community.read", check=_can_read, scope=_readable)
moderate_community = Rule("community.moderate", check=_can_moderate)
