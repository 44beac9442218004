"""The community API: communities, a thread's posts page by page, replying, and moderation
(flags, the queue, actions on posts, threads and members) under the same rules
(praxis.community.permissions) as the pages. Notices are praxis.notifications'."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.community import queries
from praxis.community.mentions import unmatched_mentions
from praxis.community.models import Community, MemberProfile, Membership, Post, Resource
from praxis.community.permissions import moderate_community, read_community
from praxis.community.schemas import (
    CommunityPageOut,
    CurationIn,
    EditIn,
    FlagIn,
    FlagOut,
    JoinRequestOut,
    ModerationActionOut,
    ModerationRecordOut,
    PostModerationIn,
    PostOut,
    QueuedPostOut,
    QueueOut,
    ReplyIn,
    ReplyOut,
    ResourceStateOut,
    SuspensionIn,
    SuspensionOut,
    ThreadModerationIn,
    ThreadOut,
    ThreadStateOut,
    thread_out,
)
from praxis.community.services import moderation, posting
from praxis.community.services import resources as library
from praxis.core.errors import NotFound, ValidationFailed
from praxis.core.permissions import require
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
def reply(request: SignedInRequest, thread_uuid: UUID, payload: ReplyIn) -> Status[ReplyOut]:
    """Reply in a thread (Markdown). A new member's reply may be held for review; mentions
    that matched no member are listed with the handles the author may have meant."""
    thread = queries.visible_thread(request.user, thread_uuid)
    post = posting.reply(request.user, thread, payload.body)
    profile = getattr(request.user, "community_profile", None)
    unmatched = unmatched_mentions(payload.body, thread.community)
    return Status(201, ReplyOut.of_reply(post, profile.handle if profile else "", unmatched))


# Moderation


def _readable_post(request: HttpRequest, post_id: int) -> Post:
    """The post, if the caller may read its thread; 404 otherwise."""
    post = Post.objects.select_related("thread", "author").filter(pk=post_id).first()
    if post is None:
        raise NotFound()
    post.thread = queries.visible_thread(request.user, post.thread.uuid)
    return post


def _post_out(post: Post) -> PostOut:
    profile = MemberProfile.objects.filter(user_id=post.author_id).first()
    return PostOut.of(post, profile.handle if profile else "", {}, None)


@router.post(
    "/community-posts/{post_id}/flags",
    response={201: FlagOut, **errors(400, 401, 404, 409)},
    auth=api_auth,
)
def flag_post(request: SignedInRequest, post_id: int, body: FlagIn) -> Status[FlagOut]:
    """Report a post to the community's moderators (once per person and post)."""
    post = _readable_post(request, post_id)
    return Status(201, FlagOut.of(posting.flag_post(request.user, post, body.reason, body.note)))


@router.patch(
    "/community-posts/{post_id}",
    response={200: PostOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def edit_post(request: SignedInRequest, post_id: int, body: EditIn) -> PostOut:
    """Change a post's text (its author, or a moderator giving a reason the author is shown);
    the earlier text stays in the post's history."""
    post = _readable_post(request, post_id)
    return _post_out(posting.edit_post(request.user, post, body.body, body.reason))


@router.post(
    "/community-posts/{post_id}/moderation",
    response={200: PostOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def moderate_post(request: SignedInRequest, post_id: int, body: PostModerationIn) -> PostOut:
    """A moderator approves a held post, hides or shows a post again, or dismisses its flags;
    the action is logged and shown to the member with its reason."""
    post = _readable_post(request, post_id)
    user = request.user
    actions: dict[str, Callable[[], Any]] = {
        "approve": lambda: moderation.approve_post(user, post),
        "hide": lambda: moderation.hide_post(user, post, body.reason),
        "unhide": lambda: moderation.unhide_post(user, post, body.reason),
        "dismiss": lambda: moderation.dismiss_flags(user, post),
    }
    actions[body.action]()
    post.refresh_from_db()
    return _post_out(post)


@router.post(
    "/community-threads/{thread_uuid}/moderation",
    response={200: ThreadStateOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def moderate_thread(
    request: SignedInRequest, thread_uuid: UUID, body: ThreadModerationIn
) -> ThreadStateOut:
    """A moderator locks or unlocks, pins or unpins a thread, or moves it to another community
    they moderate (`target`)."""
    thread = queries.visible_thread(request.user, thread_uuid)
    user = request.user

    def move() -> Any:
        target = Community.objects.filter(slug=body.target).first()
        if target is None:
            require(moderate_community, user, thread.community)
            raise ValidationFailed(fields={"target": [_("There is no community with this name.")]})
        return moderation.move_thread(user, thread, target, body.reason)

    actions: dict[str, Callable[[], Any]] = {
        "lock": lambda: moderation.set_locked(user, thread, True, body.reason),
        "unlock": lambda: moderation.set_locked(user, thread, False, body.reason),
        "pin": lambda: moderation.set_pinned(user, thread, True),
        "unpin": lambda: moderation.set_pinned(user, thread, False),
        "move": move,
    }
    return ThreadStateOut.of(actions[body.action]())


@router.get(
    "/communities/{slug}/moderation-queue",
    response={200: QueueOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def moderation_queue(request: HttpRequest, slug: str) -> QueueOut:
    """What waits for the community's moderators: held posts, flagged posts with their flags,
    requests to join, and the latest actions."""
    community = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, community)
    queue = queries.moderation_queue(community)
    return QueueOut(
        held=[QueuedPostOut.of(post) for post in queue.held],
        flagged=[QueuedPostOut.of(post) for post in queue.flagged],
        requests=[JoinRequestOut.of(membership) for membership in queue.requests],
        log=[ModerationActionOut.of(action) for action in queue.log],
    )


@router.post(
    "/communities/{slug}/suspensions",
    response={200: SuspensionOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def suspend(request: SignedInRequest, slug: str, body: SuspensionIn) -> SuspensionOut:
    """Stop a member posting here for `days` days (0 lifts a suspension), with a reason."""
    community = queries.visible_community(request.user, slug)
    handle = body.handle.strip().lstrip("@").lower()
    profile = MemberProfile.objects.select_related("user").filter(handle=handle).first()
    if profile is None:
        require(moderate_community, request.user, community)
        raise ValidationFailed(fields={"handle": [_("No member has this handle.")]})
    membership = moderation.suspend_member(
        request.user, community, profile.user, body.days, body.reason
    )
    return SuspensionOut(handle=profile.handle, suspended_until=membership.suspended_until)


@router.post(
    "/communities/{slug}/join-requests/{membership_id}/approval",
    response={200: JoinRequestOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def approve_member(request: SignedInRequest, slug: str, membership_id: int) -> JoinRequestOut:
    """Accept a request to join a community by request."""
    community = queries.visible_community(request.user, slug)
    membership = Membership.objects.filter(community=community, pk=membership_id).first()
    if membership is None:
        raise NotFound()
    return JoinRequestOut.of(moderation.approve_member(request.user, membership))


@router.post(
    "/community-resources/{resource_id}/curation",
    response={200: ResourceStateOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def curate_resource(
    request: SignedInRequest, resource_id: int, body: CurationIn
) -> ResourceStateOut:
    """A moderator publishes a proposed resource in the library, or removes one."""
    resource = Resource.objects.select_related("community").filter(pk=resource_id).first()
    if resource is None or not read_community.allows(request.user, resource.community):
        raise NotFound()
    resource = library.curate_resource(request.user, resource, body.status, body.reason)
    return ResourceStateOut(
        id=resource.pk,
        community=resource.community.slug,
        title=resource.title,
        status=resource.status,
    )


@router.get(
    "/me/moderation-record",
    response={200: ModerationRecordOut, **errors(400, 401)},
    auth=api_auth,
)
def moderation_record(request: SignedInRequest, page: int = 1) -> ModerationRecordOut:
    """Every moderation action concerning the caller, with its reason."""
    found = queries.actions_concerning(request.user, page)
    return ModerationRecordOut(
        items=[ModerationActionOut.of(action) for action in found.items],
        page=found.number,
        pages=found.pages,
        total=found.total,
    )
