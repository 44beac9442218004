"""The community API, every response checked against the OpenAPI document."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.services import create_api_token
from praxis.accounts.tests.factories import UserFactory
from praxis.community.models import Community, Post
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_communities_are_listed_for_visitors(api_client: SchemaCheckedClient, space: Space) -> None:
    body = api_client.get("/api/v1/communities").json()
    assert [c["slug"] for c in body["items"]] == [space.community.slug]


def test_thread_posts_come_a_page_at_a_time_with_safe_html(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    posting.reply(space.member, space.thread, "<script>x</script>**bold**")
    body = api_client.get(f"/api/v1/community-threads/{space.thread.uuid}").json()
    assert [p["position"] for p in body["posts"]] == [0, 1]
    assert body["posts"][1]["html"].strip() == "<p><strong>bold</strong></p>"


def test_unknown_thread_is_404(api_client: SchemaCheckedClient, db: None) -> None:
    response = api_client.get("/api/v1/community-threads/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_member_replies_through_the_api(api_client: SchemaCheckedClient, space: Space) -> None:
    api_client.force_login(space.member)
    response = api_client.post(
        f"/api/v1/community-threads/{space.thread.uuid}/posts", data={"body": "Gel"}
    )
    assert response.status_code == 201
    assert response.json()["handle"] == "amina"


def test_api_reply_by_a_non_member_is_refused_with_a_code(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    api_client.force_login(UserFactory.create())
    response = api_client.post(
        f"/api/v1/community-threads/{space.thread.uuid}/posts", data={"body": "Hi"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_a_member"
    assert Post.objects.count() == 1


def test_api_reply_to_a_locked_thread_is_refused(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    space.thread.is_locked = True
    space.thread.save()
    api_client.force_login(space.member)
    response = api_client.post(
        f"/api/v1/community-threads/{space.thread.uuid}/posts", data={"body": "Hi"}
    )
    assert response.json()["error"]["code"] == "thread_locked"


@pytest.mark.parametrize("data", ['{"body": 5}', "[]", "not json", '{"body": ""}'])
def test_api_reply_with_bad_input_changes_nothing(
    api_client: SchemaCheckedClient, space: Space, data: str
) -> None:
    api_client.force_login(space.member)
    response = api_client.post(f"/api/v1/community-threads/{space.thread.uuid}/posts", data=data)
    assert response.status_code == 400
    assert Post.objects.count() == 1


def test_api_reply_needs_a_login(api_client: SchemaCheckedClient, space: Space) -> None:
    response = api_client.post(
        f"/api/v1/community-threads/{space.thread.uuid}/posts", data={"body": "Hi"}
    )
    assert response.status_code == 401


def test_notifications_list_in_fixed_queries(
    api_client: SchemaCheckedClient,
    space: Space,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.moderator, space.thread, "@amina one")
        posting.reply(space.moderator, space.thread, "@amina two")
    api_client.force_login(space.member)
    with django_assert_max_num_queries(6):
        body = api_client.get("/api/v1/me/notifications").json()
    assert [n["kind"] for n in body["items"]] == ["mention", "mention"]
    assert body["unread"] == 2


def test_a_member_reads_a_members_only_thread_with_an_api_token(
    api_client: SchemaCheckedClient, db: None
) -> None:
    community = CommunityFactory.create(access=Community.Access.INVITATION)
    member = MembershipFactory.create(community=community, profile="nurse").user
    thread = posting.start_thread(member, community, title="Night shifts", body="Tips?")
    _token, plaintext = create_api_token(member, "reader app")
    url = f"/api/v1/community-threads/{thread.uuid}"

    assert api_client.get(url).status_code == 404  # anonymous: no such thread to see
    read = api_client.get(url, HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert read.status_code == 200
    assert read.json()["posts"][0]["html"].strip() == "<p>Tips?</p>"
    refused = api_client.get(url, HTTP_AUTHORIZATION="Bearer px_not-a-real-token")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "not_authenticated"
