"""Who may read a community, post in it and moderate it.

Open communities are read by anyone; the others, and course spaces, by their members (a course
space's members are the course's enrolled learners). Posting needs an active, unsuspended
membership. Moderators act in their own communities only; academy staff in every one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from praxis.catalog import services as catalog
from praxis.community.models import Community, Membership
from praxis.core.permissions import Rule, is_staff


def membership_of(user: Any, community: Community) -> Membership | None:
    """The user's active membership of `community`, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(
        community=community, user=user, status=Membership.Status.ACTIVE
    ).first()


def is_enrolled(user: Any, community: Community) -> bool:
    course = community.course
    return course is not None and catalog.current_enrolment(user, course) is not None


def _can_read(user: Any, community: Community) -> bool:
    if is_staff(user):
        return True
    if community.course_id is not None:
        return is_enrolled(user, community)
    if community.access == Community.Access.OPEN:
        return True
    return membership_of(user, community) is not None


def _readable(user: Any) -> Q:
    if is_staff(user):
        return Q()
    open_to_all = Q(access=Community.Access.OPEN, course__isnull=True)
    if not getattr(user, "is_authenticated", False):
        return open_to_all
    mine = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
    return open_to_all | Q(id__in=mine.values("community_id"))


def _can_moderate(user: Any, community: Community) -> bool:
    if is_staff(user):
        return True
    membership = membership_of(user, community)
    return membership is not None and membership.role == Membership.Role.MODERATOR


def _can_see(user: Any, community: Community) -> bool:
    # A community by request shows its name and description, so that people can ask to join.
    if community.access == Community.Access.REQUEST and community.course_id is None:
        return True
    return _can_read(user, community)


def _seeable(user: Any) -> Q:
    return _readable(user) | Q(access=Community.Access.REQUEST, course__isnull=True)


see_community = Rule("community.see", check=_can_see, scope=_seeable)
read_community = Rule("community.read", check=_can_read, scope=_readable)
moderate_community = Rule("community.moderate", check=_can_moderate, login_required=True)
