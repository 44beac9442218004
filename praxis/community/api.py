"""The community API: communities, a thread's posts page by page, replying, and moderation
(flags, the queue, actions on posts, threads and members) under the same rules
(praxis.community.permissions) as the pages. Notices are praxis.notifications'."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.community import queries, tags, thread_page
from praxis.community.mentions import unmatched_mentions
from praxis.community.models import Community, MemberProfile, Membership, Post, Resource
from praxis.community.permissions import moderate_community, read_community
from praxis.community.schemas import (
    AcceptedAnswerIn,
    AcceptedAnswerOut,
    CommunityInvitationIn,
    CommunityInvitationOut,
    CommunityMembershipOut,
    CommunityOut,
    CommunityPageOut,
    CurationIn,
    EditIn,
    FlagIn,
    FlagOut,
    JoinRequestOut,
    MarkedReadOut,
    MemberListOut,
    ModerationActionOut,
    ModerationRecordOut,
    NewCommunityIn,
    NewThreadIn,
    PostModerationIn,
    PostOut,
    QueuedPostOut,
    QueueOut,
    ReactionIn,
    ReactionOut,
    RemovalIn,
    ReplyIn,
    ReplyOut,
    ResourceStateOut,
    SuspensionIn,
    SuspensionOut,
    ThreadListOut,
    ThreadModerationIn,
    ThreadOrder,
    ThreadOut,
    ThreadStateOut,
    thread_out,
)
from praxis.community.services import membership as memberships
from praxis.community.services import moderation, posting, reading
from praxis.community.services import resources as library
from praxis.community.services.counts import COMMUNITIES_SCOPE
from praxis.core.api import kept_answer
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.core.permissions import require
from praxis.core.schemas import errors
from praxis.organisations.models import Organisation

router = Router(tags=["community"])


@router.get("/communities", response={200: CommunityPageOut, **errors(400)}, auth=None)
def list_communities(request: HttpRequest, page: int = 1) -> HttpResponse:
    """The communities the caller may see."""
    return kept_answer(
        request,
        COMMUNITIES_SCOPE,
        (str(page),),
        lambda: CommunityPageOut.of(queries.communities(request.user, page)),
    )


@router.post(
    "/communities",
    response={201: CommunityOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def open_community(request: SignedInRequest, body: NewCommunityIn) -> Status[CommunityOut]:
    """A partner's organisation admin (or staff) opens a community hosted by that
    organisation, and becomes its first moderator."""
    host = Organisation.objects.filter(slug=body.host).first()
    if host is None:
        raise NotFound()
    opened = memberships.open_community(
        request.user,
        host,
        name=body.name,
        description=body.description,
        kind=body.kind,
        access=body.access,
        languages=list(body.languages),
    )
    return Status(201, CommunityOut.from_orm(opened))


@router.get(
    "/communities/{slug}/threads",
    response={200: ThreadListOut, **errors(400, 403, 404)},
    auth=None,
)
def list_threads(
    request: HttpRequest, slug: str, order: ThreadOrder = "latest", tag: str = "", page: int = 1
) -> ThreadListOut:
    """A page (25) of the community's threads: latest (pinned first), top (most replies and
    reactions), unanswered, or for a signed-in caller new or unread; narrowed to one tag if
    given. Each says whether it is new to the caller and how many replies they have not seen."""
    community = queries.visible_community(request.user, slug)
    require(read_community, request.user, community)
    return ThreadListOut.of(
        queries.threads(
            community, page, reader=request.user, order=order, tag=tag[: tags.MAX_INPUT]
        )
    )


@router.post(
    "/communities/{slug}/threads",
    response={201: ThreadOut, **errors(400, 401, 403, 404, 409, 429)},
    auth=api_auth,
)
def start_thread(request: SignedInRequest, slug: str, payload: NewThreadIn) -> Status[ThreadOut]:
    """Start a thread with its opening post (Markdown) and up to five tags. A new member's
    thread may be held for review: it is then seen by its author and the moderators only."""
    community = queries.visible_community(request.user, slug)
    thread = posting.start_thread(
        request.user,
        community,
        title=payload.title,
        body=payload.body,
        kind=payload.kind,
        language=payload.language,
        tags=payload.tags,
    )
    thread = queries.visible_thread(request.user, thread.uuid)
    return Status(201, thread_out(thread, thread_page.thread_page(request.user, thread)))


@router.post(
    "/communities/{slug}/read",
    response={200: MarkedReadOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def mark_read(request: SignedInRequest, slug: str) -> MarkedReadOut:
    """Mark every new thread and unread reply in the community as read for the caller."""
    community = queries.visible_community(request.user, slug)
    require(read_community, request.user, community)
    return MarkedReadOut(threads=reading.mark_all_read(request.user, community))


@router.post(
    "/community-threads/{thread_uuid}/read",
    response={204: None, **errors(400, 401, 404)},
    auth=api_auth,
)
def read_thread(request: SignedInRequest, thread_uuid: UUID, page: int = 1) -> Status[None]:
    """Record that the caller has read the thread up to the last reply of page `page`."""
    thread = queries.visible_thread(request.user, thread_uuid)
    shown = thread_page.thread_page(request.user, thread, page)
    reading.record_reading(request.user, thread, shown.page.number, shown.reading)
    return Status(204, None)


@router.post(
    "/communities/{slug}/membership",
    response={200: CommunityMembershipOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def join(request: SignedInRequest, slug: str) -> CommunityMembershipOut:
    """Join an open community, accept an invitation, or ask to join a community by request
    (status "requested" until a moderator accepts)."""
    community = queries.visible_community(request.user, slug)
    return CommunityMembershipOut.from_orm(memberships.join(request.user, community))


@router.delete(
    "/communities/{slug}/membership",
    response={204: None, **errors(401, 404)},
    auth=api_auth,
)
def leave(request: SignedInRequest, slug: str) -> Status[None]:
    """Leave a community (posts stay, e-mail stops), or decline an invitation to it."""
    community = queries.visible_community(request.user, slug)
    memberships.leave(request.user, community)
    return Status(204, None)


@router.post(
    "/communities/{slug}/invitations",
    response={200: CommunityInvitationOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def invite(
    request: SignedInRequest, slug: str, body: CommunityInvitationIn
) -> CommunityInvitationOut:
    """A moderator invites a member (by @handle) or the owner of an account (by e-mail) to
    join; they are told and join with one click, even where the community is by invitation."""
    community = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, community)
    moderation.invite(request.user, community, body.who)
    return CommunityInvitationOut(
        message=str(_("Invited. If the address belongs to an account, its owner is told."))
    )


@router.delete(
    "/communities/{slug}/invitations/{membership_id}",
    response={204: None, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def withdraw_invitation(request: SignedInRequest, slug: str, membership_id: int) -> Status[None]:
    """A moderator takes back an invitation not yet accepted."""
    community = queries.visible_community(request.user, slug)
    membership = Membership.objects.filter(community=community, pk=membership_id).first()
    if membership is None:
        raise NotFound()
    moderation.withdraw_invitation(request.user, membership)
    return Status(204, None)


@router.get(
    "/community-threads/{thread_uuid}",
    response={200: ThreadOut, **errors(400, 404)},
    auth=None,
)
def get_thread(request: HttpRequest, thread_uuid: UUID, page: int = 1) -> ThreadOut:
    """One page (20 posts) of a thread the caller may read."""
    thread = queries.visible_thread(request.user, thread_uuid)
    return thread_out(thread, thread_page.thread_page(request.user, thread, page))


@router.post(
    "/community-threads/{thread_uuid}/posts",
    response={201: ReplyOut, **errors(400, 401, 403, 404, 409, 429)},
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


@router.post(
    "/community-posts/{post_id}/reactions",
    response={200: ReactionOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def react(request: SignedInRequest, post_id: int, body: ReactionIn) -> ReactionOut:
    """React to a post (members; not to one's own: 403 own_post_reaction); the same reaction
    again takes it back."""
    post = _readable_post(request, post_id)
    on = posting.react(request.user, post, body.kind)
    post.refresh_from_db(fields=["reaction_count"])
    return ReactionOut(kind=body.kind, on=on, count=post.reaction_count)


@router.put(
    "/community-threads/{thread_uuid}/accepted-answer",
    response={200: AcceptedAnswerOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def accept_answer(
    request: SignedInRequest, thread_uuid: UUID, body: AcceptedAnswerIn
) -> AcceptedAnswerOut:
    """The question's author (or a moderator) marks the reply that answered it, or none with
    `null`; a discussion is 400 not_a_question, a post of another thread 400."""
    thread = queries.visible_thread(request.user, thread_uuid)
    post = None
    if body.post is not None:
        post = Post.objects.select_related("thread").filter(pk=body.post).first()
        if post is None:
            raise ValidationFailed(fields={"post": [_("Choose a reply in this thread.")]})
    thread = posting.accept_answer(request.user, thread, post)
    return AcceptedAnswerOut(thread=thread.uuid, accepted_post=thread.accepted_post_id)


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


@router.delete(
    "/community-posts/{post_id}",
    response={204: None, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def delete_post(request: SignedInRequest, post_id: int) -> Status[None]:
    """Its author deletes a reply, with its attachments, reactions and flags (an opening post
    is 400: it can be edited, or hidden by a moderator)."""
    posting.delete_post(request.user, _readable_post(request, post_id))
    return Status(204, None)


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


@router.get(
    "/communities/{slug}/members",
    response={200: MemberListOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def list_members(request: SignedInRequest, slug: str, q: str = "", page: int = 1) -> MemberListOut:
    """For the community's moderators (and staff): a page (25) of its members, moderators
    first, narrowed to those whose name or handle contains `q`."""
    community = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, community)
    return MemberListOut.of(queries.members(community, q, page))


@router.delete(
    "/communities/{slug}/members/{handle}",
    response={204: None, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def remove_member(
    request: SignedInRequest, slug: str, handle: str, body: RemovalIn
) -> Status[None]:
    """A moderator removes a member, with an optional reason they are shown: not themselves,
    nor another moderator unless staff, never the last moderator (409); an unknown handle is
    404 unknown_handle, someone not (or no longer) a member 400 not_a_member."""
    community = queries.visible_community(request.user, slug)
    require(moderate_community, request.user, community)
    wanted = handle.strip().lstrip("@").lower()
    profile = MemberProfile.objects.select_related("user").filter(handle=wanted).first()
    if profile is None:
        raise NotFound(ErrorCode.UNKNOWN_HANDLE, _("No member has this handle."))
    moderation.remove_member(request.user, community, profile.user, body.reason)
    return Status(204, None)


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
