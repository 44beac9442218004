"""A thread's page rendered once for every visitor without a session: current after every reply,
edit, reaction, moderation and change of a name, and never a member's own."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from praxis.community.models import Post
from praxis.community.services import moderation, posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


def text(response: Response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def url(space: Space) -> str:
    return f"/community/t/{space.thread.uuid}/"


def opening(space: Space) -> Post:
    return Post.objects.get(thread=space.thread, position=0)


def test_a_second_visitor_reads_the_thread_with_one_query(
    space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = Client().get(url(space))
    with django_assert_num_queries(1):  # the thread, to check who may read it
        second = Client().get(url(space))
    assert second.content == first.content
    assert "What do you use?" in text(second)
    assert "Cookie" in second["Vary"]


def test_a_reply_an_edit_and_a_reaction_show_on_the_next_visit(space: Space) -> None:
    assert "Log in to reply." in text(Client().get(url(space)))
    other = MembershipFactory.create(community=space.community, profile="baraka").user
    reply = posting.reply(other, space.thread, "We make our own with the WHO formula.")
    assert "WHO formula" in text(Client().get(url(space)))
    posting.edit_post(other, reply, "We make our own with the local formula.")
    page = text(Client().get(url(space)))
    assert "local formula" in page and "WHO formula" not in page
    posting.react(space.member, reply, "helpful")
    assert "1 point" in text(Client().get(url(space)))


def test_a_hidden_thread_is_no_longer_served_to_visitors(space: Space) -> None:
    assert Client().get(url(space)).status_code == 200
    moderation.hide_post(space.moderator, opening(space), "Off topic")
    assert Client().get(url(space)).status_code == 404


def test_a_member_renamed_shows_on_the_next_visit(space: Space) -> None:
    before = space.member.full_name
    assert before in text(Client().get(url(space)))
    space.member.full_name = "Amina Odhiambo-Were"
    space.member.save()
    page = text(Client().get(url(space)))
    assert "Amina Odhiambo-Were" in page and before not in page


def test_members_see_their_own_page_and_visitors_never_see_it(space: Space) -> None:
    visitor_page = text(Client().get(url(space)))
    member = Client()
    member.force_login(space.member)
    own = text(member.get(url(space)))
    assert "Log in to reply." not in own and "Log out" in own
    again = text(Client().get(url(space)))
    assert again == visitor_page and "Log out" not in again and "Log in to reply." in again
