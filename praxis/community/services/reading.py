"""What each person has read: a thread opened is read up to the last reply on the page shown;
"mark all read" clears a community's new and unread threads at once.

Rows only ever move forward: opening page 1 of a long thread again does not make replies read
on page 3 unread.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone

from praxis.community.models import Community, Thread, ThreadRead
from praxis.community.queries import POSTS_PER_PAGE, new_since
from praxis.core.people import Person


def record_reading(
    user: Person, thread: Thread, page_number: int, known: ThreadRead | None
) -> None:
    """`user` has seen `thread` up to the last reply on page `page_number` of its posts
    (`known`: their row, already read by the caller, or None)."""
    seen = max(0, min(thread.reply_count, page_number * POSTS_PER_PAGE - 1))
    if known is None:
        ThreadRead.objects.bulk_create(
            [ThreadRead(user=user, thread=thread, seen_replies=seen)],
            update_conflicts=True,
            unique_fields=["user", "thread"],
            update_fields=["seen_replies", "read_at"],
        )
    elif seen > known.seen_replies:
        ThreadRead.objects.filter(pk=known.pk, seen_replies__lt=seen).update(
            seen_replies=seen, read_at=timezone.now()
        )


def mark_all_read(user: Person, community: Community) -> int:
    """Every visible thread of `community` that is new or has unread replies for `user`
    becomes read; returns how many."""
    cutoff = new_since(user, community)
    behind = Thread.objects.filter(community=community, is_visible=True).filter(
        Q(reads__user=user, reply_count__gt=0) | Q(created_at__gt=cutoff) & ~Q(reads__user=user)
    )
    rows = [
        ThreadRead(user=user, thread_id=thread_id, seen_replies=replies)
        for thread_id, replies in behind.values_list("pk", "reply_count").distinct()
    ]
    ThreadRead.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["user", "thread"],
        update_fields=["seen_replies", "read_at"],
        batch_size=500,
    )
    return len(rows)
