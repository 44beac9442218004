"""What the community holds about a person: their handle, memberships, threads and posts,
reactions, flags, drafts, subscriptions and notifications.

On erasure the person chooses for their posts: erased, or kept and credited to "former member".
Erased, a reply goes; an opening post that others answered stays as a hidden, empty post so the
conversation around it survives. Moderation they did, and resources they shared, stay with the
community, credited to "former member". Mentions of their handle in others' posts are reworded,
and so is their name where others quoted them.
"""

from collections.abc import Iterator

from django.contrib.admin.models import LogEntry
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from praxis.community.models import (
    Block,
    BouncedAddress,
    Conversation,
    DirectMessage,
    Draft,
    Flag,
    InboundEmail,
    MemberProfile,
    Membership,
    ModerationAction,
    Post,
    PostRevision,
    Reaction,
    Resource,
    SentItem,
    Thread,
    ThreadRead,
    ThreadSubscription,
)
from praxis.community.text import mentioned_handles, render_post
from praxis.core.people import Person
from praxis.core.personal_data import Erasing, Erasure, Holding, Row, register

FORMER_HANDLE = "former-member"
# Shorter handles would match unrelated log entries by chance.
HANDLE_MIN_LENGTH = 4


def _posts(person: Person) -> Iterator[Row]:
    posts = Post.objects.filter(author=person).select_related("thread__community")
    for post in posts.order_by("created_at", "pk"):
        yield {
            "community": post.thread.community.name,
            "thread": post.thread.title,
            "created_at": post.created_at,
            "status": post.status,
            "body": post.body,
        }


def _reword_others_posts(handle: str, full_name: str, former_name: str) -> None:
    """Others' posts that mention the person's handle, or name them (a quoted reply starts with
    its author's name), mention and name nobody in particular instead."""
    known = set(MemberProfile.objects.values_list("handle", flat=True)) - {handle}
    naming = Q(body__icontains=full_name) if full_name else Q(pk__in=[])
    if handle:
        naming |= Q(body__icontains=f"@{handle}")
    for post in Post.objects.filter(naming).iterator():
        body = post.body
        if handle and handle in mentioned_handles(body):
            body = body.replace(f"@{handle}", f"@{FORMER_HANDLE}")
        if full_name:
            body = body.replace(full_name, former_name)
        if body != post.body:
            post.body = body
            post.body_html = render_post(body, known)
            post.save(update_fields=["body", "body_html"])


def _erase_posts(erasing: Erasing) -> None:
    person, former = erasing.person, erasing.former_member
    profile = MemberProfile.objects.filter(user=person).first()
    _reword_others_posts(profile.handle if profile else "", person.full_name, former.full_name)
    if profile is not None and len(profile.handle) >= HANDLE_MIN_LENGTH:
        # Back-office log entries whose record name or change message showed the handle.
        LogEntry.objects.filter(
            Q(object_repr__icontains=profile.handle) | Q(change_message__icontains=profile.handle)
        ).update(object_repr=former.full_name, change_message="")
    if not erasing.keep_posts:
        PostRevision.objects.filter(post__author=person).delete()
        started = list(
            Thread.objects.filter(author=person).annotate(
                others=Count("posts", filter=~Q(posts__author=person))
            )
        )
        Thread.objects.filter(pk__in=[t.pk for t in started if t.others == 0]).delete()
        for thread in (t for t in started if t.others > 0):
            opening = thread.posts.order_by("created_at", "pk").first()
            if opening is not None and opening.author_id == person.pk:
                opening.body, opening.body_html = "", ""
                opening.status = Post.Status.HIDDEN
                opening.author = former
                opening.save(update_fields=["body", "body_html", "status", "author"])
        replies = Post.objects.filter(author=person)
        for thread_id, count in (
            replies.values_list("thread_id").annotate(n=Count("pk")).values_list("thread_id", "n")
        ):
            replied = Thread.objects.get(pk=thread_id)
            replied.reply_count = max(0, replied.reply_count - count)
            replied.save(update_fields=["reply_count"])
        replies.delete()
    Thread.objects.filter(author=person).update(author=former)
    Post.objects.filter(author=person).update(author=former)
    PostRevision.objects.filter(edited_by=person).update(edited_by=former)


def _erase_moderation(erasing: Erasing) -> None:
    ModerationAction.objects.filter(member=erasing.person).delete()
    ModerationAction.objects.filter(moderator=erasing.person).update(
        moderator=erasing.former_member
    )


register(
    Holding(
        MemberProfile,
        ("user",),
        Erasure.DELETE,
        kind="community-profile",
        label=_("Community handle and reputation"),
        fields=("handle", "reputation"),
    ),
    Holding(
        Membership,
        ("user",),
        Erasure.DELETE,
        kind="community-memberships",
        label=_("Community memberships"),
        fields=("community__name", "role", "status", "email", "created_at"),
    ),
    Holding(
        Thread,
        ("author",),
        Erasure.CUSTOM,
        kind="community-threads",
        label=_("Threads you started"),
        export=lambda person: (
            Thread.objects.filter(author=person)
            .order_by("pk")
            .values("community__name", "title", "kind", "language", "created_at")
        ),
        erase=lambda erasing: None,  # with the posts, below
    ),
    Holding(
        Post,
        ("author",),
        Erasure.CUSTOM,
        kind="community-posts",
        label=_("Community posts"),
        export=_posts,
        erase=_erase_posts,
    ),
    Holding(PostRevision, ("edited_by",), Erasure.CUSTOM, erase=lambda erasing: None),
    Holding(
        Reaction,
        ("user",),
        Erasure.DELETE,
        kind="community-reactions",
        label=_("Reactions"),
        fields=("post__thread__title", "kind", "created_at"),
    ),
    Holding(Flag, ("flagged_by",), Erasure.DELETE),
    Holding(
        ModerationAction,
        ("moderator", "member"),
        Erasure.CUSTOM,
        erase=_erase_moderation,
    ),
    Holding(Draft, ("user",), Erasure.DELETE),
    Holding(ThreadSubscription, ("user",), Erasure.DELETE),
    Holding(
        ThreadRead,
        ("user",),
        Erasure.DELETE,
        kind="community-reading",
        label=_("Threads you have read"),
        fields=("thread__title", "seen_replies", "read_at"),
    ),
    Holding(SentItem, ("user",), Erasure.DELETE),
    Holding(InboundEmail, ("user",), Erasure.DELETE),
    Holding(BouncedAddress, ("user", "address"), Erasure.DELETE),
    Holding(
        DirectMessage,
        ("author",),
        Erasure.DELETE,
        kind="private-messages",
        label=_("Private messages you sent"),
        fields=("created_at", "body"),
    ),
    # A conversation ends with either person's erasure (the other's messages in it too: they
    # were written to the erased person alone).
    Holding(Conversation, ("first", "second"), Erasure.DELETE),
    Holding(Block, ("blocker", "blocked"), Erasure.DELETE),
    Holding(
        Resource,
        ("contributed_by",),
        Erasure.REASSIGN,
        kind="community-resources",
        label=_("Resources you shared"),
        fields=("community__name", "title", "url", "created_at"),
    ),
)
