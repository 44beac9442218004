"""Two erasures at the same moment, on PostgreSQL (SQLite runs one writing transaction at a
time): two people who wrote to each other are both erased, sharing the one "former member"
account, and one request run twice at once is done once."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.db import connection
from django.utils import timezone

from praxis.accounts.lifecycle import erasure
from praxis.accounts.models import AccountErasure, User
from praxis.accounts.tests.factories import UserFactory
from praxis.accounts.tests.test_personal_data import _traces
from praxis.community.models import Conversation, DirectMessage, Post
from praxis.community.tests.factories import MembershipFactory, PostFactory, ThreadFactory

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="SQLite runs one writing transaction at a time"
    ),
    pytest.mark.django_db(transaction=True),
]


def _in_threads(*works: Callable[[], bool]) -> list[bool | BaseException]:
    outcome: list[bool | BaseException] = [False] * len(works)

    def run(position: int, work: Callable[[], bool]) -> None:
        try:
            outcome[position] = work()
        except BaseException as error:  # reported by the assertion below
            outcome[position] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(works)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not any(thread.is_alive() for thread in threads), "an erasure never finished"
    return outcome


def _neighbours() -> tuple[User, User]:
    """Two members of one community who answered each other's threads and wrote privately."""
    first = UserFactory.create(full_name="Ngozi Adeyemi-Clarke", email="ngozi@example.org")
    second = UserFactory.create(full_name="Rashid Al-Mansouri", email="rashid@example.org")
    membership = MembershipFactory.create(user=first, profile="ngozi-ac")
    MembershipFactory.create(user=second, community=membership.community, profile="rashid-am")
    for author, answerer in ((first, second), (second, first)):
        thread = ThreadFactory.create(community=membership.community, author=author)
        PostFactory.create(thread=thread, author=author, body="Opening")
        PostFactory.create(thread=thread, author=answerer, body="An answer")
    low, high = sorted((first, second), key=lambda person: person.pk)
    conversation = Conversation.objects.create(first=low, second=high)
    for author in (first, second):
        DirectMessage.objects.create(
            conversation=conversation, author=author, body="Hello", body_html="<p>Hello</p>"
        )
    return first, second


def test_two_people_erased_at_the_same_moment_are_both_erased(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first, second = _neighbours()
    identities = {
        person.pk: {
            "email": person.email,
            "name": person.full_name,
            "uuid": str(person.uuid),
            "handle": handle,
        }
        for person, handle in ((first, "ngozi-ac"), (second, "rashid-am"))
    }
    requests = [
        AccountErasure.objects.create(user=person, erase_after=timezone.now(), keep_posts=True)
        for person in (first, second)
    ]
    # Both erasures hold their person's lock before either goes on.
    both_inside = threading.Barrier(2, timeout=60)
    original = erasure.former_member

    def former_member_once_both_are_inside() -> User:
        both_inside.wait()
        return original()

    monkeypatch.setattr(erasure, "former_member", former_member_once_both_are_inside)

    outcome = _in_threads(*(lambda pk=request.pk: erasure.erase(pk) for request in requests))

    assert outcome == [True, True]
    assert not User.objects.filter(pk__in=identities).exists()
    assert User.objects.filter(email=erasure.FORMER_MEMBER_EMAIL).count() == 1
    assert not Conversation.objects.exists()
    assert Post.objects.filter(author__email=erasure.FORMER_MEMBER_EMAIL).count() == 4
    for pk, identifiers in identities.items():
        assert _traces(identifiers, pk) == []
    assert set(AccountErasure.objects.values_list("status", flat=True)) == {
        AccountErasure.Status.DONE
    }


def test_one_request_run_twice_at_once_is_done_once() -> None:
    person = UserFactory.create()
    request = AccountErasure.objects.create(user=person, erase_after=timezone.now())

    outcome = _in_threads(lambda: erasure.erase(request.pk), lambda: erasure.erase(request.pk))

    assert sorted(outcome, key=str) == [False, True]
    assert not User.objects.filter(pk=person.pk).exists()
