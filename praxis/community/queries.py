"""Read-side functions for the community pages and API (no N+1; query counts pinned in tests)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import (
    Count,
    Exists,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.community import search
from praxis.community.models import (
    Block,
    Community,
    Draft,
    Flag,
    MemberProfile,
    Membership,
    ModerationAction,
    Post,
    Resource,
    Thread,
    ThreadRead,
    ThreadTag,
)
from praxis.community.permissions import (
    moderate_community,
    read_community,
    see_community,
)
from praxis.community.tags import canonical
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.core.languages import readers_of
from praxis.core.pagination import Page, paginate
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import is_staff
from praxis.core.rows import the_row
from praxis.core.text_search import Vocabulary, fold
from praxis.organisations.models import Organisation, Role
from praxis.organisations.permissions import organisation_ids_with_role

POSTS_PER_PAGE = 20
THREADS_PER_PAGE = 25


def communities(user: Visitor, page: Any = 1) -> Page[Community]:
    """The communities `user` may read, by name; course spaces only for their members."""
    queryset = see_community.filter(user, Community.objects.select_related("host")).order_by(
        "kind", "name"
    )
    return paginate(queryset, page, THREADS_PER_PAGE)


def my_memberships(user: Visitor) -> dict[int, Membership]:
    if not signed_in(user):
        return {}
    return {
        m.community_id: m
        for m in Membership.objects.filter(user=user).exclude(status=Membership.Status.LEFT)
    }


def membership_statuses(user: Visitor) -> dict[str, set[int]]:
    """The ids of the communities `user` is a member of, invited to, and asked to join."""
    statuses: dict[str, set[int]] = {"active": set(), "invited": set(), "requested": set()}
    for community_id, membership in my_memberships(user).items():
        statuses.setdefault(membership.status, set()).add(community_id)
    return statuses


def may_open_communities(user: Visitor) -> bool:
    """Whether `user` manages an organisation, and so may open a community it hosts."""
    return signed_in(user) and (
        is_staff(user) or bool(organisation_ids_with_role(user, frozenset({Role.ADMIN})))
    )


def community_name_key(name: str) -> str:
    """A community's name as two names are compared: without case, accents or extra spaces."""
    return " ".join(fold(name).split())


def hosts_community_named(host: Organisation, name: str) -> bool:
    """Whether `host` already hosts a community of this name (case, accents and spaces aside):
    one query over the host's few communities."""
    wanted = community_name_key(name)
    return any(
        community_name_key(existing) == wanted
        for existing in Community.objects.filter(host=host).values_list("name", flat=True)
    )


def visible_community(user: Visitor, slug: str) -> Community:
    """The community with `slug` if `user` may see it (its threads may still be closed to
    them: check read_community); NotFound otherwise."""
    community = Community.objects.select_related("host", "course").filter(slug=slug).first()
    if community is None or not see_community.allows(user, community):
        raise NotFound()
    return community


# What a thread's page shows of other rows, read with the thread.
THREAD_PAGE_RELATED = ("community__course", "author", "accepted_post__author", "lesson")


def visible_thread(
    user: Visitor, thread_uuid: Any, related: Sequence[str] = THREAD_PAGE_RELATED
) -> Thread:
    """The thread if `user` may read it (a held thread: its author and the moderators), with
    the `related` rows read in the same query (its community always)."""
    thread = the_row(Thread.objects.select_related("community", *related).filter(uuid=thread_uuid))
    if thread is None or not read_community.allows(user, thread.community):
        raise NotFound()
    if not thread.is_visible and not (
        getattr(user, "pk", None) == thread.author_id
        or moderate_community.allows(user, thread.community)
    ):
        raise NotFound()
    return thread


def find_post(thread: Thread, post_id: Any) -> Post:
    post = Post.objects.select_related("author").filter(thread=thread, pk=post_id).first()
    if post is None:
        raise NotFound()
    post.thread = thread
    return post


NEW_FOR_DAYS = 14  # a thread is new to a member for this long, or until they open it


class Order(StrEnum):
    """How a community's thread list is sorted or narrowed."""

    LATEST = "latest"  # pinned first, then by latest post
    TOP = "top"  # most replies and reactions first
    UNANSWERED = "unanswered"  # no reply yet, or a question without an accepted answer
    NEW = "new"  # threads the reader has not opened yet (members)
    UNREAD = "unread"  # threads with replies the reader has not seen


ORDER_LABELS = {
    Order.LATEST: _("Latest"),
    Order.TOP: _("Top"),
    Order.UNANSWERED: _("Unanswered"),
    Order.NEW: _("New"),
    Order.UNREAD: _("Unread"),
}


def new_since(user: Visitor, community: Community, membership: Membership | None = None) -> Any:
    """The moment after which a thread `user` has not opened counts as new to them: when they
    joined, but no earlier than NEW_FOR_DAYS ago. Nothing is new to someone not a member."""
    now = timezone.now()
    if not signed_in(user):
        return now
    if membership is None:
        membership = Membership.objects.filter(
            community=community, user=user, status=Membership.Status.ACTIVE
        ).first()
    if membership is None or membership.status != Membership.Status.ACTIVE:
        return now
    return max(membership.created_at, now - timedelta(days=NEW_FOR_DAYS))


def threads(
    community: Community,
    page: Any = 1,
    *,
    reader: Visitor | None = None,
    membership: Membership | None = None,
    order: str = Order.LATEST,
    tag: str = "",
) -> Page[Thread]:
    """The community's visible threads in `order`, those tagged `tag` only if given; each,
    for a signed-in `reader` with `unread_replies` (None: never opened) and
    `is_new`."""
    if order not in Order.__members__.values():
        raise ValidationFailed(
            ErrorCode.UNKNOWN_THREAD_ORDER,
            fields={"order": [_("Choose one of the orders offered.")]},
        )
    queryset = Thread.objects.filter(community=community, is_visible=True).select_related("author")
    if tag:
        queryset = queryset.filter(tags__name=canonical(tag))
    user_id = getattr(reader, "pk", None)
    cutoff = new_since(reader, community, membership) if reader is not None else None
    if user_id is not None:
        queryset = queryset.annotate(
            seen_replies=Subquery(
                ThreadRead.objects.filter(thread=OuterRef("pk"), user_id=user_id).values(
                    "seen_replies"
                )[:1]
            )
        )
    elif order in (Order.NEW, Order.UNREAD):
        queryset = queryset.none()
    if order == Order.NEW and user_id is not None:
        queryset = queryset.filter(Q(seen_replies__isnull=True), created_at__gt=cutoff)
    elif order == Order.UNREAD and user_id is not None:
        queryset = queryset.filter(Q(seen_replies__lt=F("reply_count")))
    elif order == Order.UNANSWERED:
        queryset = queryset.filter(
            Q(reply_count=0) | Q(kind=Thread.Kind.QUESTION, accepted_post__isnull=True)
        )
    if order == Order.TOP:
        reactions = (
            Post.objects.filter(thread=OuterRef("pk"), status=Post.Status.VISIBLE)
            .values("thread")
            .annotate(total=Sum("reaction_count"))
            .values("total")
        )
        queryset = queryset.annotate(
            activity=F("reply_count") + Coalesce(Subquery(reactions), 0)
        ).order_by("-activity", "-last_posted_at", "-id")
    elif order == Order.LATEST:
        queryset = queryset.order_by("-is_pinned", "-last_posted_at", "-id")
    else:
        queryset = queryset.order_by("-last_posted_at", "-id")
    one_page = paginate(queryset, page, THREADS_PER_PAGE)
    for thread in one_page.items:
        seen = getattr(thread, "seen_replies", None)
        thread.unread_replies = None if seen is None else max(0, thread.reply_count - seen)
        thread.is_new = user_id is not None and seen is None and thread.created_at > cutoff
        thread.first_unread_page = (seen + 1) // POSTS_PER_PAGE + 1 if seen is not None else 1
    return one_page


def popular_tags(community: Community, limit: int = 20) -> list[tuple[str, int]]:
    """The tags most used on the community's visible threads, with how many threads carry each."""
    return list(
        ThreadTag.objects.filter(thread__community=community, thread__is_visible=True)
        .values("name")
        .annotate(n=Count("id"))
        .order_by("-n", "name")
        .values_list("name", "n")[:limit]
    )


def draft_for(user: Person, community: Community, thread: Thread | None) -> Draft | None:
    if not signed_in(user):
        return None
    return Draft.objects.filter(user=user, community=community, thread=thread).first()


def actions_concerning(user: Person, page: Any = 1) -> Page[ModerationAction]:
    """Every moderation action about `user`, with its reason: what they are shown."""
    queryset = ModerationAction.objects.filter(member=user).select_related(
        "community", "thread", "moderator", "member"
    )
    return paginate(queryset, page, POSTS_PER_PAGE)


@dataclass
class Queue:
    held: list[Post]
    flagged: list[Any]  # posts with open_flags
    requests: list[Membership]
    log: list[ModerationAction]
    invited: list[Membership] = field(default_factory=list)


def moderation_queue(community: Community) -> Queue:
    """What waits for the community's moderators: held posts, flagged posts, join requests."""
    held = list(
        Post.objects.filter(thread__community=community, status=Post.Status.HELD)
        .select_related("thread", "author")
        .order_by("created_at")[:50]
    )
    open_flags = Flag.objects.filter(resolved_at__isnull=True).select_related("flagged_by")
    # An existence test, not a filter across `flags`: the join would also match unflagged posts.
    has_open_flag = Exists(Flag.objects.filter(post=OuterRef("pk"), resolved_at__isnull=True))
    flagged = list(
        Post.objects.filter(has_open_flag, thread__community=community)
        .exclude(status=Post.Status.HIDDEN)
        .select_related("thread", "author")
        .prefetch_related(Prefetch("flags", queryset=open_flags, to_attr="open_flags"))
        .order_by("created_at")[:50]
    )
    requests = list(
        Membership.objects.filter(community=community, status=Membership.Status.REQUESTED)
        .select_related("user")
        .order_by("created_at")[:50]
    )
    log = list(
        ModerationAction.objects.filter(community=community).select_related(
            "community", "moderator", "member", "thread"
        )[:30]
    )
    invited = list(
        Membership.objects.filter(community=community, status=Membership.Status.INVITED)
        .select_related("user__community_profile")
        .order_by("-created_at")[:50]
    )
    return Queue(held, flagged, requests, log, invited)


@dataclass
class MemberPage:
    profile: MemberProfile
    posts: list[Post]
    accepted: int
    blocked_by_viewer: bool = False


def member_page(viewer: Visitor, handle: str) -> MemberPage:
    """A member's handle, reputation and recent visible posts in communities `viewer` reads."""
    profile = MemberProfile.objects.select_related("user").filter(handle=handle).first()
    if profile is None:
        raise NotFound()
    readable = read_community.filter(viewer, Community.objects.all()).values("id")
    posts = list(
        Post.objects.filter(
            author=profile.user,
            status=Post.Status.VISIBLE,
            thread__is_visible=True,
            thread__community__in=readable,
        )
        .select_related("thread")
        .order_by("-created_at")[:10]
    )
    accepted = Thread.objects.filter(accepted_post__author=profile.user).count()
    blocked = (
        signed_in(viewer) and Block.objects.filter(blocker=viewer, blocked=profile.user).exists()
    )
    return MemberPage(profile, posts, accepted, blocked)


def resources(user: Visitor, community: Community) -> list[Resource]:
    """The published resources, and for moderators the proposed ones too."""
    statuses = [Resource.Status.PUBLISHED]
    if moderate_community.allows(user, community):
        statuses.append(Resource.Status.PROPOSED)
    return list(
        Resource.objects.filter(community=community, status__in=statuses).select_related(
            "contributed_by"
        )
    )


@dataclass
class SearchResults:
    communities: list[Community]
    threads: list[Thread]
    resources: list[Resource]

    @property
    def empty(self) -> bool:
        return not (self.communities or self.threads or self.resources)


def search_everything(
    user: Visitor,
    query: str,
    *,
    all_languages: bool = False,
    vocabulary: Vocabulary | None = None,
    readers: Sequence[str] | None = None,
    per_kind: int | None = None,
    readable: Sequence[int] | None = None,
) -> SearchResults:
    """Communities, threads and resources matching `query` that `user` may read, in the
    reader's languages unless `all_languages`; `vocabulary` corrects misspelt words. The query
    is stemmed in `readers` (default: the reader's languages) as well as in each text's own.
    Given `per_kind`, at most that many of each kind are loaded (the best). `readable`: the
    communities `user` may read (readable_community_ids), when the caller has read them."""
    if readable is None:
        readable = readable_community_ids(user)
    # The same languages as every other search of the site (the catalogue's, /search/).
    languages = readers_of(user)
    hits = search.find(
        query,
        list(readable),
        None if all_languages else languages,
        vocabulary,
        languages if readers is None else readers,
    )
    ids: dict[str, list[int]] = defaultdict(list)
    for hit in hits:
        ids[hit.kind].append(hit.item_id)

    def ordered(queryset: Any, kind: str) -> list[Any]:
        # The services take hidden threads and unpublished resources out of the index as they
        # change them, so the first `per_kind` ids are those shown.
        wanted = ids[kind][:per_kind]
        if not wanted:
            return []
        found = queryset.filter(pk__in=wanted).in_bulk()
        return [found[i] for i in wanted if i in found]

    return SearchResults(
        communities=ordered(Community.objects.all(), "community"),
        threads=ordered(
            Thread.objects.filter(is_visible=True).select_related("community"), "thread"
        ),
        resources=ordered(
            Resource.objects.filter(status=Resource.Status.PUBLISHED).select_related("community"),
            "resource",
        ),
    )


def readable_community_ids(user: Visitor) -> list[int]:
    """The ids of the communities `user` may read, in order: with all_languages, all that
    search_everything's results depend on besides the query and its languages."""
    return list(
        read_community.filter(user, Community.objects.order_by("id")).values_list("id", flat=True)
    )


def active_communities(user: Visitor, limit: int = 3) -> list[Community]:
    """The communities `user` may read with the latest conversation, most recent first, each
    with `latest_post_at`: one query."""
    return list(
        read_community.filter(user, Community.objects.filter(course__isnull=True))
        .annotate(latest_post_at=Max("threads__last_posted_at", filter=Q(threads__is_visible=True)))
        .filter(latest_post_at__isnull=False)
        .order_by("-latest_post_at", "name")[:limit]
    )


MEMBERS_PER_PAGE = 25
MEMBER_SEARCH_MAX = 100


def members(community: Community, search: str = "", page: Any = 1) -> Page[Membership]:
    """A page of the community's active members for its moderators, moderators first then by
    name, narrowed to those whose name or handle contains `search`; written with "@", to
    those whose handle does ("@amin" finds @amina, not Benjamin)."""
    queryset = Membership.objects.filter(
        community=community, status=Membership.Status.ACTIVE
    ).select_related("user__community_profile")
    search = search.strip()[:MEMBER_SEARCH_MAX]
    if wanted := search.lstrip("@"):
        matching = Q(user__community_profile__handle__icontains=wanted)
        if not search.startswith("@"):
            matching |= Q(user__full_name__icontains=wanted)
        queryset = queryset.filter(matching)
    # "moderator" sorts after "member": descending puts the moderators first.
    queryset = queryset.order_by("-role", "user__full_name", "pk")
    return paginate(queryset, page, MEMBERS_PER_PAGE)


def moderated_communities(user: Visitor) -> list[Community]:
    """The communities whose moderation queue `user` works through as a moderator."""
    if not signed_in(user):
        return []
    return list(
        Community.objects.filter(
            memberships__user=user,
            memberships__role=Membership.Role.MODERATOR,
            memberships__status=Membership.Status.ACTIVE,
        ).order_by("name")
    )


def vocabulary_texts() -> list[str]:
    """The names of communities anyone may read and the titles of their visible threads: words
    a search may correct towards."""
    public = read_community.filter(AnonymousUser(), Community.objects.all())
    return [
        *public.values_list("name", flat=True),
        *Thread.objects.filter(community__in=public, is_visible=True).values_list(
            "title", flat=True
        ),
    ]
