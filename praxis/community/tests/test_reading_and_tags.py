"""What is new and unread for each member, the orders of a thread list, and tags: on the pages
and through the API (every response checked against the OpenAPI document)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.community import tags
from praxis.community.models import Community, Membership, Reaction, Thread, ThreadRead
from praxis.community.services import posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory
from praxis.core.errors import ValidationFailed

pytestmark = pytest.mark.django_db


def community_url(community: Community, query: str = "") -> str:
    return reverse("community:community", args=[community.slug]) + query


def thread_titles(client: Client, community: Community, query: str = "") -> list[str]:
    response = client.get(community_url(community, query))
    assert response.status_code == 200
    return [thread.title for thread in response.context["page"].items]


# Tags


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Hand hygiene, gloves", ["hand-hygiene", "gloves"]),
        ("HAND-HYGIENE,  hand  hygiene ,", ["hand-hygiene"]),
        ("نظافة اليدين، قفازات", ["نظافة-اليدين", "قفازات"]),
        ("手卫生，手套、口罩", ["手卫生", "手套", "口罩"]),
        ("Vacunación", ["vacunación"]),
        ("", []),
        (["Triage", " triage "], ["triage"]),
    ],
)
def test_tags_are_kept_in_one_form_in_every_script(
    typed: str | list[str], expected: list[str]
) -> None:
    assert tags.parse(typed) == expected


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("a, b, c, d, e, f", "too_many_tags"),
        ("<script>", "invalid_tag"),
        ("x" * 31, "invalid_tag"),
        ("drop;table", "invalid_tag"),
        ("a," * 300, "invalid_tag"),
    ],
)
def test_bad_tags_are_refused_with_a_code(typed: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        tags.parse(typed)
    assert refused.value.code == code
    assert "tags" in refused.value.fields


def test_a_thread_started_with_tags_is_found_under_each(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:new_thread", args=[space.community.slug]),
        {
            "title": "Gloves for every task?",
            "kind": "question",
            "language": "en",
            "tags": "Gloves, hand hygiene",
            "body": "When are gloves needed?",
        },
    )
    assert response.status_code == 302
    assert Thread.objects.filter(title="Gloves for every task?").exists()
    page = client.get(response["Location"]).content.decode()
    assert "#gloves" in page and "#hand-hygiene" in page
    assert thread_titles(client, space.community, "?tag=Gloves") == ["Gloves for every task?"]
    assert thread_titles(client, space.community, "?tag=masks") == []
    listing = client.get(community_url(space.community)).content.decode()
    assert "?tag=gloves" in listing


def test_a_thread_with_bad_tags_is_not_started(client: Client, space: Space) -> None:
    client.force_login(space.member)
    response = client.post(
        reverse("community:new_thread", args=[space.community.slug]),
        {
            "title": "Too many",
            "kind": "discussion",
            "language": "en",
            "tags": "a, b, c, d, e, f",
            "body": "Text",
        },
    )
    assert response.status_code == 400
    assert "A thread can have at most 5 tags." in response.content.decode()
    assert not Thread.objects.filter(title="Too many").exists()


# New and unread


def test_a_thread_is_new_to_a_member_until_they_open_it(client: Client, space: Space) -> None:
    client.force_login(space.moderator)
    assert thread_titles(client, space.community, "?order=new") == ["Alcohol rub shortages"]
    listing = client.get(community_url(space.community)).content.decode()
    assert '<span class="tag">New</span>' in listing
    client.get(reverse("community:thread", args=[space.thread.uuid]))
    assert thread_titles(client, space.community, "?order=new") == []
    assert (
        '<span class="tag">New</span>'
        not in client.get(community_url(space.community)).content.decode()
    )


def test_threads_from_before_a_member_joined_are_not_new_to_them(
    client: Client, space: Space
) -> None:
    later = MembershipFactory.create(community=space.community)
    client.force_login(later.user)
    assert thread_titles(client, space.community, "?order=new") == []


def test_threads_older_than_two_weeks_are_not_new(client: Client, space: Space) -> None:
    Membership.objects.filter(user=space.moderator).update(
        created_at=timezone.now() - timedelta(days=60)
    )
    Thread.objects.filter(pk=space.thread.pk).update(created_at=timezone.now() - timedelta(days=15))
    client.force_login(space.moderator)
    assert thread_titles(client, space.community, "?order=new") == []


def test_replies_after_a_visit_are_counted_unread_and_lead_to_the_first_of_them(
    client: Client, space: Space
) -> None:
    client.force_login(space.moderator)
    client.get(reverse("community:thread", args=[space.thread.uuid]))
    writers = [MembershipFactory.create(community=space.community).user for _ in range(3)]
    for number in range(22):
        posting.reply(writers[number % 3], space.thread, f"Reply {number}")
    listing = client.get(community_url(space.community))
    (thread,) = listing.context["page"].items
    assert thread.unread_replies == 22
    assert "22 unread" in listing.content.decode()
    assert f"{space.thread.uuid}/?page=1" in listing.content.decode()
    # Page 1 shows the opening post and 19 replies: three stay unread, on page 2.
    client.get(reverse("community:thread", args=[space.thread.uuid]))
    (thread,) = client.get(community_url(space.community, "?order=unread")).context["page"].items
    assert thread.unread_replies == 3
    assert thread.first_unread_page == 2
    # Going back to page 1 does not make them unread again; page 2 reads them.
    client.get(reverse("community:thread", args=[space.thread.uuid]) + "?page=2")
    client.get(reverse("community:thread", args=[space.thread.uuid]) + "?page=1")
    assert thread_titles(client, space.community, "?order=unread") == []


def test_mark_all_read_clears_new_and_unread_for_that_member_only(
    client: Client, space: Space
) -> None:
    posting.start_thread(space.member, space.community, title="Second", body="Text")
    client.force_login(space.moderator)
    assert len(thread_titles(client, space.community, "?order=new")) == 2
    response = client.post(reverse("community:mark_read", args=[space.community.slug]))
    assert response.status_code == 302
    assert "2 threads marked as read." in client.get(response["Location"]).content.decode()
    assert thread_titles(client, space.community, "?order=new") == []
    posting.reply(space.member, space.thread, "Later reply")
    assert thread_titles(client, space.community, "?order=unread") == ["Alcohol rub shortages"]
    other = MembershipFactory.create(community=space.community, created_at=timezone.now())
    assert ThreadRead.objects.filter(user=other.user).count() == 0


def test_mark_all_read_needs_a_login_and_a_readable_community(client: Client, space: Space) -> None:
    url = reverse("community:mark_read", args=[space.community.slug])
    assert client.post(url).status_code == 302  # to the login page
    closed = CommunityFactory.create(access=Community.Access.INVITATION)
    client.force_login(UserFactory.create())
    assert client.post(reverse("community:mark_read", args=[closed.slug])).status_code == 404
    assert client.get(url).status_code == 405
    assert ThreadRead.objects.exclude(user=space.member).count() == 0


def test_visitors_see_no_new_or_unread_choices(client: Client, space: Space) -> None:
    page = client.get(community_url(space.community)).content.decode()
    assert "?order=top" in page
    assert "?order=unread" not in page and "?order=new" not in page
    assert thread_titles(client, space.community, "?order=unread") == []


# Orders


def test_top_unanswered_and_latest_orders(client: Client, space: Space) -> None:
    quiet = posting.start_thread(
        space.member, space.community, title="Quiet question", body="Anyone?", kind="question"
    )
    busy = posting.start_thread(space.member, space.community, title="Busy", body="Text")
    for answer in ("Yes", "Yes, twice"):
        posting.reply(space.moderator, busy, answer)
    client.force_login(space.member)
    assert thread_titles(client, space.community, "?order=top") == [
        "Busy",
        "Quiet question",
        "Alcohol rub shortages",
    ]
    # One reply with three reactions outweighs two replies.
    reply = posting.reply(space.moderator, space.thread, "Gel")
    for _ in range(3):
        reader = MembershipFactory.create(community=space.community).user
        assert posting.react(reader, reply, Reaction.Kind.HELPFUL)
    assert thread_titles(client, space.community, "?order=top") == [
        "Alcohol rub shortages",
        "Busy",
        "Quiet question",
    ]
    assert thread_titles(client, space.community, "?order=unanswered") == ["Quiet question"]
    assert thread_titles(client, space.community) == [
        "Alcohol rub shortages",
        "Busy",
        "Quiet question",
    ]
    assert quiet.reply_count == 0


def test_an_unknown_order_is_refused_with_a_code(client: Client, space: Space) -> None:
    response = client.get(community_url(space.community, "?order=oldest"))
    assert response.status_code == 400
    assert "Choose one of the orders offered." in response.content.decode()


# API


def test_api_lists_threads_with_what_is_new_to_the_caller(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    api_client.force_login(space.moderator)
    url = f"/api/v1/communities/{space.community.slug}/threads"
    (item,) = api_client.get(url).json()["items"]
    assert item["title"] == "Alcohol rub shortages"
    assert item["is_new"] is True and item["unread_replies"] is None
    response = api_client.post(f"/api/v1/community-threads/{space.thread.uuid}/read")
    assert response.status_code == 204
    posting.reply(space.member, space.thread, "More")
    (item,) = api_client.get(url).json()["items"]
    assert item["is_new"] is False and item["unread_replies"] == 1
    marked = api_client.post(f"/api/v1/communities/{space.community.slug}/read").json()
    assert marked == {"threads": 1}
    assert api_client.get(url + "?order=unread").json()["items"] == []


def test_api_starts_a_thread_with_tags(api_client: SchemaCheckedClient, space: Space) -> None:
    api_client.force_login(space.member)
    response = api_client.post(
        f"/api/v1/communities/{space.community.slug}/threads",
        data={
            "title": "Guantes",
            "body": "¿Cuándo usar guantes?",
            "language": "es",
            "tags": ["Guantes", "higiene de manos"],
        },
    )
    assert response.status_code == 201
    assert response.json()["tags"] == ["guantes", "higiene-de-manos"]
    listed = api_client.get(
        f"/api/v1/communities/{space.community.slug}/threads?tag=guantes"
    ).json()
    assert [item["title"] for item in listed["items"]] == ["Guantes"]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (
            {"title": "T", "body": "B", "language": "en", "tags": ["a"] * 3 + list("bcdef")},
            "too_many_tags",
        ),
        ({"title": "T", "body": "B", "language": "en", "tags": ["<b>"]}, "invalid_tag"),
        ({"title": "T", "body": "B", "language": "en", "tags": "gloves"}, "invalid_input"),
        ({"title": "", "body": "B", "language": "en"}, "invalid_input"),
        ({"title": "T", "body": "B", "language": "xx"}, "unknown_language"),
    ],
)
def test_api_bad_thread_input_changes_nothing(
    api_client: SchemaCheckedClient, space: Space, data: dict[str, object], code: str
) -> None:
    api_client.force_login(space.member)
    response = api_client.post(f"/api/v1/communities/{space.community.slug}/threads", data=data)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code
    assert Thread.objects.count() == 1


def test_api_threads_of_a_closed_community_are_not_listed_or_started(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    closed = CommunityFactory.create(access=Community.Access.INVITATION)
    api_client.force_login(UserFactory.create())
    assert api_client.get(f"/api/v1/communities/{closed.slug}/threads").status_code == 404
    response = api_client.post(
        f"/api/v1/communities/{space.community.slug}/threads",
        data={"title": "T", "body": "B", "language": "en"},
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "not_a_member"
    assert (
        api_client.get(
            f"/api/v1/communities/{space.community.slug}/threads?order=sideways"
        ).status_code
        == 400
    )
    assert Thread.objects.count() == 1
