"""A community's counts of members and threads, changed in place.

The counts are changed by an UPDATE (two joins at once both count), which sends no signal: the
kept list of communities, which shows them, is told here (COMMUNITIES_SCOPE)."""

from __future__ import annotations

from django.db.models import F

from praxis.community.models import Community
from praxis.core import fragments

# The communities every visitor sees, with their counts (praxis.community.api).
COMMUNITIES_SCOPE = "api:communities"


def add(community_id: int, *, members: int = 0, threads: int = 0) -> None:
    """Add `members` and `threads` (either may be negative) to the community's counts."""
    changes = {}
    if members:
        changes["member_count"] = F("member_count") + members
    if threads:
        changes["thread_count"] = F("thread_count") + threads
    if changes:
        Community.objects.filter(pk=community_id).update(**changes)
        fragments.changed(COMMUNITIES_SCOPE)
