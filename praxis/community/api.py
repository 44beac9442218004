"""The community API: communities, a thread's posts page by page, replying, notifications."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Status

from praxis.accounts.auth import api_auth
from praxis.community import queries
from praxis.community.mentions import unmatched_mentions
from praxis.community.schemas import (
    CommunityPageOut,
    NotificationOut,
    NotificationPageOut,
    ReplyIn,
    ReplyOut,
    ThreadOut,
    thread_out,
)
from praxis.community.services import posting
from praxis.core.schemas import errors

router = Router(tags=["community"])


@router.get("/communities", response={200: CommunityPageOut, **errors(400)}, auth=None)
def list_communities(request: HttpRequest, page: int = 1) -> CommunityPageOut:
    """The communities the caller may see."""
    return CommunityPageOut.of(queries.communities(request.user, page))


@router.get(
    "/community-threads/{thread_uuid}",
    response={200: ThreadOut, **errors(400, 404)},
    auth=None,
)
def get_thread(request: HttpRequest, thread_uuid: UUID, page: int = 1) -> ThreadOut:
    """One page (20 posts) of a thread the caller may read."""
    thread = queries.visible_thread(request.user, thread_uuid)
    return thread_out(thread, queries.thread_page(request.user, thread, page))


@router.post(
    "/community-threads/{thread_uuid}/posts",
    response={201: ReplyOut, **errors(400, 401, 403, 404, 429)},
    auth=api_auth,
)
def reply(request: HttpRequest, thread_uuid: UUID, payload: ReplyIn) -> Status:
    """Reply in a thread (Markdown). A new member's reply may be held for review; mentions
    that matched no member are listed with the handles the author may have meant."""
    thread = queries.visible_thread(request.user, thread_uuid)
    post = posting.reply(request.user, thread, payload.body)
    profile = getattr(request.user, "community_profile", None)
    unmatched = unmatched_mentions(payload.body, thread.community)
    return Status(201, ReplyOut.of_reply(post, profile.handle if profile else "", unmatched))


@router.get(
    "/me/notifications",
    response={200: NotificationPageOut, **errors(400, 401)},
    auth=api_auth,
)
def notifications(request: HttpRequest, page: int = 1) -> NotificationPageOut:
    """The caller's community notifications, newest first."""
    found = queries.notifications(request.user, page)
    return NotificationPageOut(
        items=[NotificationOut.of(n) for n in found.items],
        page=found.number,
        pages=found.pages,
        total=found.total,
        unread=queries.unread_count(request.user),
    )
