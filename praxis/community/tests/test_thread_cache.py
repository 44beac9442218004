"""A thread's page rendered once for every visitor without a session: current after every reply,
edit, reaction, moderation and change of a name, and never a member's own."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.test.signals import template_rendered
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.models import User
from praxis.community.models import Post
from praxis.community.services import moderation, posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory
from praxis.core.fragments import CSRF_PLACEHOLDER

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


@pytest.mark.parametrize("reader", ["visitor", "member"])
def test_a_member_renamed_shows_on_the_next_visit(space: Space, reader: str) -> None:
    def seen() -> str:
        return text((Client() if reader == "visitor" else signed_in(space.member)).get(url(space)))

    before = space.member.full_name
    assert before in seen()
    space.member.full_name = "Amina Odhiambo-Were"
    space.member.save()
    page = seen()
    assert "Amina Odhiambo-Were" in page and before not in page


def test_members_see_their_own_page_and_visitors_never_see_it(space: Space) -> None:
    visitor_page = text(Client().get(url(space)))
    member = Client()
    member.force_login(space.member)
    own = text(member.get(url(space)))
    assert "Log in to reply." not in own and "Log out" in own
    again = text(Client().get(url(space)))
    assert again == visitor_page and "Log out" not in again and "Log in to reply." in again


def signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def test_each_member_gets_their_own_actions_around_the_posts_every_member_reads(
    space: Space,
) -> None:
    other = MembershipFactory.create(community=space.community, profile="baraka").user
    reply = posting.reply(other, space.thread, "We make our own with the WHO formula.")
    posting.react(space.member, reply, "helpful")
    readers = {
        "author": signed_in(space.member),
        "other": signed_in(other),
        "moderator": signed_in(space.moderator),
    }
    edit = f'href="{reverse("community:edit_post", args=[reply.pk])}"'
    for _round in range(2):  # the second round is served from what the first one kept
        for name, client in readers.items():
            page = text(client.get(url(space)))
            assert "What do you use?" in page and "WHO formula" in page
            pressed = re.findall(r'aria-pressed="true">([^<]*)<', page)
            # Only the member who reacted sees their reaction pressed; the count is everyone's.
            assert pressed == (["Helpful · 1"] if name == "author" else [])
            assert (edit in page) == (name in ("other", "moderator"))
            assert ("Hide</button>" in page) == (name == "moderator")
            assert page.count("Log out") == 1


def test_a_members_held_post_is_shown_to_them_alone(space: Space) -> None:
    other = MembershipFactory.create(community=space.community, profile="baraka").user
    reply = posting.reply(other, space.thread, "We make our own with the WHO formula.")
    member = signed_in(space.member)
    assert "WHO formula" in text(member.get(url(space)))  # kept for every member
    reply.status = Post.Status.HELD
    reply.save()
    # Each reader in turn: the posts every member sees are kept, with whose posts are held.
    for _turn in range(2):
        assert "Waiting for review" in text(signed_in(other).get(url(space)))
        page = text(member.get(url(space)))
        assert "WHO formula" not in page and "Waiting for review" not in page


def test_a_reply_an_edit_and_a_reaction_show_on_a_members_next_request(space: Space) -> None:
    member = signed_in(space.member)
    other = MembershipFactory.create(community=space.community, profile="baraka").user
    assert "WHO formula" not in text(member.get(url(space)))
    reply = posting.reply(other, space.thread, "We make our own with the WHO formula.")
    assert "WHO formula" in text(member.get(url(space)))
    posting.edit_post(other, reply, "We make our own with the local formula.")
    page = text(member.get(url(space)))
    assert "local formula" in page and "WHO formula" not in page
    posting.react(space.member, reply, "helpful")
    page = text(member.get(url(space)))
    assert 'aria-pressed="true">Helpful · 1<' in page and "1 point" in page


def test_members_alike_share_their_actions_each_with_their_own_token(space: Space) -> None:
    reply = posting.reply(space.member, space.thread, "We make our own with the WHO formula.")
    first, second = (
        signed_in(MembershipFactory.create(community=space.community, profile=handle).user)
        for handle in ("baraka", "chen")
    )
    assert "WHO formula" in text(first.get(url(space)))
    rendered: list[str] = []

    def note(sender: object, template: object, **kwargs: object) -> None:
        rendered.append(str(getattr(template, "name", "")))

    template_rendered.connect(note)
    try:
        page = second.get(url(space)).content.decode()
    finally:
        template_rendered.disconnect(note)
    # Neither is an author on the page nor has reacted: the second is served the first's.
    assert "community/_posts_own.html" not in rendered
    token = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[0]
    strict = Client(enforce_csrf_checks=True)
    strict.cookies = second.cookies
    react = reverse("community:react", args=[reply.pk])
    assert strict.post(react, {"kind": "helpful", "csrfmiddlewaretoken": token}).status_code == 302
    # Now pressed for the second alone.
    assert 'aria-pressed="true">Helpful · 1<' in text(second.get(url(space)))
    assert 'aria-pressed="true"' not in text(first.get(url(space)))
    # A visitor's kept page carries no member's token.
    assert token not in Client().get(url(space)).content.decode()


def test_a_link_in_a_post_never_carries_the_visitors_csrf_token(space: Space) -> None:
    # The shared page is rendered with a placeholder for each visitor's token in its forms; a
    # member who writes that placeholder into a link must not have it replaced with a reader's.
    trap = f"https://outside.example/?t={CSRF_PLACEHOLDER}"
    posting.reply(space.member, space.thread, f"See {trap} for more.")
    visitor = Client()
    page = visitor.get(url(space)).content.decode()
    assert f'href="{trap}"' in page
    assert "csrftoken" not in visitor.cookies
