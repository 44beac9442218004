"""A page of a thread's posts as a reader sees it: the posts with their authors, avatars and
reactions, and the reader's own membership, subscription, draft and place in the thread."""

from __future__ import annotations

import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import connection
from django.db.models import Count, Model, Q, prefetch_related_objects

from praxis.community.models import (
    Draft,
    Membership,
    Post,
    Reaction,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from praxis.community.queries import POSTS_PER_PAGE
from praxis.community.thread_cache import cached_posts_page
from praxis.core.pagination import Page, clamp, paginate
from praxis.core.people import Visitor, signed_in
from praxis.core.permissions import is_staff

AVATAR_COLOURS = 8  # .avatar.c0 to .c7 in site.css, each with white text at AA contrast
M = TypeVar("M", bound=Model)


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
    # Not visible to all because its opening post waits for review (not hidden by a moderator).
    waiting_for_review: bool = False

    @property
    def accepted_page(self) -> int:
        """The page of posts holding the accepted answer. Its row is read only when asked: a
        page of posts kept for every member links to it without reading it again."""
        accepted = self.thread.accepted_post
        return accepted.position // POSTS_PER_PAGE + 1 if accepted else 1


@dataclass(frozen=True)
class ReaderState:
    """What is the reader's own on a thread: their active membership of its community, their
    subscription to it, their draft of a reply and how far they have read it."""

    membership: Membership | None = None
    subscription: str = "default"
    draft: Draft | None = None
    reading: ThreadRead | None = None


def thread_page(
    user: Visitor, thread: Thread, page: Any = 1, *, attachments: bool = True
) -> ThreadPage:
    """One page of a thread's posts with authors, handles, attachments and reaction counts.
    Held and hidden posts are shown to their authors and the moderators only. `attachments`:
    read the posts' attachments (a caller that may not show them reads them when it does)."""
    user_id = user.pk if signed_in(user) else None
    # Read once: whether they moderate, and whether they may post.
    own = reader_state(user_id, thread) if user_id is not None else ReaderState()
    membership = own.membership
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
            with_held = visible | Q(author_id=user_id, status=Post.Status.HELD)
            one_page, counts = _posts_page(thread, with_held, page)
    if attachments:
        prefetch_related_objects(one_page.items, "attachments")
    # The reader can have reacted only to posts somebody reacted to: counted with the posts.
    reacted_to = [post.pk for post in one_page.items if counts.get(post.pk)]
    mine: dict[int, set[str]] = defaultdict(set)
    if user_id is not None and reacted_to:
        for post_id, kind in Reaction.objects.filter(
            post_id__in=reacted_to, user_id=user_id
        ).values_list("post_id", "kind"):
            mine[post_id].add(kind)
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
        subscription=own.subscription,
        draft=own.draft,
        membership=membership,
        tags=list(thread.tag_names),
        reading=own.reading,
        waiting_for_review=not thread.is_visible
        and Post.objects.filter(thread=thread, position=0, status=Post.Status.HELD).exists(),
    )


def reader_state(user_id: int, thread: Thread) -> ReaderState:
    """The person's own state on `thread`, in one query: their membership of its community if
    active (the row `permissions.membership_of` reads), their subscription, their draft of a
    reply and their row of reading. Written as one SQL text because it runs on every member's
    view of a thread, and the ORM took longer to build its four queries (about 1.7 ms) than the
    database takes to answer them; each join is on a unique key, so the thread's row is the
    only row. The rows come with only the fields the page uses; any other is read if asked."""
    with connection.cursor() as cursor:
        cursor.execute(
            _READER_STATE,
            [user_id, Membership.Status.ACTIVE.value, user_id, user_id, user_id, thread.pk],
        )
        row = cursor.fetchone()
    if row is None:  # the thread was deleted meanwhile
        return ReaderState()
    membership_id, role, level, reading_id, seen_replies, draft_id, body = row
    return ReaderState(
        membership=_partial(
            Membership,
            id=membership_id,
            community_id=thread.community_id,
            user_id=user_id,
            role=role,
            status=Membership.Status.ACTIVE.value,
        ),
        subscription=level or "default",
        draft=_partial(
            Draft,
            id=draft_id,
            user_id=user_id,
            community_id=thread.community_id,
            thread_id=thread.pk,
            body=body,
        ),
        reading=_partial(
            ThreadRead,
            id=reading_id,
            thread_id=thread.pk,
            user_id=user_id,
            seen_replies=seen_replies,
        ),
    )


def _partial(model: type[M], **values: Any) -> M | None:
    """The row of `model` with these field values (None when its id is None, as a join finding
    no row answers), its other fields deferred as `only()` leaves them."""
    if values["id"] is None:
        return None
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(connection.alias, names, [values[name] for name in names])


def _reader_state_sql() -> str:
    thread = Thread._meta.db_table
    membership = Membership._meta.db_table
    subscription = ThreadSubscription._meta.db_table
    reading = ThreadRead._meta.db_table
    draft = Draft._meta.db_table
    return (
        'SELECT m."id", m."role", s."level", r."id", r."seen_replies", d."id", d."body"'  # noqa: S608  # table names are the models'; values are bound
        f' FROM "{thread}" t'
        f' LEFT JOIN "{membership}" m ON m."community_id" = t."community_id"'
        ' AND m."user_id" = %s AND m."status" = %s'
        f' LEFT JOIN "{subscription}" s ON s."thread_id" = t."id" AND s."user_id" = %s'
        f' LEFT JOIN "{reading}" r ON r."thread_id" = t."id" AND r."user_id" = %s'
        f' LEFT JOIN "{draft}" d ON d."thread_id" = t."id"'
        ' AND d."community_id" = t."community_id" AND d."user_id" = %s'
        ' WHERE t."id" = %s'
    )


_READER_STATE = _reader_state_sql()


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
