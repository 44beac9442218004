"""Telling members about new posts: notices (mentions, replies in followed threads, through
praxis.notifications, delivered as each person chose) and the community's own e-mail of posts
(immediately, or in a daily or weekly digest, per community; muted threads never).

Every post e-mailed to a person is stored (SentItem), so that no digest repeats an item and an
item sent immediately is not sent again in a digest. Each e-mail carries a one-click unsubscribe
link (signed, expiring, no login needed) for its community.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from praxis.accounts.models import User
from praxis.community import notices, text
from praxis.community.models import (
    BouncedAddress,
    MemberProfile,
    Membership,
    Post,
    SentItem,
    Thread,
    ThreadSubscription,
)
from praxis.community.services import inbound
from praxis.community.services.membership import unsubscribe_token
from praxis.core.mail import email_from_templates
from praxis.core.people import Person
from praxis.notifications import queries as notification_queries
from praxis.notifications.services import notify_all

DIGEST_PERIODS: dict[str, timedelta] = {
    Membership.Email.DAILY: timedelta(days=1),
    Membership.Email.WEEKLY: timedelta(days=7),
}
DIGEST_MAX_ITEMS = 30
EXCERPT_CHARS = 240


def _excerpt(body: str) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1] + "…"


def post_link(post: Post) -> str:
    """The path of the post in its thread (what its notices link to)."""
    return reverse("community:thread", args=[post.thread.uuid]) + f"#post-{post.pk}"


def _thread_url(post: Post) -> str:
    return settings.SITE_URL + reverse("community:thread", args=[post.thread.uuid])


def _unsubscribe_url(membership: Membership) -> str:
    return settings.SITE_URL + reverse(
        "community:unsubscribe", args=[unsubscribe_token(membership)]
    )


def _message(
    user: Person,
    template: str,
    context: dict[str, Any],
    unsubscribe: str,
    thread: Thread | None = None,
) -> EmailMultiAlternatives:
    """A community e-mail to `user`; about one `thread`, it can be answered by e-mail (when
    COMMUNITY_REPLY_DOMAIN is set). Failures come back to the person's bounce address."""
    reply_to = inbound.reply_address(user, thread) if thread is not None else ""
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    if reply_to:
        headers["Reply-To"] = reply_to
    message = email_from_templates(
        user.email,
        f"community/email/{template}",
        {
            "user": user,
            "site_name": settings.SITE_NAME,
            "unsubscribe": unsubscribe,
            "reply_by_email": bool(reply_to),
            "cut": inbound.CUT,
            **context,
        },
        language=user.preferred_language,
        headers=headers,
    )
    envelope = inbound.bounce_address(user)
    if envelope:
        # The header From stays the site's; the envelope sender (where failures go) is ours.
        message.extra_headers["From"] = message.from_email
        message.from_email = envelope
    return message


def _bounced(user_ids: list[int]) -> set[str]:
    """The addresses among these people's to which community e-mail failed for good."""
    return set(
        BouncedAddress.objects.filter(user_id__in=user_ids).values_list("address", flat=True)
    )


def notify_new_post(post_id: int) -> None:
    """For a post just made visible: notify mentioned members and followers in the app, and
    e-mail the members who asked for immediate e-mail. Safe to run twice: a run that stopped
    after the notices were made makes the e-mails only.

    Only the notices are written in a transaction, and only the e-mails' record afterwards:
    who is told, and the e-mails themselves, are read and rendered before (on SQLite a
    transaction holds the database's one write lock while it lasts)."""
    post = (
        Post.objects.select_related("thread__community", "author")
        .filter(pk=post_id, status=Post.Status.VISIBLE, thread__is_visible=True)
        .first()
    )
    if post is None:
        return
    thread, community = post.thread, post.thread.community
    link = post_link(post)
    # A retry: the notices were made the first time.
    already_notified = notification_queries.sent_about(link, [notices.mention, notices.reply])
    members = Membership.objects.filter(community=community, status=Membership.Status.ACTIVE)
    muted = set(
        ThreadSubscription.objects.filter(
            thread=thread, level=ThreadSubscription.Level.MUTE
        ).values_list("user_id", flat=True)
    )
    if not already_notified:
        mentioned = set(
            MemberProfile.objects.filter(
                handle__in=text.mentioned_handles(post.body),
                user__in=members.values("user_id"),
            ).values_list("user_id", flat=True)
        )
        followers = set(
            ThreadSubscription.objects.filter(
                thread=thread, level=ThreadSubscription.Level.FOLLOW
            ).values_list("user_id", flat=True)
        )
        people = {
            user.pk: user
            for user in User.objects.filter(pk__in=(mentioned | followers) - {post.author_id})
        }
        names = {"actor": post.author.full_name, "thread": thread.title}
        with transaction.atomic():
            notify_all(
                [people[pk] for pk in sorted(mentioned) if pk in people],
                notices.mention,
                link,
                **names,
            )
            notify_all(
                [people[pk] for pk in sorted(followers - mentioned - muted) if pk in people],
                notices.reply,
                link,
                **names,
            )
    # A member e-mailed the mention or reply notice about this post gets no second e-mail.
    emailed = notification_queries.emailed_about(link, [notices.mention, notices.reply])
    immediate = (
        members.filter(email=Membership.Email.IMMEDIATELY, user__is_active=True)
        .exclude(user_id__in=[*muted, *emailed, post.author_id])
        .exclude(user__in=SentItem.objects.filter(post=post).values("user_id"))
        .select_related("user")
    )
    messages = []
    sent = []
    immediate_list = list(immediate)
    bounced = _bounced([membership.user_id for membership in immediate_list])
    for membership in immediate_list:
        if membership.user.email.lower() in bounced:
            continue
        messages.append(
            _message(
                membership.user,
                "new_post",
                {
                    "post": post,
                    "thread": thread,
                    "community": community,
                    "excerpt": _excerpt(post.body),
                    "url": _thread_url(post),
                },
                _unsubscribe_url(membership),
                thread,
            )
        )
        sent.append(SentItem(user_id=membership.user_id, post_id=post.pk))
    SentItem.objects.bulk_create(sent, ignore_conflicts=True)
    if messages:
        transaction.on_commit(lambda: get_connection().send_messages(messages))


def _choose(
    posts: list[Post], since: datetime, user_id: int, already: set[int], muted: set[int]
) -> list[Post]:
    """The newest posts (newest first) a member has not seen: after `since`, by others, not
    sent before, not in a muted thread; at most DIGEST_MAX_ITEMS."""
    chosen: list[Post] = []
    for post in posts:
        if post.created_at <= since or len(chosen) == DIGEST_MAX_ITEMS:
            break
        if post.author_id != user_id and post.pk not in already and post.thread_id not in muted:
            chosen.append(post)
    return chosen


@dataclass
class _Digest:
    user: Person
    sections: dict[int, list[Post]] = field(default_factory=dict)
    memberships: dict[int, Membership] = field(default_factory=dict)


def send_digests(frequency: str, now: datetime | None = None) -> int:
    """Send the daily or weekly digest to each member due one; returns how many were sent.

    A digest lists the visible posts by others in the member's communities since their last
    digest (or since they joined), leaving out muted threads and anything sent before."""
    now = now or timezone.now()
    period = DIGEST_PERIODS[frequency]
    due = (
        Membership.objects.filter(
            email=frequency, status=Membership.Status.ACTIVE, user__is_active=True
        )
        .filter(
            Q(last_digest_at__isnull=True)
            | Q(last_digest_at__lte=now - period + timedelta(minutes=5))
        )
        .select_related("user", "community")
        .order_by("user_id")
    )
    due_list = list(due)
    if not due_list:
        return 0
    since = {m.pk: m.last_digest_at or m.created_at for m in due_list}
    earliest = min(since.values())
    community_ids = {m.community_id for m in due_list}
    posts_by_community: dict[int, list[Post]] = defaultdict(list)
    for post in (
        Post.objects.filter(
            thread__community_id__in=community_ids,
            status=Post.Status.VISIBLE,
            thread__is_visible=True,
            created_at__gt=earliest,
            created_at__lte=now,
        )
        .select_related("thread", "author")
        .order_by("-created_at")
    ):
        posts_by_community[post.thread.community_id].append(post)
    candidate_ids = [p.pk for posts in posts_by_community.values() for p in posts]
    user_ids = {m.user_id for m in due_list}
    already: dict[int, set[int]] = defaultdict(set)
    for user_id, post_id in SentItem.objects.filter(
        post_id__in=candidate_ids, user_id__in=user_ids
    ).values_list("user_id", "post_id"):
        already[user_id].add(post_id)
    muted: dict[int, set[int]] = defaultdict(set)
    for user_id, thread_id in ThreadSubscription.objects.filter(
        user_id__in=user_ids, level=ThreadSubscription.Level.MUTE
    ).values_list("user_id", "thread_id"):
        muted[user_id].add(thread_id)

    digests: dict[int, _Digest] = {}
    for membership in due_list:
        digest = digests.setdefault(membership.user_id, _Digest(membership.user))
        chosen = _choose(
            posts_by_community.get(membership.community_id, []),
            since[membership.pk],
            membership.user_id,
            already[membership.user_id],
            muted[membership.user_id],
        )
        if chosen:
            digest.sections[membership.community_id] = chosen
            digest.memberships[membership.community_id] = membership

    sent_count = 0
    messages = []
    items: list[SentItem] = []
    # Most members of a community get the same posts: render each distinct section once.
    rendered: dict[tuple[str, int, tuple[int, ...]], str] = {}
    bounced = _bounced(list(digests))
    for digest in digests.values():
        if not digest.sections or digest.user.email.lower() in bounced:
            continue
        language = digest.user.preferred_language
        sections = []
        for cid, posts in digest.sections.items():
            key = (language, cid, tuple(p.pk for p in posts))
            if key not in rendered:
                with translation.override(language):
                    rendered[key] = render_to_string(
                        "community/email/digest_section.txt",
                        {
                            "community": digest.memberships[cid].community,
                            "posts": [
                                {"post": p, "excerpt": _excerpt(p.body), "url": _thread_url(p)}
                                for p in posts
                            ],
                        },
                    )
            sections.append(
                {"text": rendered[key], "unsubscribe": _unsubscribe_url(digest.memberships[cid])}
            )
        first = next(iter(digest.memberships.values()))
        messages.append(
            _message(
                digest.user,
                "digest",
                {"sections": sections, "frequency": frequency},
                _unsubscribe_url(first),
            )
        )
        items.extend(
            SentItem(user_id=digest.user.pk, post_id=p.pk, sent_at=now)
            for posts in digest.sections.values()
            for p in posts
        )
        sent_count += 1
    # What is sent is stored first: a failure while sending loses a digest rather than
    # repeating one.
    with transaction.atomic():
        SentItem.objects.bulk_create(items, ignore_conflicts=True, batch_size=2000)
        Membership.objects.filter(pk__in=[m.pk for m in due_list]).update(last_digest_at=now)
    get_connection().send_messages(messages)
    return sent_count
