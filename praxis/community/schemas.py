"""Shapes of the community API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal
from uuid import UUID

from ninja import Field, Schema

from praxis.community.mentions import UnmatchedMention
from praxis.community.models import (
    Community,
    Flag,
    Membership,
    ModerationAction,
    Post,
    Reaction,
    Thread,
)
from praxis.core.pagination import Page
from praxis.core.schemas import LanguageTag, choices_of


class CommunityOut(Schema):
    slug: str
    name: str
    description: str
    kind: str
    access: str
    languages: list[LanguageTag]
    member_count: int
    thread_count: int


class CommunityPageOut(Schema):
    items: list[CommunityOut]
    page: int
    pages: int
    total: int

    # Built from a Page, whose number is called page here.
    @staticmethod
    def of(page: Page[Community]) -> CommunityPageOut:
        return CommunityPageOut(
            items=[CommunityOut.from_orm(c) for c in page.items],
            page=page.number,
            pages=page.pages,
            total=page.total,
        )


class PostOut(Schema):
    id: int
    position: int
    author: str
    handle: str
    body: str
    html: str
    status: str
    created_at: datetime
    edited_at: datetime | None
    reactions: dict[str, int]
    accepted: bool

    # Built from four inputs: handle, reactions and the accepted answer are not the post's.
    @staticmethod
    def of(post: Post, handle: str, reactions: dict[str, int], accepted_id: Any) -> PostOut:
        return PostOut(
            id=post.pk,
            position=post.position,
            author=post.author.full_name,
            handle=handle,
            body=post.body,
            html=post.body_html,
            status=post.status,
            created_at=post.created_at,
            edited_at=post.edited_at,
            reactions=reactions,
            accepted=post.pk == accepted_id,
        )


class UnmatchedMentionOut(Schema):
    handle: str = Field(description="The handle as typed, without the @")
    suggestions: list[str] = Field(description="Handles the author may have meant")


class ReplyOut(PostOut):
    unmatched_mentions: list[UnmatchedMentionOut] = Field(
        description="Mentions that matched no member (and so notified nobody)"
    )

    # Built field by field: the post's shape plus the mentions that matched nobody.
    @staticmethod
    def of_reply(post: Post, handle: str, unmatched: list[UnmatchedMention]) -> ReplyOut:
        return ReplyOut(
            **PostOut.of(post, handle, {}, None).model_dump(),
            unmatched_mentions=[
                UnmatchedMentionOut(handle=m.handle, suggestions=m.suggestions) for m in unmatched
            ],
        )


class ThreadOut(Schema):
    uuid: UUID
    community: str
    title: str
    kind: str
    language: LanguageTag
    pinned: bool
    locked: bool
    reply_count: int
    tags: list[str]
    posts: list[PostOut]
    page: int
    pages: int


class ThreadSummaryOut(Schema):
    uuid: UUID
    title: str
    kind: str
    language: LanguageTag
    author: str
    pinned: bool
    locked: bool
    answered: bool = Field(description="A question whose answer the asker accepted")
    reply_count: int
    last_posted_at: datetime
    tags: list[str]
    is_new: bool = Field(description="Not opened yet by the caller, a member, since joining")
    unread_replies: int | None = Field(
        description="Replies the caller has not seen; null if they never opened the thread"
    )

    # Built field by field: flags are renamed (is_pinned is pinned) and answered worked out.
    @staticmethod
    def of(thread: Any) -> ThreadSummaryOut:
        return ThreadSummaryOut(
            uuid=thread.uuid,
            title=thread.title,
            kind=thread.kind,
            language=thread.language,
            author=thread.author.full_name,
            pinned=thread.is_pinned,
            locked=thread.is_locked,
            answered=thread.accepted_post_id is not None,
            reply_count=thread.reply_count,
            last_posted_at=thread.last_posted_at,
            tags=thread.tag_names,
            is_new=thread.is_new,
            unread_replies=thread.unread_replies,
        )


class ThreadListOut(Schema):
    items: list[ThreadSummaryOut]
    page: int
    pages: int
    total: int

    # Built from a Page, whose number is called page here.
    @staticmethod
    def of(page: Page[Thread]) -> ThreadListOut:
        return ThreadListOut(
            items=[ThreadSummaryOut.of(thread) for thread in page.items],
            page=page.number,
            pages=page.pages,
            total=page.total,
        )


ThreadOrder = Literal["latest", "top", "unanswered", "new", "unread"]


class NewThreadIn(Schema):
    title: str = Field(..., max_length=200)
    body: str = Field(..., max_length=20000)
    kind: Annotated[Thread.Kind, choices_of(Thread.Kind)] = Thread.Kind.DISCUSSION
    language: LanguageTag
    tags: list[str] = Field(default_factory=list, max_length=20)


class NewCommunityIn(Schema):
    host: str = Field(..., max_length=80, description="The slug of the organisation hosting it")
    name: str = Field(..., max_length=200)
    description: str = Field("", max_length=4000)
    kind: Literal["topic", "region", "profession", "programme", "network"] = "topic"
    access: Annotated[Community.Access, choices_of(Community.Access)] = Community.Access.OPEN
    languages: list[LanguageTag] = Field(..., min_length=1, max_length=12)


class CommunityInvitationIn(Schema):
    who: str = Field(..., max_length=254, description="A member's @handle or an account e-mail")


class CommunityInvitationOut(Schema):
    message: str = Field(
        description="The same for an address with or without an account, so that it tells no one"
        " which addresses have one"
    )


class CommunityMembershipOut(Schema):
    status: Literal["active", "requested"]
    role: str


class MarkedReadOut(Schema):
    threads: int = Field(description="How many threads became read")


class ReplyIn(Schema):
    body: str = Field(..., max_length=20000)


class EditIn(Schema):
    body: str = Field(..., max_length=20000)
    reason: str = Field(
        "", max_length=300, description="Needed when a moderator edits someone else's post"
    )


def thread_out(thread: Thread, page: Any) -> ThreadOut:
    return ThreadOut(
        uuid=thread.uuid,
        community=thread.community.slug,
        title=thread.title,
        kind=thread.kind,
        language=thread.language,
        pinned=thread.is_pinned,
        locked=thread.is_locked,
        reply_count=thread.reply_count,
        tags=list(page.tags),
        posts=[
            PostOut.of(v.post, v.handle, v.reactions, thread.accepted_post_id) for v in page.posts
        ],
        page=page.page.number,
        pages=page.page.pages,
    )


# Moderation

FlagReason = Annotated[Flag.Reason, choices_of(Flag.Reason)]


class ReactionIn(Schema):
    kind: Annotated[Reaction.Kind, choices_of(Reaction.Kind)]


class ReactionOut(Schema):
    kind: str
    on: bool = Field(..., description="Whether it is now on the post: a second call takes it back")
    count: int = Field(..., description="The post's reactions, of every kind")


class AcceptedAnswerIn(Schema):
    post: int | None = Field(..., description="The reply that answered the question; null: none")


class AcceptedAnswerOut(Schema):
    thread: UUID
    accepted_post: int | None


class FlagIn(Schema):
    reason: FlagReason
    note: str = Field("", max_length=500)


class FlagOut(Schema):
    reason: str
    note: str
    flagged_by: str
    created_at: datetime

    # Built field by field: flagged_by is the flagger's full name, read through the relation.
    @staticmethod
    def of(flag: Flag) -> FlagOut:
        return FlagOut(
            reason=flag.reason,
            note=flag.note,
            flagged_by=flag.flagged_by.full_name,
            created_at=flag.created_at,
        )


class PostModerationIn(Schema):
    action: Literal["approve", "hide", "unhide", "dismiss"]
    reason: str = Field("", max_length=500, description="Shown to the member; hide needs one")


class ThreadModerationIn(Schema):
    action: Literal["lock", "unlock", "pin", "unpin", "move"]
    reason: str = Field("", max_length=500, description="Shown to the member; move needs one")
    target: str = Field("", max_length=80, description="move: the other community's slug")


class ThreadStateOut(Schema):
    uuid: UUID
    community: str
    title: str
    pinned: bool
    locked: bool
    visible: bool

    # Built field by field: the community is its slug and the flags renamed (is_locked is locked).
    @staticmethod
    def of(thread: Thread) -> ThreadStateOut:
        return ThreadStateOut(
            uuid=thread.uuid,
            community=thread.community.slug,
            title=thread.title,
            pinned=thread.is_pinned,
            locked=thread.is_locked,
            visible=thread.is_visible,
        )


class QueuedPostOut(Schema):
    id: int
    thread: UUID
    thread_title: str
    author: str
    html: str
    status: str
    held_reason: str
    flags: list[FlagOut]

    # Built field by field: thread and author through relations; the queue attaches the open flags.
    @staticmethod
    def of(post: Post) -> QueuedPostOut:
        return QueuedPostOut(
            id=post.pk,
            thread=post.thread.uuid,
            thread_title=post.thread.title,
            author=post.author.full_name,
            html=post.body_html,
            status=post.status,
            held_reason=post.held_reason_shown,
            flags=[FlagOut.of(flag) for flag in getattr(post, "open_flags", [])],
        )


class JoinRequestOut(Schema):
    id: int
    name: str
    status: str

    # Built field by field: the name is the member's full name, read through the user.
    @staticmethod
    def of(membership: Membership) -> JoinRequestOut:
        return JoinRequestOut(
            id=membership.pk, name=membership.user.full_name, status=membership.status
        )


class ModerationActionOut(Schema):
    kind: str
    community: str
    moderator: str
    member: str | None
    reason: str
    thread: UUID | None
    until: datetime | None
    created_at: datetime

    # Built field by field: community, moderator, member and thread are read through relations.
    @staticmethod
    def of(action: ModerationAction) -> ModerationActionOut:
        return ModerationActionOut(
            kind=action.kind,
            community=action.community.slug,
            moderator=action.moderator.full_name,
            member=action.member.full_name if action.member else None,
            reason=action.reason,
            thread=action.thread.uuid if action.thread else None,
            until=action.ends_at,
            created_at=action.created_at,
        )


class ModerationRecordOut(Schema):
    items: list[ModerationActionOut]
    page: int
    pages: int
    total: int


class QueueOut(Schema):
    held: list[QueuedPostOut]
    flagged: list[QueuedPostOut]
    requests: list[JoinRequestOut]
    log: list[ModerationActionOut]


class SuspensionIn(Schema):
    handle: str = Field(..., max_length=41, description="The member's handle, with or without @")
    days: int = Field(..., ge=0, le=365, description="0 lifts a suspension")
    reason: str = Field(..., max_length=500)


class SuspensionOut(Schema):
    handle: str
    suspended_until: datetime | None


class MemberOut(Schema):
    handle: str
    name: str
    role: str = Field(..., description='"member" or "moderator"')
    joined_at: datetime
    suspended_until: datetime | None

    # Built field by field: the handle is read through the person's profile.
    @staticmethod
    def of(membership: Membership) -> MemberOut:
        profile = getattr(membership.user, "community_profile", None)
        return MemberOut(
            handle=profile.handle if profile is not None else "",
            name=membership.user.full_name,
            role=membership.role,
            joined_at=membership.created_at,
            suspended_until=membership.suspended_until if membership.is_suspended else None,
        )


class MemberListOut(Schema):
    items: list[MemberOut]
    page: int
    pages: int
    total: int

    # Built from a Page, whose number is called page here.
    @staticmethod
    def of(page: Page[Membership]) -> MemberListOut:
        return MemberListOut(
            items=[MemberOut.of(membership) for membership in page.items],
            page=page.number,
            pages=page.pages,
            total=page.total,
        )


class RemovalIn(Schema):
    # Its length is checked by the service, so that a long reason is refused beside its field
    # in the same words as on the page.
    reason: str = Field("", description="Why the member is removed, if said; shown to them")


class CurationIn(Schema):
    status: Literal["published", "removed"]
    reason: str = Field("", max_length=500, description="Shown to the contributor on removal")


class ResourceStateOut(Schema):
    id: int
    community: str
    title: str
    status: str


# Private messages


class CorrespondentOut(Schema):
    name: str
    handle: str


class DirectMessageOut(Schema):
    id: int
    conversation: UUID
    author: str
    body: str = Field(description="Empty for a message the staff removed")
    html: str
    removed: bool
    created_at: datetime
    read_at: datetime | None = Field(description="When the other person read it")

    # Built field by field: a removed message is blanked; the conversation comes from the caller.
    @staticmethod
    def of(message: Any, conversation_uuid: UUID) -> DirectMessageOut:
        removed = message.status == "hidden"
        return DirectMessageOut(
            id=message.pk,
            conversation=conversation_uuid,
            author=message.author.full_name,
            body="" if removed else message.body,
            html="" if removed else message.body_html,
            removed=removed,
            created_at=message.created_at,
            read_at=message.read_at,
        )


class ConversationSummaryOut(Schema):
    uuid: UUID
    correspondent: CorrespondentOut
    unread: int
    last_message_at: datetime


class ConversationListOut(Schema):
    items: list[ConversationSummaryOut]
    page: int
    pages: int
    total: int


class ConversationOut(Schema):
    uuid: UUID
    correspondent: CorrespondentOut
    blocked: bool = Field(description="One of the two has blocked the other: no more messages")
    messages: list[DirectMessageOut]
    page: int
    pages: int


class NewMessageIn(Schema):
    to: str = Field(..., max_length=41, description="The member's handle")
    body: str = Field(..., max_length=20000)


class DirectMessageIn(Schema):
    body: str = Field(..., max_length=20000)


class BlockIn(Schema):
    handle: str = Field(..., max_length=41)
