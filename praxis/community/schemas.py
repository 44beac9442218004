"""Shapes of the community API."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema

from praxis.community.mentions import UnmatchedMention
from praxis.community.models import Community, Notification, Post, Thread
from praxis.core.pagination import Page


class CommunityOut(Schema):
    slug: str
    name: str
    description: str
    kind: str
    access: str
    languages: list[str]
    member_count: int
    thread_count: int

    @staticmethod
    def of(community: Community) -> CommunityOut:
        return CommunityOut(
            slug=community.slug,
            name=community.name,
            description=community.description,
            kind=community.kind,
            access=community.access,
            languages=list(community.languages),
            member_count=community.member_count,
            thread_count=community.thread_count,
        )


class CommunityPageOut(Schema):
    items: list[CommunityOut]
    page: int
    pages: int
    total: int

    @staticmethod
    def of(page: Page[Community]) -> CommunityPageOut:
        return CommunityPageOut(
            items=[CommunityOut.of(c) for c in page.items],
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
    language: str
    pinned: bool
    locked: bool
    reply_count: int
    posts: list[PostOut]
    page: int
    pages: int


class ReplyIn(Schema):
    body: str = Field(..., max_length=20000)


class NotificationOut(Schema):
    kind: str
    actor: str | None
    thread: UUID | None
    post: int | None
    created_at: datetime
    read: bool

    @staticmethod
    def of(note: Notification) -> NotificationOut:
        return NotificationOut(
            kind=note.kind,
            actor=note.actor.full_name if note.actor else None,
            thread=note.thread.uuid if note.thread else None,
            post=note.post_id,
            created_at=note.created_at,
            read=note.read_at is not None,
        )


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    page: int
    pages: int
    total: int
    unread: int


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
        posts=[
            PostOut.of(v.post, v.handle, v.reactions, thread.accepted_post_id) for v in page.posts
        ],
        page=page.page.number,
        pages=page.page.pages,
    )
