"""The moderation log: every moderator action, shown to the member it concerns."""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse

from praxis.community import notices
from praxis.community.models import Community, ModerationAction, Post, Thread
from praxis.core.people import Person
from praxis.notifications.services import notify

# What a member is told about: these link to the moderation record (with the reason), the rest to
# the thread concerned.
EXPLAINED = {"hide", "edit", "suspend", "unsuspend", "lock", "remove_member"}


def log_action(
    moderator: Person,
    community: Community,
    kind: str,
    *,
    member: Person | None = None,
    thread: Thread | None = None,
    post: Post | None = None,
    reason: str = "",
    until: datetime | None = None,
    tell_member: bool = True,
) -> ModerationAction:
    """Record the action and, when it concerns someone else (and `tell_member`: the caller
    does not send its own notice), send them a notice worded for what was done."""
    action = ModerationAction.objects.create(
        community=community,
        moderator=moderator,
        member=member,
        kind=kind,
        reason=reason[:500],
        thread=thread or (post.thread if post is not None else None),
        post=post,
        until=until,
    )
    if tell_member and member is not None and member.pk != moderator.pk:
        concerned = action.thread
        link = (
            reverse("community:thread", args=[concerned.uuid])
            if concerned is not None and kind not in EXPLAINED
            else reverse("community:moderation_record")
        )
        notify(
            member,
            notices.moderation,
            link,
            action=kind,
            community=community.name,
            thread=concerned.title if concerned is not None else "",
        )
    return action
