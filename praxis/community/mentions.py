"""Mentions that match no member: which they are, and the handles the author may have meant.

A mention of an unknown handle stays plain text and notifies no one, so the author is told, with
up to three suggestions: handles that begin with what was typed (`@priya` for `priya-raman`),
then handles spelt nearly alike among the community's members and those beginnings."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from praxis.community import text
from praxis.community.models import Community, MemberProfile, Membership

MAX_SUGGESTIONS = 3
# Enough handles to compare with, without reading a whole large community.
MAX_CANDIDATES = 2000
# How alike two handles must be to suggest one for the other (difflib's ratio, 0 to 1).
CLOSENESS = 0.75


@dataclass(frozen=True)
class UnmatchedMention:
    handle: str
    suggestions: list[str] = field(default_factory=list)


def unmatched_mentions(body: str, community: Community) -> list[UnmatchedMention]:
    """The mentions in `body` that match no member's handle, in order, each with suggestions."""
    typed = text.mentioned_handles(body)
    if not typed:
        return []
    known = set(MemberProfile.objects.filter(handle__in=typed).values_list("handle", flat=True))
    missing = [handle for handle in typed if handle not in known]
    if not missing:
        return []
    begins = reduce(or_, (Q(handle__startswith=handle) for handle in missing))
    candidates = set(
        MemberProfile.objects.filter(begins)
        .order_by("handle")
        .values_list("handle", flat=True)[:MAX_CANDIDATES]
    )
    candidates |= set(
        MemberProfile.objects.filter(
            user__community_memberships__community=community,
            user__community_memberships__status=Membership.Status.ACTIVE,
        )
        .order_by("handle")
        .values_list("handle", flat=True)[:MAX_CANDIDATES]
    )
    return [UnmatchedMention(handle, _suggestions(handle, candidates)) for handle in missing]


@dataclass(frozen=True)
class Preview:
    html: str
    unmatched: list[UnmatchedMention]


def preview(body: str, community: Community) -> Preview:
    """`body` rendered as it would be posted, with the mentions that would match nobody."""
    typed = text.mentioned_handles(body)
    known = set(MemberProfile.objects.filter(handle__in=typed).values_list("handle", flat=True))
    return Preview(text.render_post(body, known), unmatched_mentions(body, community))


def _suggestions(handle: str, candidates: set[str]) -> list[str]:
    longer = sorted(
        (candidate for candidate in candidates if candidate.startswith(handle)),
        key=lambda candidate: (len(candidate), candidate),
    )
    alike = difflib.get_close_matches(
        handle, sorted(candidates), n=MAX_SUGGESTIONS, cutoff=CLOSENESS
    )
    return list(dict.fromkeys(longer + alike))[:MAX_SUGGESTIONS]


MAX_COMPLETIONS = 6


def completions(community: Community, typed: str) -> list[tuple[str, str]]:
    """The (handle, name) of up to MAX_COMPLETIONS active members of `community` whose handle
    begins with `typed` (what follows an "@"), by handle; none for anything that cannot begin
    a handle."""
    typed = typed.lower()
    if (
        not typed
        or len(typed) > 40
        or not all(c.isascii() and (c.isalnum() or c == "-") for c in typed)
    ):
        return []
    return list(
        MemberProfile.objects.filter(
            handle__startswith=typed,
            user__community_memberships__community=community,
            user__community_memberships__status=Membership.Status.ACTIVE,
        )
        .order_by("handle")
        .values_list("handle", "user__full_name")[:MAX_COMPLETIONS]
    )
