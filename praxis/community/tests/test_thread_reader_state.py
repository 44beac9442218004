"""A member's own state on a thread's page (membership, subscription, draft, place in the
thread, reactions) is read in one query on every view, never kept: each reader sees their own
and sees a change to it at once, whoever asked for the page before."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from praxis.community.models import Membership, Thread, ThreadRead
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory

PRESSED = 'aria-pressed="true">Thanks · 1</button>'


def thread_url(thread: Thread) -> str:
    return reverse("community:thread", args=[thread.uuid])


def test_only_the_member_who_reacted_sees_their_reaction_pressed_in_five_queries(
    space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    reacting = MembershipFactory.create(community=space.community).user
    other = MembershipFactory.create(community=space.community).user
    posting.react(reacting, space.thread.posts.get(), "thanks")
    readers = {person: Client() for person in (reacting, other)}
    for person, reader in readers.items():
        reader.force_login(person)
        reader.get(thread_url(space.thread))  # the session, and the page kept
    for person, reader in readers.items():
        # The session, the person, the thread, the reader's own state, and their reactions
        # to the posts somebody reacted to.
        with django_assert_num_queries(5):
            page = reader.get(thread_url(space.thread)).content.decode()
        assert (PRESSED in page) == (person == reacting)
        assert 'aria-pressed="false">Thanks · 1</button>' in page or person == reacting


def test_a_member_reading_a_page_nobody_reacted_to_costs_four_queries(
    client: Client, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.force_login(space.member)
    client.get(thread_url(space.thread))
    # The session, the person, the thread, and the reader's own state.
    with django_assert_num_queries(4):
        page = client.get(thread_url(space.thread)).content.decode()
    assert '<option value="follow" selected>' in page
    assert ThreadRead.objects.filter(thread=space.thread, user=space.member).exists()


def test_a_moderator_demoted_without_a_signal_loses_the_moderation_forms_at_once(
    client: Client, space: Space
) -> None:
    client.force_login(space.moderator)
    assert "Moderate this thread" in client.get(thread_url(space.thread)).content.decode()
    Membership.objects.filter(user=space.moderator, community=space.community).update(
        role=Membership.Role.MEMBER
    )
    page = client.get(thread_url(space.thread)).content.decode()
    assert "Moderate this thread" not in page
    assert 'value="hide"' not in page


def test_a_member_who_left_no_longer_reacts_or_replies(client: Client, space: Space) -> None:
    reader = MembershipFactory.create(community=space.community).user
    client.force_login(reader)
    assert "Post reply" in client.get(thread_url(space.thread)).content.decode()
    Membership.objects.filter(user=reader, community=space.community).update(
        status=Membership.Status.LEFT
    )
    page = client.get(thread_url(space.thread)).content.decode()
    assert "Post reply" not in page and "Join this community to reply." in page
    assert 'name="kind" value="thanks"' not in page
