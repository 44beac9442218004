"""The moderation log: every moderator action, shown to the member it concerns."""

from __future__ import annotations

from datetime import datetime

from praxis.community.models import Community, ModerationAction, Notification, Post, Thread
from praxis.core.people import Person


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
) -> ModerationAction:
    """Record the action and, when it concerns someone else, tell them in the app."""
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
    if member is not None and member.pk != moderator.pk:
        Notification.objects.create(
            user=member,
            kind=Notification.Kind.MODERATION,
            actor=moderator,
            thread=action.thread,
            post=post,
        )
    return action
