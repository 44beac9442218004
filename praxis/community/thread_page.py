"""A page of a thread's posts as a reader sees it: the posts with their authors, avatars and
reactions, and the reader's own membership, subscription, draft and place in the thread."""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, prefetch_related_objects

from praxis.community.models import (
    Draft,
    Membership,
    Post,
    Reaction,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from praxis.community.permissions import membership_of
from praxis.community.queries import POSTS_PER_PAGE
from praxis.community.thread_cache import cached_posts_page
from praxis.core.pagination import Page, clamp, paginate
from praxis.core.people import Visitor
from praxis.core.permissions import is_staff
from praxis.core.rows import the_row

AVATAR_COLOURS = 8  # .avatar.c0 to .c7 in site.css, each with white text at AA contrast


def initials(name: str) -> str:
    """One or two letters for a generated avatar: the first letters of the first and last
    words ("Grace Wanjiru" → "GW"), or the first character of a name without spaces (李伟 → 李).
    A name given again in brackets in another script ("李伟 (Li Wei)") counts as written first,
    so that the letters are of one script."""
    words = (name.split("(")[0] or name).split()
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][0].upper()
    return (words[0][0] + words[-1][0]).upper()


def avatar_colour(key: str) -> int:
    """A colour number that stays the same for a person: from their handle (or name)."""
    return zlib.crc32(key.encode()) % AVATAR_COLOURS


@dataclass(frozen=True)
class ReactionButton:
    """One kind of reaction under a post: its label, how many gave it, whether the reader did."""

    kind: str
    label: Any
    count: int
    pressed: bool


@dataclass
class PostView:
    post: Post
    handle: str
    reputation: int
    reactions: dict[str, int]
    initials: str = ""
    colour: int = 0
    buttons: list[ReactionButton] = field(default_factory=list)


@dataclass
class ThreadPage:
    thread: Thread
    page: Page[Any]
    posts: list[PostView]
    can_moderate: bool
    can_post: bool
    subscription: str
    draft: Draft | None
    membership: Membership | None = None
    tags: list[str] = field(default_factory=list)
    reading: ThreadRead | None = None
    accepted_page: int = 1  # the page of posts holding the accepted answer
    # Not visible to all because its opening post waits for review (not hidden by a moderator).
    waiting_for_review: bool = False


def thread_page(
    user: Visitor, thread: Thread, page: Any = 1, *, attachments: bool = True
) -> ThreadPage:
    """One page of a thread's posts with authors, handles, attachments and reaction counts.
    Held and hidden posts are shown to their authors and the moderators only. `attachments`:
    read the posts' attachments (a caller that may not show them reads them when it does)."""
    user_id = getattr(user, "pk", None)
    # Read once: whether they moderate, and whether they may post.
    membership = membership_of(user, thread.community)
    can_moderate = is_staff(user) or (
        membership is not None and membership.role == Membership.Role.MODERATOR
    )
    visible = Q(status=Post.Status.VISIBLE)
    if can_moderate:
        one_page, counts = _posts_page(thread, Q(), page)
    else:
        # What every reader sees who has no post held here: kept per version of the thread.
        number, _size = clamp(page, POSTS_PER_PAGE)
        held_by, one_page, counts = cached_posts_page(
            thread,
            number,
            lambda: (
                set(
                    Post.objects.filter(thread=thread, status=Post.Status.HELD).values_list(
                        "author_id", flat=True
                    )
                ),
                *_posts_page(thread, visible, number),
            ),
        )
        if user_id in held_by:
            own = visible | Q(author_id=user_id, status=Post.Status.HELD)
            one_page, counts = _posts_page(thread, own, page)
    if attachments:
        prefetch_related_objects(one_page.items, "attachments")
    ids = [post.pk for post in one_page.items]
    mine: dict[int, set[str]] = defaultdict(set)
    reading = None
    subscription = "default"
    draft = None
    if user_id is not None:
        for post_id, kind in Reaction.objects.filter(post_id__in=ids, user_id=user_id).values_list(
            "post_id", "kind"
        ):
            mine[post_id].add(kind)
        level = the_row(
            ThreadSubscription.objects.filter(thread=thread, user_id=user_id).values_list(
                "level", flat=True
            )
        )
        subscription = level or "default"
        draft = the_row(
            Draft.objects.filter(user_id=user_id, community=thread.community, thread=thread)
        )
        reading = the_row(ThreadRead.objects.filter(thread=thread, user_id=user_id))
    views = []
    kinds = list(Reaction.Kind.choices)
    for post in one_page.items:
        profile = getattr(post.author, "community_profile", None)
        reactions, reacted = counts[post.pk], mine[post.pk]
        views.append(
            PostView(
                post=post,
                handle=profile.handle if profile else "",
                reputation=profile.reputation if profile else 0,
                reactions=reactions,
                initials=initials(post.author.full_name),
                colour=avatar_colour(profile.handle if profile else post.author.full_name),
                buttons=[
                    ReactionButton(kind, label, reactions.get(kind, 0), kind in reacted)
                    for kind, label in kinds
                ],
            )
        )
    return ThreadPage(
        thread=thread,
        page=one_page,
        posts=views,
        can_moderate=can_moderate,
        # A thread waiting for review takes no replies until a moderator approves it.
        can_post=membership is not None
        and thread.is_visible
        and (not thread.is_locked or can_moderate),
        subscription=subscription,
        draft=draft,
        membership=membership,
        tags=list(thread.tag_names),
        reading=reading,
        accepted_page=(
            thread.accepted_post.position // POSTS_PER_PAGE + 1 if thread.accepted_post else 1
        ),
        waiting_for_review=not thread.is_visible
        and Post.objects.filter(thread=thread, position=0, status=Post.Status.HELD).exists(),
    )


def _posts_page(
    thread: Thread, shown: Q, page: Any
) -> tuple[Page[Post], dict[int, dict[str, int]]]:
    """One page of the thread's posts that `shown` selects, with their authors and profiles,
    and the count of each kind of reaction to each."""
    posts = Post.objects.filter(shown, thread=thread).select_related("author__community_profile")
    one_page = paginate(posts.order_by("position"), page, POSTS_PER_PAGE)
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for row in (
        Reaction.objects.filter(post_id__in=[post.pk for post in one_page.items])
        .values("post_id", "kind")
        .annotate(n=Count("id"))
    ):
        counts[row["post_id"]][row["kind"]] = row["n"]
    return one_page, counts
