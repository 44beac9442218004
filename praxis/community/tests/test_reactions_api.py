"""Reacting to a post and accepting an answer through the API, as on the thread's page: the
same refusals, checked against the OpenAPI document."""

import pytest

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.community.models import Community, MemberProfile, Thread
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def _reactions(post_id: int) -> str:
    return f"/api/v1/community-posts/{post_id}/reactions"


def _accepted(thread: Thread) -> str:
    return f"/api/v1/community-threads/{thread.uuid}/accepted-answer"


def test_a_member_reacts_and_takes_it_back(api_client: SchemaCheckedClient, space: Space) -> None:
    post = space.thread.posts.get()
    api_client.force_login(space.moderator)
    on = api_client.post(_reactions(post.pk), data={"kind": "helpful"})
    assert on.status_code == 200
    assert on.json() == {"kind": "helpful", "on": True, "count": 1}
    assert MemberProfile.objects.get(user=space.member).reputation == 1
    off = api_client.post(_reactions(post.pk), data={"kind": "helpful"})
    assert off.json() == {"kind": "helpful", "on": False, "count": 0}


@pytest.mark.parametrize("body", [{}, {"kind": "love"}, {"kind": 3}, {"kind": "x" * 10_000}])
def test_a_bad_reaction_is_400(
    api_client: SchemaCheckedClient, space: Space, body: dict[str, object]
) -> None:
    post = space.thread.posts.get()
    api_client.force_login(space.moderator)
    response = api_client.post(_reactions(post.pk), data=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"
    post.refresh_from_db()
    assert post.reaction_count == 0


def test_reacting_to_ones_own_post_or_as_an_outsider_is_refused(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    post = space.thread.posts.get()
    api_client.force_login(space.member)
    own = api_client.post(_reactions(post.pk), data={"kind": "agree"})
    assert own.status_code == 403 and own.json()["error"]["code"] == "own_post_reaction"
    api_client.force_login(UserFactory.create())  # not a member of the community
    outsider = api_client.post(_reactions(post.pk), data={"kind": "agree"})
    assert outsider.status_code == 403
    assert api_client.post(_reactions(10**9), data={"kind": "agree"}).status_code == 404
    post.refresh_from_db()
    assert post.reaction_count == 0


def test_a_post_of_a_closed_community_is_not_found_to_others(
    api_client: SchemaCheckedClient,
) -> None:
    closed = CommunityFactory.create(access=Community.Access.INVITATION)
    author = MembershipFactory.create(community=closed).user
    thread = posting.start_thread(author, closed, title="Ward rota", body="Who covers nights?")
    api_client.force_login(MembershipFactory.create().user)  # a member of another community
    post = thread.posts.get()
    assert api_client.post(_reactions(post.pk), data={"kind": "thanks"}).status_code == 404
    assert api_client.put(_accepted(thread), data={"post": None}).status_code == 404


def test_the_questions_author_accepts_an_answer_and_clears_it(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    space.thread.kind = Thread.Kind.QUESTION
    space.thread.save()
    answer = posting.reply(space.moderator, space.thread, "Ethanol 70 %")
    api_client.force_login(space.member)
    accepted = api_client.put(_accepted(space.thread), data={"post": answer.pk})
    assert accepted.status_code == 200
    assert accepted.json() == {"thread": str(space.thread.uuid), "accepted_post": answer.pk}
    assert MemberProfile.objects.get(user=space.moderator).reputation == 10
    cleared = api_client.put(_accepted(space.thread), data={"post": None})
    assert cleared.json()["accepted_post"] is None
    assert MemberProfile.objects.get(user=space.moderator).reputation == 0


def test_accepting_is_refused_where_it_does_not_fit(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    answer = posting.reply(space.moderator, space.thread, "Ethanol")
    api_client.force_login(space.member)
    discussion = api_client.put(_accepted(space.thread), data={"post": answer.pk})
    assert discussion.status_code == 400
    assert discussion.json()["error"]["code"] == "not_a_question"
    space.thread.kind = Thread.Kind.QUESTION
    space.thread.save()
    opening = space.thread.posts.order_by("position").first()
    assert opening is not None
    for post in (opening.pk, 10**9):
        refused = api_client.put(_accepted(space.thread), data={"post": post})
        assert refused.status_code == 400 and "post" in refused.json()["error"]["fields"]
    for body in ({}, {"post": "first"}):
        assert api_client.put(_accepted(space.thread), data=body).status_code == 400
    api_client.force_login(MembershipFactory.create(community=space.community).user)
    other = api_client.put(_accepted(space.thread), data={"post": answer.pk})
    assert other.status_code == 403
    assert Thread.objects.get(pk=space.thread.pk).accepted_post is None
