"""Communities of practice: members, threads and posts, reactions, resources, moderation,
notifications and what each e-mail has already sent.

Counters shown on lists (replies, reputation) are kept on the rows by the services, so that a
list page reads them without counting.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Course, Lesson
from praxis.core.languages import LanguageTagField
from praxis.core.models import TimeStampedModel
from praxis.organisations.models import Organisation

USER = settings.AUTH_USER_MODEL


class Community(TimeStampedModel):
    class Kind(models.TextChoices):
        TOPIC = "topic", _("Topic")
        REGION = "region", _("Region")
        PROFESSION = "profession", _("Profession")
        COURSE = "course", _("Course")
        PROGRAMME = "programme", _("Programme")
        NETWORK = "network", _("Network")

    class Access(models.TextChoices):
        OPEN = "open", _("Open: anyone may join")
        REQUEST = "request", _("By request")
        INVITATION = "invitation", _("By invitation only")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    access = models.CharField(
        _("access"), max_length=20, choices=Access.choices, default=Access.OPEN
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    host = models.ForeignKey(
        Organisation,
        verbose_name=_("hosted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communities",
    )
    # A course's discussion space: its members are the course's enrolled learners.
    course = models.OneToOneField(
        Course,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="community",
    )
    hold_first_posts = models.BooleanField(
        _("hold new members' first posts for review"), default=True
    )
    member_count = models.PositiveIntegerField(default=0)
    thread_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]
        verbose_name = _("community")
        verbose_name_plural = _("communities")

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        MODERATOR = "moderator", _("Moderator")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        REQUESTED = "requested", _("Asked to join")
        INVITED = "invited", _("Invited")
        LEFT = "left", _("Left")

    class Email(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DAILY = "daily", _("Daily digest")
        WEEKLY = "weekly", _("Weekly digest")
        NEVER = "never", _("Never")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="community_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    email = models.CharField(
        _("e-mail"), max_length=20, choices=Email.choices, default=Email.WEEKLY
    )
    suspended_until = models.DateTimeField(null=True, blank=True)
    approved_posts = models.PositiveIntegerField(default=0)
    last_digest_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["community", "user"], name="community_one_membership")
        ]
        indexes = [models.Index(fields=["email", "status"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.community}"

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > timezone.now()


class MemberProfile(models.Model):
    """A person's handle for @mentions and the reputation their contributions earned."""

    user = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="community_profile")
    handle = models.SlugField(max_length=40, unique=True)
    reputation = models.IntegerField(default=0)

    def __str__(self) -> str:
        return self.handle


class Thread(TimeStampedModel):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="community_threads")
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DISCUSSION)
    language = LanguageTagField(_("language"))
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_visible = models.BooleanField(default=True)  # false while its opening post is held/hidden
    accepted_post = models.ForeignKey(
        "Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reply_count = models.PositiveIntegerField(default=0)
    last_posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    # The thread's tags as shown on lists; ThreadTag rows are what filters by tag.
    tag_names = models.JSONField(default=list, blank=True)
    # In a course's space, the discussion of one of its lessons (one thread per lesson).
    lesson = models.ForeignKey(
        Lesson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-is_pinned", "-last_posted_at"]
        indexes = [
            models.Index(fields=["community", "is_visible", "-is_pinned", "-last_posted_at"])
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "lesson"],
                condition=models.Q(lesson__isnull=False),
                name="community_one_thread_per_lesson",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Post(TimeStampedModel):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HELD = "held", _("Held for review")
        HIDDEN = "hidden", _("Hidden by a moderator")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="community_posts")
    position = models.PositiveIntegerField()  # 0 is the opening post
    body = models.TextField(max_length=20000)
    body_html = models.TextField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VISIBLE)
    held_reason = models.CharField(max_length=200, blank=True)
    edited_at = models.DateTimeField(null=True, blank=True)
    reaction_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "position"], name="community_post_position")
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.thread} #{self.position}"

    @property
    def held_reason_shown(self) -> str:
        """Why the post is held, in the reader's language (it is stored in English)."""
        return gettext(self.held_reason) if self.held_reason else ""


class PostRevision(models.Model):
    """An earlier text of a post, kept when someone edits it."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    edited_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"revision of post {self.post_id}"


class Attachment(TimeStampedModel):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="community/%Y/%m/")
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()


class Reaction(TimeStampedModel):
    class Kind(models.TextChoices):
        HELPFUL = "helpful", _("Helpful")
        THANKS = "thanks", _("Thanks")
        AGREE = "agree", _("Agree")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="community_one_reaction")
        ]


class Flag(TimeStampedModel):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        OFFENSIVE = "offensive", _("Rude or offensive")
        UNSAFE = "unsafe", _("Unsafe clinical advice")
        PRIVACY = "privacy", _("Shares someone's private information")
        OTHER = "other", _("Something else")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="flags")
    flagged_by = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["post", "flagged_by"], name="community_one_flag")
        ]


class ModerationAction(models.Model):
    """What a moderator did, to whom and why: shown to the member concerned."""

    class Kind(models.TextChoices):
        APPROVE = "approve", _("Approved a held post")
        HIDE = "hide", _("Hid a post")
        UNHIDE = "unhide", _("Showed a hidden post again")
        EDIT = "edit", _("Edited a post")
        LOCK = "lock", _("Locked a thread")
        UNLOCK = "unlock", _("Unlocked a thread")
        PIN = "pin", _("Pinned a thread")
        UNPIN = "unpin", _("Unpinned a thread")
        MOVE = "move", _("Moved a thread")
        SUSPEND = "suspend", _("Suspended a member")
        UNSUSPEND = "unsuspend", _("Lifted a suspension")
        DISMISS = "dismiss", _("Dismissed flags")
        APPROVE_MEMBER = "approve_member", _("Accepted a member")
        INVITE = "invite", _("Invited a member")
        WITHDRAW_INVITATION = "withdraw_invitation", _("Withdrew an invitation")
        REMOVE_MEMBER = "remove_member", _("Removed a member")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="actions")
    moderator = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        USER, null=True, on_delete=models.CASCADE, related_name="moderation_received"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    until = models.DateTimeField(null=True, blank=True)
    # When a suspension ended before `until`: lifted, or replaced by a new one. `until` keeps
    # the end first given.
    ended_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.kind} by {self.moderator_id}"

    @property
    def ends_at(self) -> datetime.datetime | None:
        """When what this action started (a suspension) ends or ended."""
        return self.ended_at or self.until


class Draft(models.Model):
    """Text being written, saved as it is typed so that a dropped connection loses nothing."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.CASCADE)
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(max_length=20000, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "community", "thread"], name="community_one_draft"
            ),
            models.UniqueConstraint(
                fields=["user", "community"],
                condition=Q(thread__isnull=True),
                name="community_one_new_thread_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"draft by {self.user_id}"


class ThreadSubscription(models.Model):
    class Level(models.TextChoices):
        FOLLOW = "follow", _("Following")
        MUTE = "mute", _("Muted")

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="subscriptions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    level = models.CharField(max_length=10, choices=Level.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="community_one_subscription")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.level} {self.thread_id}"


class ThreadTag(models.Model):
    """A word that a thread's author files it under, normalised (see community.tags)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="tags")
    name = models.CharField(max_length=30)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["thread", "name"], name="community_tag_once")
        ]
        indexes = [models.Index(fields=["name"])]

    def __str__(self) -> str:
        return self.name


class ThreadRead(models.Model):
    """How far a person has read a thread: the replies it had when they last opened it.
    A thread with more replies than that has unread ones; a thread without a row is new to
    them."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    seen_replies = models.PositiveIntegerField(default=0)
    read_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "thread"], name="community_read_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.thread_id} to {self.seen_replies}"


class SentItem(models.Model):
    """A post already e-mailed to a person (immediately or in a digest): never sent twice."""

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "post"], name="community_sent_once")]

    def __str__(self) -> str:
        return f"post {self.post_id} to {self.user_id}"


class Resource(TimeStampedModel):
    """A file or link in a community's library, described, with topics and a language."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        PUBLISHED = "published", _("Published")
        REMOVED = "removed", _("Removed")

    community = models.ForeignKey(Community, on_delete=models.CASCADE, related_name="resources")
    contributed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(upload_to="community/resources/%Y/%m/", blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    language = LanguageTagField(_("language"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class InboundEmail(models.Model):
    """A message received at a reply or bounce address: kept by its Message-ID so that a
    message delivered twice posts once, with what became of it."""

    class Outcome(models.TextChoices):
        POSTED = "posted", _("Posted")
        HELD = "held", _("Posted, held for review")
        REFUSED = "refused", _("Refused")
        BOUNCE = "bounce", _("Delivery failure noted")
        IGNORED = "ignored", _("Ignored")

    message_id = models.CharField(max_length=250, unique=True)
    recipient = models.CharField(max_length=254)
    user = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    thread = models.ForeignKey(Thread, null=True, blank=True, on_delete=models.SET_NULL)
    post = models.ForeignKey(Post, null=True, blank=True, on_delete=models.SET_NULL)
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    detail = models.CharField(max_length=200, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.outcome}: {self.message_id}"


class BouncedAddress(models.Model):
    """An address to which community e-mail failed for good: no more is sent to it. Changing
    one's address starts e-mail again."""

    address = models.EmailField(unique=True)
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    diagnostic = models.CharField(max_length=300, blank=True)
    bounced_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.address


class Conversation(TimeStampedModel):
    """Private messages between two members who share a community."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # The two people, the lower id first: one conversation per pair.
    first = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    last_message_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="community_one_conversation"),
            models.CheckConstraint(
                condition=Q(first__lt=models.F("second")), name="community_conversation_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"conversation {self.uuid}"


class DirectMessage(models.Model):
    """One private message. A hidden one (flagged and hidden by staff) shows as removed."""

    class Status(models.TextChoices):
        VISIBLE = "visible", _("Visible")
        HIDDEN = "hidden", _("Hidden by a moderator")

    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(max_length=20000)
    body_html = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.VISIBLE)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)  # by the other person
    flagged_at = models.DateTimeField(null=True, blank=True)
    flag_note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at"])]

    def __str__(self) -> str:
        return f"message {self.pk}"


class Block(models.Model):
    """A person who may no longer message `blocker`, nor be messaged by them."""

    blocker = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    blocked = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["blocker", "blocked"], name="community_block_once")
        ]

    def __str__(self) -> str:
        return f"{self.blocker_id} blocks {self.blocked_id}"
