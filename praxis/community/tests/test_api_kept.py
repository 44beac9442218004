"""The API's list of communities, kept for visitors: asked again it reads nothing, joining and
leaving show at once, and what a member alone may see is never kept for anyone else."""

from __future__ import annotations

import pytest
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import CourseFactory
from praxis.community.models import Community
from praxis.community.services import membership
from praxis.community.tests.factories import CommunityFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def counts(client: SchemaCheckedClient) -> dict[str, tuple[int, int]]:
    items = client.get("/api/v1/communities").json()["items"]
    return {row["slug"]: (row["member_count"], row["thread_count"]) for row in items}


def test_a_visitor_asking_again_reads_nothing(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    CommunityFactory.create(slug="ipc")
    first = api_client.get("/api/v1/communities")
    with django_assert_num_queries(0):
        again = api_client.get("/api/v1/communities")
    assert again.content == first.content
    assert [row["slug"] for row in again.json()["items"]] == ["ipc"]


def test_joining_and_leaving_show_in_the_next_visitor_s_list(
    api_client: SchemaCheckedClient,
) -> None:
    ipc = CommunityFactory.create(slug="ipc", access=Community.Access.OPEN)
    nurse = UserFactory.create()
    assert counts(api_client) == {"ipc": (0, 0)}
    membership.join(nurse, ipc)
    assert counts(api_client) == {"ipc": (1, 0)}
    # Leaving changes the count in place, with no row saved.
    membership.leave(nurse, ipc)
    assert counts(api_client) == {"ipc": (0, 0)}
    CommunityFactory.create(slug="midwives")
    assert set(counts(api_client)) == {"ipc", "midwives"}


def test_a_course_space_is_never_kept_for_anyone_but_its_members(
    api_client: SchemaCheckedClient, client: Client
) -> None:
    CommunityFactory.create(slug="ipc")
    space = CommunityFactory.create(
        slug="hand-hygiene-space", kind=Community.Kind.COURSE, course=CourseFactory.create()
    )
    learner = MembershipFactory.create(community=space).user
    assert set(counts(api_client)) == {"ipc"}
    member = SchemaCheckedClient(Client())
    member.force_login(learner)
    # Asked by the member after the visitor, and by a visitor after the member.
    assert set(counts(member)) == {"ipc", "hand-hygiene-space"}
    assert set(counts(api_client)) == {"ipc"}
    other = SchemaCheckedClient(Client())
    other.force_login(UserFactory.create())
    assert set(counts(other)) == {"ipc"}
