"""Moderation through the API: flags, the queue, actions on posts, threads and members, and a
member's record, under the same rules as the moderation pages. Every response is checked
against the OpenAPI document; a refusal changes nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.community.models import (
    Community,
    Flag,
    Membership,
    ModerationAction,
    Post,
    Resource,
    Thread,
)
from praxis.community.services import posting
from praxis.community.services import resources as library
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory, ModeratorFactory

pytestmark = pytest.mark.django_db


def _login(api_client: SchemaCheckedClient, user: User) -> User:
    api_client.client.force_login(user)
    return user


def test_member_flags_a_post_once_and_the_moderator_sees_it_in_the_queue(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    post = posting.reply(space.member, space.thread, "Buy cheap gloves at my shop")
    reader = _login(api_client, MembershipFactory.create(community=space.community).user)

    flagged = api_client.post(
        f"/api/v1/community-posts/{post.pk}/flags", data={"reason": "spam", "note": "An advert"}
    )
    assert flagged.status_code == 201
    assert flagged.json()["reason"] == "spam"
    again = api_client.post(f"/api/v1/community-posts/{post.pk}/flags", data={"reason": "spam"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "already_flagged"
    bad = api_client.post(f"/api/v1/community-posts/{post.pk}/flags", data={"reason": "boring"})
    assert bad.status_code == 400
    assert "reason" in bad.json()["error"]["fields"]
    assert Flag.objects.filter(flagged_by=reader).count() == 1

    _login(api_client, space.moderator)
    queue = api_client.get(f"/api/v1/communities/{space.community.slug}/moderation-queue").json()
    assert [p["id"] for p in queue["flagged"]] == [post.pk]
    assert queue["flagged"][0]["flags"][0]["note"] == "An advert"


def test_a_member_who_is_not_moderator_cannot_see_the_queue_or_act(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    post = posting.reply(space.member, space.thread, "A fair point")
    _login(api_client, space.member)
    queue = api_client.get(f"/api/v1/communities/{space.community.slug}/moderation-queue")
    hide = api_client.post(
        f"/api/v1/community-posts/{post.pk}/moderation", data={"action": "hide", "reason": "No"}
    )
    lock = api_client.post(
        f"/api/v1/community-threads/{space.thread.uuid}/moderation", data={"action": "lock"}
    )
    suspend = api_client.post(
        f"/api/v1/communities/{space.community.slug}/suspensions",
        data={"handle": "mod", "days": 3, "reason": "No"},
    )
    assert [r.status_code for r in (queue, hide, lock, suspend)] == [403, 403, 403, 403]
    assert hide.json()["error"]["code"] == "permission_denied"
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE
    assert not Thread.objects.get(pk=space.thread.pk).is_locked
    assert not ModerationAction.objects.exists()


def test_a_moderator_of_another_community_cannot_act_here(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    post = posting.reply(space.member, space.thread, "A fair point")
    _login(api_client, ModeratorFactory.create(community=CommunityFactory.create()).user)
    hide = api_client.post(
        f"/api/v1/community-posts/{post.pk}/moderation", data={"action": "hide", "reason": "No"}
    )
    assert hide.status_code == 403
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE


def test_moderator_hides_with_a_reason_and_the_member_reads_it_in_their_record(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    post = posting.reply(space.member, space.thread, "Rude words")
    _login(api_client, space.moderator)
    no_reason = api_client.post(
        f"/api/v1/community-posts/{post.pk}/moderation", data={"action": "hide"}
    )
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()["error"]["fields"]
    unknown = api_client.post(
        f"/api/v1/community-posts/{post.pk}/moderation", data={"action": "delete"}
    )
    assert unknown.status_code == 400
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE

    hidden = api_client.post(
        f"/api/v1/community-posts/{post.pk}/moderation",
        data={"action": "hide", "reason": "Be kind"},
    )
    assert hidden.status_code == 200
    assert hidden.json()["status"] == "hidden"

    _login(api_client, space.member)
    record = api_client.get("/api/v1/me/moderation-record").json()
    assert [(a["kind"], a["reason"]) for a in record["items"]] == [("hide", "Be kind")]


def test_a_moderator_edits_a_post_with_a_reason_and_other_members_cannot(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    post = posting.reply(space.member, space.thread, "Use 40% alcohol rub")
    url = f"/api/v1/community-posts/{post.pk}"
    _login(api_client, MembershipFactory.create(community=space.community).user)
    assert api_client.patch(url, data={"body": "Changed"}).status_code == 403
    _login(api_client, space.moderator)
    no_reason = api_client.patch(url, data={"body": "Use 60-80% alcohol rub"})
    assert no_reason.status_code == 400
    assert "reason" in no_reason.json()["error"]["fields"]
    assert Post.objects.get(pk=post.pk).body == "Use 40% alcohol rub"
    edited = api_client.patch(
        url, data={"body": "Use 60-80% alcohol rub", "reason": "Unsafe concentration"}
    )
    assert edited.status_code == 200
    assert edited.json()["body"] == "Use 60-80% alcohol rub"
    assert ModerationAction.objects.get(member=space.member).kind == "edit"


def test_moderator_locks_pins_and_moves_a_thread(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    other = CommunityFactory.create(slug="ward-nurses")
    ModeratorFactory.create(community=other, user=space.moderator)
    _login(api_client, space.moderator)
    url = f"/api/v1/community-threads/{space.thread.uuid}/moderation"

    assert api_client.post(url, data={"action": "lock"}).json()["locked"] is True
    assert api_client.post(url, data={"action": "pin"}).json()["pinned"] is True
    nowhere = api_client.post(url, data={"action": "move", "reason": "Fits", "target": "none"})
    assert nowhere.status_code == 400
    assert "target" in nowhere.json()["error"]["fields"]
    moved = api_client.post(
        url, data={"action": "move", "reason": "Fits better there", "target": "ward-nurses"}
    )
    assert moved.json()["community"] == "ward-nurses"
    assert Thread.objects.get(pk=space.thread.pk).community == other


def test_moderator_suspends_a_member_and_accepts_a_join_request(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    Community.objects.filter(pk=space.community.pk).update(access=Community.Access.REQUEST)
    asking = MembershipFactory.create(community=space.community, status=Membership.Status.REQUESTED)
    _login(api_client, space.moderator)
    base = f"/api/v1/communities/{space.community.slug}"

    too_long = api_client.post(
        f"{base}/suspensions", data={"handle": "amina", "days": 400, "reason": "Spam"}
    )
    assert too_long.status_code == 400
    nobody = api_client.post(
        f"{base}/suspensions", data={"handle": "@nobody", "days": 3, "reason": "Spam"}
    )
    assert nobody.status_code == 400
    assert "handle" in nobody.json()["error"]["fields"]
    assert Membership.objects.get(pk=space.member_ship.pk).suspended_until is None

    suspended = api_client.post(
        f"{base}/suspensions", data={"handle": "@amina", "days": 3, "reason": "Spam"}
    )
    assert suspended.status_code == 200
    assert suspended.json()["suspended_until"] is not None

    accepted = api_client.post(f"{base}/join-requests/{asking.pk}/approval")
    assert accepted.json()["status"] == "active"
    twice = api_client.post(f"{base}/join-requests/{asking.pk}/approval")
    assert twice.status_code == 400
    assert api_client.post(f"{base}/join-requests/999999/approval").status_code == 404


def test_anonymous_callers_cannot_flag_or_moderate(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    post = space.thread.posts.get()
    flag = api_client.post(f"/api/v1/community-posts/{post.pk}/flags", data={"reason": "spam"})
    record = api_client.get("/api/v1/me/moderation-record")
    assert [flag.status_code, record.status_code] == [401, 401]
    assert not Flag.objects.exists()


def test_a_moderator_publishes_a_proposed_resource_and_a_member_cannot(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    proposed = library.contribute_resource(
        space.member,
        space.community,
        title="Glove guide",
        description="When to glove",
        language="en",
        url="https://example.org/gloves",
    )
    url = f"/api/v1/community-resources/{proposed.pk}/curation"
    _login(api_client, space.member)
    assert api_client.post(url, data={"status": "published"}).status_code == 403
    _login(api_client, space.moderator)
    assert api_client.post(url, data={"status": "hidden"}).status_code == 400
    assert Resource.objects.get(pk=proposed.pk).status == Resource.Status.PROPOSED
    published = api_client.post(url, data={"status": "published"})
    assert published.json()["status"] == "published"


def test_the_queue_takes_as_many_queries_for_many_flags_as_for_one(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    _login(api_client, space.moderator)
    url = f"/api/v1/communities/{space.community.slug}/moderation-queue"

    def flag_one_more() -> None:
        sent = Post.objects.filter(thread=space.thread).count()
        post = posting.reply(space.member, space.thread, f"Buy my gloves, offer {sent}")
        posting.flag_post(MembershipFactory.create(community=space.community).user, post, "spam")

    flag_one_more()
    with CaptureQueriesContext(connection) as one:
        api_client.get(url)
    for _ in range(3):
        flag_one_more()
    with CaptureQueriesContext(connection) as four:
        body = api_client.get(url).json()
    assert len(body["flagged"]) == 4
    assert len(four.captured_queries) == len(one.captured_queries)
