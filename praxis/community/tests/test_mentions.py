"""Mentions that match nobody: the author is told which, with the handles they may have meant."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.community.mentions import UnmatchedMention, unmatched_mentions
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def priya(space: Space) -> User:
    return MembershipFactory.create(community=space.community, profile="priya-raman").user


def test_a_mention_of_part_of_a_handle_suggests_the_whole_handle(space: Space, priya: User) -> None:
    found = unmatched_mentions("Thanks @priya for the protocol", space.community)
    assert found == [UnmatchedMention("priya", ["priya-raman"])]


def test_a_misspelt_handle_suggests_the_close_one(space: Space, priya: User) -> None:
    found = unmatched_mentions("@priya-ramen agreed", space.community)
    assert found == [UnmatchedMention("priya-ramen", ["priya-raman"])]


def test_exact_mentions_and_code_give_no_warning(space: Space, priya: User) -> None:
    assert unmatched_mentions("@priya-raman and @amina, see `@nobody`", space.community) == []


def test_a_handle_like_no_one_gets_no_suggestion(space: Space, priya: User) -> None:
    assert unmatched_mentions("ask @zz-top", space.community) == [UnmatchedMention("zz-top", [])]


def test_after_posting_the_author_is_warned_of_unmatched_mentions(
    client: Client, space: Space, priya: User
) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:reply", args=[space.thread.uuid]),
        {"body": "Thanks @priya for the protocol"},
        follow=True,
    )
    page = response.content.decode()
    assert "Your reply is posted." in page
    assert "@priya matched no member, so nobody was notified." in page
    assert "Did you mean @priya-raman?" in page


def test_new_thread_warns_of_unmatched_mentions(client: Client, space: Space, priya: User) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:new_thread", args=[space.community.slug]),
        {
            "title": "Gloves",
            "body": "@priya what do you use?",
            "kind": "discussion",
            "language": "en",
        },
        follow=True,
    )
    assert "@priya matched no member" in response.content.decode()


def test_api_reply_lists_unmatched_mentions(
    api_client: SchemaCheckedClient, space: Space, priya: User
) -> None:
    api_client.force_login(space.member)
    response = api_client.post(
        f"/api/v1/community-threads/{space.thread.uuid}/posts",
        data={"body": "Thanks @priya and @priya-raman"},
    )
    assert response.status_code == 201
    assert response.json()["unmatched_mentions"] == [
        {"handle": "priya", "suggestions": ["priya-raman"]}
    ]


def test_preview_shows_the_reply_and_warns_before_anything_is_posted(
    client: Client, space: Space, priya: User
) -> None:
    client.force_login(space.member)
    before = space.thread.posts.count()
    response = client.post(
        reverse("community:reply", args=[space.thread.uuid]),
        {"body": "Thanks @priya and **@priya-raman**", "preview": "1"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert space.thread.posts.count() == before
    assert 'id="preview-title"' in page
    assert 'href="/community/people/priya-raman/"' in page
    assert "@priya matches no member, so nobody will be notified." in page
    assert "Did you mean @priya-raman?" in page
    assert "Thanks @priya and **@priya-raman**</textarea>" in page
