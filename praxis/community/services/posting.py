"""Threads and replies, attachments, edits, reactions, accepted answers and flags.

A post by a new member may be held for review (their first post where the community asks for
it, or one with many links); held posts are seen by their author and the moderators only, and
notify nobody until approved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from praxis.community import notices, search, text, thread_cache
from praxis.community.models import (
    Attachment,
    Community,
    Flag,
    MemberProfile,
    Membership,
    ModerationAction,
    Post,
    PostRevision,
    Reaction,
    Thread,
    ThreadRead,
    ThreadSubscription,
    ThreadTag,
)
from praxis.community.permissions import moderate_community, read_community
from praxis.community.services import counts
from praxis.community.services import membership as memberships
from praxis.community.services.audit import log_action
from praxis.community.services.notifying import post_link
from praxis.community.tags import parse as parse_tags
from praxis.community.tasks import notify_new_post
from praxis.core.errors import (
    Conflict,
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.languages import clean_language_tag, in_sentence
from praxis.core.people import Person, signed_in
from praxis.core.permissions import require
from praxis.core.ratelimit import RateLimit
from praxis.notifications.services import notify

TITLE_MAX = 200
BODY_MAX = 20000
# A post the same as the author's last one there within this time is the same post sent twice
# (a double click, a form sent again after going back), not a new one.
REPEAT_WINDOW = timedelta(minutes=10)


HELD_THREAD = _("Replies can be added once a moderator has approved this thread.")
HIDDEN_THREAD = _("This thread is hidden by a moderator: no replies can be added.")
ONLY_THE_AUTHOR = _("Only its author can delete a post.")


class AlreadyPosted(Conflict):
    """The author posted this very text here moments ago: `post` is that post."""

    default_code = ErrorCode.ALREADY_POSTED

    def __init__(self, post: Post, message: Any) -> None:
        super().__init__(message=message)
        self.post = post


def _repeated(user: Person, body: str, **where: Any) -> Post | None:
    """The author's last post `where` (a thread, or the opening posts of a community), if it
    has the same text and was posted within REPEAT_WINDOW."""
    last = (
        Post.objects.filter(author=user, created_at__gte=timezone.now() - REPEAT_WINDOW, **where)
        .select_related("thread")
        .order_by("-created_at", "-pk")
        .first()
    )
    return last if last is not None and last.body == body else None


MAX_ATTACHMENTS = 3
NEW_MEMBER_POSTS = 3  # a member with fewer approved posts than this is new
NEW_MEMBER_LINKS = 2  # more links than this in a new member's post holds it
ACCEPTED_ANSWER_REPUTATION = 10
REACTION_REPUTATION = 1
SNIFF_BYTES = 2048


def attachment_max_bytes() -> int:
    return int(getattr(settings, "COMMUNITY_ATTACHMENT_MAX_BYTES", 5 * 1024 * 1024))


def post_limit() -> RateLimit:
    return RateLimit(
        "community.post",
        int(getattr(settings, "COMMUNITY_POST_RATE_LIMIT", 10)),
        int(getattr(settings, "COMMUNITY_POST_RATE_WINDOW", 600)),
    )


@dataclass(frozen=True)
class CheckedFile:
    upload: UploadedFile[bytes] | Any
    name: str
    content_type: str
    size: int


def check_attachments(files: list[Any]) -> list[CheckedFile]:
    """Each file within the size limit and of an allowed type, by its content and its name."""
    if len(files) > MAX_ATTACHMENTS:
        raise ValidationFailed(
            ErrorCode.ATTACHMENT_NOT_ALLOWED,
            _("Attach at most %(count)d files.") % {"count": MAX_ATTACHMENTS},
            fields={"attachments": [_("Too many files.")]},
        )
    checked = []
    for upload in files:
        name = PurePath(str(upload.name or "file")).name[-200:]
        if upload.size > attachment_max_bytes():
            raise PayloadTooLarge(
                ErrorCode.FILE_TOO_LARGE,
                _("%(name)s is too large: files may be up to %(size)d MB.")
                % {"name": in_sentence(name), "size": attachment_max_bytes() // (1024 * 1024)},
                fields={"attachments": [_("File too large.")]},
            )
        upload.seek(0)
        head = upload.read(SNIFF_BYTES)
        upload.seek(0)
        kind = text.sniff(head)
        if kind is None or PurePath(name).suffix.lower() not in kind.extensions:
            raise ValidationFailed(
                ErrorCode.ATTACHMENT_NOT_ALLOWED,
                _(
                    "%(name)s cannot be attached: share PDF documents, images (PNG, JPEG, GIF,"
                    " WebP) or plain text."
                )
                % {"name": in_sentence(name)},
                fields={"attachments": [_("This kind of file is not allowed.")]},
            )
        checked.append(CheckedFile(upload, name, kind.content_type, upload.size))
    return checked


def _poster(user: Person, community: Community) -> Membership:
    """The author's membership, checked: signed in, a member, not suspended, not too fast."""
    if not signed_in(user):
        raise NotAuthenticated()
    if community.course_id is not None and community.course is not None:
        memberships.open_course_space(user, community.course)
    # Locked until the post is written: the same author's posts here are made one at a time,
    # so that a form sent twice at once finds the first (`_repeated`).
    membership = (
        Membership.objects.select_for_update()
        .filter(community=community, user=user, status=Membership.Status.ACTIVE)
        .first()
    )
    if membership is None:
        raise PermissionDenied(
            ErrorCode.NOT_A_MEMBER, _("Join this community to take part in its discussions.")
        )
    if membership.is_suspended:
        raise PermissionDenied(
            ErrorCode.MEMBER_SUSPENDED,
            _("You are suspended from posting in this community until %(date)s.")
            % {
                "date": date_format(
                    timezone.localtime(membership.suspended_until), "DATETIME_FORMAT"
                )
            },
        )
    post_limit().check(str(user.pk))
    return membership


def _hold_reason(membership: Membership, body: str) -> str:
    if membership.role == Membership.Role.MODERATOR or membership.user.is_staff:
        return ""
    if membership.approved_posts >= NEW_MEMBER_POSTS:
        return ""
    # Stored in English and translated for each moderator who reads it (Post.held_reason_shown).
    if text.link_count(body) > NEW_MEMBER_LINKS:
        return gettext_noop("Many links in a new member's post")
    if membership.approved_posts == 0 and membership.community.hold_first_posts:
        return gettext_noop("A new member's first post")
    return ""


def checked_body(body: str) -> str:
    """`body` with browsers' line breaks made plain, if it is neither empty nor too long."""
    body = _normalised(body)
    _check_text(None, body)
    return body


def _normalised(body: str) -> str:
    # Browsers send line breaks from a textarea as CRLF.
    return body.replace("\r\n", "\n").replace("\r", "\n")


def _check_text(title: str | None, body: str) -> None:
    fields: dict[str, list[Any]] = {}
    if title is not None:
        if not title.strip():
            fields["title"] = [_("Give the thread a title.")]
        elif len(title) > TITLE_MAX:
            fields["title"] = [_("Keep the title under 200 characters.")]
    if not body.strip():
        fields["body"] = [_("Write something first.")]
    elif len(body) > BODY_MAX:
        fields["body"] = [_("Keep a post under 20,000 characters.")]
    if fields:
        raise ValidationFailed(fields=fields)


def _rendered(body: str) -> str:
    handles = set(
        MemberProfile.objects.filter(handle__in=text.mentioned_handles(body)).values_list(
            "handle", flat=True
        )
    )
    return text.render_post(body, handles)


def _create_post(
    thread: Thread,
    author: Person,
    body: str,
    files: list[CheckedFile],
    hold: str,
    position: int,
    html: str | None = None,
) -> Post:
    """The post; `html` is `body` rendered, when the caller has rendered it."""
    post = Post.objects.create(
        thread=thread,
        author=author,
        position=position,
        body=body,
        body_html=_rendered(body) if html is None else html,
        status=Post.Status.HELD if hold else Post.Status.VISIBLE,
        held_reason=hold,
    )
    for checked in files:
        attachment = Attachment(
            post=post, name=checked.name, content_type=checked.content_type, size=checked.size
        )
        attachment.file.save(checked.name, checked.upload, save=False)
        attachment.save()
    return post


def publish(post: Post) -> None:
    """Bookkeeping when a post becomes visible: counters, index, followers, notifications."""
    thread = post.thread
    if post.position == 0:
        Thread.objects.filter(pk=thread.pk).update(is_visible=True)
        thread.is_visible = True
        counts.add(thread.community_id, threads=1)
    else:
        Thread.objects.filter(pk=thread.pk).update(
            reply_count=F("reply_count") + 1, last_posted_at=post.created_at
        )
    Membership.objects.filter(community_id=thread.community_id, user=post.author).update(
        approved_posts=F("approved_posts") + 1
    )
    search.index_thread(thread)
    transaction.on_commit(lambda: notify_new_post.delay(post.pk))


@transaction.atomic
def start_thread(
    user: Person,
    community: Community,
    *,
    title: str,
    body: str,
    kind: str = Thread.Kind.DISCUSSION,
    language: str = "en",
    files: list[Any] | None = None,
    tags: str | list[str] | None = None,
) -> Thread:
    """Open a thread with its first post, filed under `tags` (see community.tags). Bad input,
    a non-member or a suspended member changes nothing; a new member's post may be held for
    review."""
    membership = _poster(user, community)
    body = _normalised(body)
    _check_text(title, body)
    tag_names = parse_tags(tags)
    if kind not in Thread.Kind.values:
        raise ValidationFailed(fields={"kind": [_("Choose one of the options.")]})
    language = clean_language_tag(language)
    same = _repeated(user, body, thread__community=community, position=0)
    if same is not None and same.thread.title == title.strip():
        raise AlreadyPosted(same, _("You have just started this thread."))
    checked = check_attachments(files or [])
    post_limit().hit(str(user.pk))
    hold = _hold_reason(membership, body)
    thread = Thread.objects.create(
        community=community,
        author=user,
        title=title.strip(),
        kind=kind,
        language=language,
        is_visible=not hold,
        tag_names=tag_names,
    )
    post = _create_post(thread, user, body, checked, hold, 0)
    ThreadSubscription.objects.create(
        thread=thread, user=user, level=ThreadSubscription.Level.FOLLOW
    )
    ThreadTag.objects.bulk_create([ThreadTag(thread=thread, name=name) for name in tag_names])
    ThreadRead.objects.create(thread=thread, user=user, seen_replies=0)
    memberships.discard_draft(user, community, None)
    if not hold:
        thread.is_visible = False  # publish() makes it visible and counts it
        publish(post)
    return thread


def reply(user: Person, thread: Thread, body: str, files: list[Any] | None = None) -> Post:
    """Add a reply to a thread. Refused on a locked thread (except to moderators)."""
    # Rendered before the transaction, which on SQLite holds the database's one write lock;
    # a text refused inside it is not rendered.
    written = _normalised(body)
    html = _rendered(written) if written.strip() and len(written) <= BODY_MAX else ""
    return _reply(user, thread, body, files, html)


@transaction.atomic
def _reply(user: Person, thread: Thread, body: str, files: list[Any] | None, html: str) -> Post:
    thread = Thread.objects.select_for_update().select_related("community").get(pk=thread.pk)
    if not thread.is_visible:
        if getattr(user, "pk", None) == thread.author_id or moderate_community.allows(
            user, thread.community
        ):
            opening = thread.posts.filter(position=0).values_list("status", flat=True).first()
            raise Conflict(message=HELD_THREAD if opening == Post.Status.HELD else HIDDEN_THREAD)
        raise NotFound()
    membership = _poster(user, thread.community)
    if thread.is_locked and not moderate_community.allows(user, thread.community):
        raise PermissionDenied(
            ErrorCode.THREAD_LOCKED, _("This thread is locked: no more replies can be added.")
        )
    body = _normalised(body)
    _check_text(None, body)
    if (same := _repeated(user, body, thread=thread)) is not None:
        raise AlreadyPosted(same, _("You have just posted this reply."))
    checked = check_attachments(files or [])
    post_limit().hit(str(user.pk))
    hold = _hold_reason(membership, body)
    position = (thread.posts.aggregate(last=Max("position"))["last"] or 0) + 1
    post = _create_post(thread, user, body, checked, hold, position, html)
    # Replying follows the thread, unless the person already chose a level (one statement: an
    # existing subscription is left as it is).
    ThreadSubscription.objects.bulk_create(
        [ThreadSubscription(thread=thread, user=user, level=ThreadSubscription.Level.FOLLOW)],
        ignore_conflicts=True,
    )
    memberships.discard_draft(user, thread.community, thread)
    if not hold:
        publish(post)
    return post


@transaction.atomic
def edit_post(user: Person, post: Post, body: str, reason: str = "") -> Post:
    """Change a post's text, keeping the earlier text. A moderator editing someone else's post
    gives a reason, which is logged and shown to the author."""
    post = Post.objects.select_related("thread__community").select_for_update().get(pk=post.pk)
    community = post.thread.community
    is_author = getattr(user, "pk", None) == post.author_id
    if not is_author:
        require(moderate_community, user, community)
        if not reason.strip():
            raise ValidationFailed(fields={"reason": [_("Say why you are editing this post.")]})
    elif post.thread.is_locked and not moderate_community.allows(user, community):
        raise PermissionDenied(ErrorCode.THREAD_LOCKED, _("This thread is locked."))
    body = _normalised(body)
    _check_text(None, body)
    PostRevision.objects.create(post=post, body=post.body, edited_by=user, reason=reason[:300])
    post.body = body
    post.body_html = _rendered(body)
    post.edited_at = timezone.now()
    post.save(update_fields=["body", "body_html", "edited_at", "updated_at"])
    if post.status == Post.Status.VISIBLE:
        search.index_thread(post.thread)
    if not is_author:
        log_action(
            user,
            community,
            ModerationAction.Kind.EDIT,
            member=post.author,
            post=post,
            reason=reason,
        )
    return post


@transaction.atomic
def delete_post(user: Person, post: Post) -> Thread:
    """The author takes back one of their replies, with its attachments, reactions and flags,
    and the reputation they brought. An opening post stays (a thread's replies answer it): its
    author may edit it, a moderator hide it. Returns the thread."""
    post = Post.objects.select_related("thread__community").select_for_update().get(pk=post.pk)
    thread = Thread.objects.select_for_update().get(pk=post.thread_id)
    if getattr(user, "pk", None) != post.author_id:
        raise PermissionDenied(message=ONLY_THE_AUTHOR)
    if post.position == 0:
        raise ValidationFailed(
            message=_(
                "The opening post of a thread cannot be deleted: edit it, or ask a moderator"
                " to hide the thread."
            )
        )
    if thread.is_locked and not moderate_community.allows(user, post.thread.community):
        raise PermissionDenied(ErrorCode.THREAD_LOCKED, _("This thread is locked."))
    earned = post.reaction_count * REACTION_REPUTATION
    if thread.accepted_post_id == post.pk:
        thread.accepted_post = None
        thread.save(update_fields=["accepted_post", "updated_at"])
        if post.author_id != thread.author_id:
            earned += ACCEPTED_ANSWER_REPUTATION
    if earned:
        _adjust_reputation(post.author_id, -earned)
    was_visible = post.status == Post.Status.VISIBLE
    for attachment in post.attachments.all():
        attachment.file.delete(save=False)
    post.delete()
    if was_visible:
        Thread.objects.filter(pk=thread.pk).update(reply_count=F("reply_count") - 1)
        search.index_thread(thread)
    return thread


def _adjust_reputation(user_id: int, amount: int) -> None:
    MemberProfile.objects.filter(user_id=user_id).update(reputation=F("reputation") + amount)
    thread_cache.people_changed()  # reputation shows beside each post of the member


def _readable_post(user: Person, post: Post) -> Post:
    post = Post.objects.select_related("thread__community").get(pk=post.pk)
    require(read_community, user, post.thread.community)
    if post.status != Post.Status.VISIBLE or not post.thread.is_visible:
        raise NotFound()
    return post


@transaction.atomic
def react(user: Person, post: Post, kind: str) -> bool:
    """Add the reaction, or take it back if given already; returns whether it is now on.
    Reactions add to the author's reputation; one's own posts take none (OWN_POST_REACTION)."""
    if not signed_in(user):
        raise NotAuthenticated()
    if kind not in Reaction.Kind.values:
        raise ValidationFailed(fields={"kind": [_("Choose one of the reactions.")]})
    post = _readable_post(user, post)
    memberships._membership(user, post.thread.community)
    if user.pk == post.author_id:
        raise PermissionDenied(ErrorCode.OWN_POST_REACTION, _("You cannot react to your own post."))
    existing = Reaction.objects.filter(post=post, user=user, kind=kind).first()
    change = REACTION_REPUTATION
    if existing is not None:
        existing.delete()
        Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") - 1)
        _adjust_reputation(post.author_id, -change)
        return False
    Reaction.objects.create(post=post, user=user, kind=kind)
    Post.objects.filter(pk=post.pk).update(reaction_count=F("reaction_count") + 1)
    _adjust_reputation(post.author_id, change)
    return True


@transaction.atomic
def accept_answer(user: Person, thread: Thread, post: Post | None) -> Thread:
    """The question's author (or a moderator) marks the reply that answered it, or none."""
    thread = Thread.objects.select_for_update().select_related("community").get(pk=thread.pk)
    if getattr(user, "pk", None) != thread.author_id:
        require(moderate_community, user, thread.community)
    if thread.kind != Thread.Kind.QUESTION:
        raise ValidationFailed(ErrorCode.NOT_A_QUESTION, _("Only questions have accepted answers."))
    if post is not None:
        post = _readable_post(user, post)
        if post.thread_id != thread.pk or post.position == 0:
            raise ValidationFailed(fields={"post": [_("Choose a reply in this thread.")]})
    if thread.accepted_post_id is not None:
        previous = Post.objects.get(pk=thread.accepted_post_id)
        if previous.author_id != thread.author_id:
            _adjust_reputation(previous.author_id, -ACCEPTED_ANSWER_REPUTATION)
    thread.accepted_post = post
    thread.save(update_fields=["accepted_post", "updated_at"])
    if post is not None:
        if post.author_id != thread.author_id:
            _adjust_reputation(post.author_id, ACCEPTED_ANSWER_REPUTATION)
        if post.author_id != user.pk:
            notify(
                post.author,
                notices.accepted,
                post_link(post),
                actor=user.full_name,
                thread=thread.title,
            )
    return thread


@transaction.atomic
def flag_post(user: Person, post: Post, reason: str, note: str = "") -> Flag:
    """Report a post to the community's moderators, once per person and post."""
    if not signed_in(user):
        raise NotAuthenticated()
    if reason not in Flag.Reason.values:
        raise ValidationFailed(fields={"reason": [_("Choose a reason.")]})
    if len(note) > 500:
        raise ValidationFailed(fields={"note": [_("Keep the note under 500 characters.")]})
    post = _readable_post(user, post)
    if Flag.objects.filter(post=post, flagged_by=user).exists():
        raise Conflict(ErrorCode.ALREADY_FLAGGED, _("You have already flagged this post."))
    return Flag.objects.create(post=post, flagged_by=user, reason=reason, note=note.strip())
