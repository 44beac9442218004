"""A community's members through the API: listed for its moderators and staff only, and
removed, with an optional reason, under the same rules as on the members page. Every response
is checked against the OpenAPI document; a refusal changes nothing."""

from __future__ import annotations

import pytest

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.community.models import Community, Membership, ModerationAction
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory, ModeratorFactory
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _members(space: Space) -> str:
    return f"/api/v1/communities/{space.community.slug}/members"


def _count_members(space: Space) -> None:
    Community.objects.filter(pk=space.community.pk).update(
        member_count=Membership.objects.filter(community=space.community).count()
    )


def test_moderator_lists_members_searched_and_page_by_page(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    MembershipFactory.create_batch(25, community=space.community)
    api_client.client.force_login(space.moderator)
    first = api_client.get(_members(space)).json()
    assert (first["page"], first["pages"], first["total"]) == (1, 2, 27)
    assert first["items"][0]["handle"] == "mod" and first["items"][0]["role"] == "moderator"
    MembershipFactory.create(
        community=space.community, user__full_name="Benjamin Norris", profile="ben"
    )
    # Written with "@", a handle; without, a handle or a name.
    found = api_client.get(_members(space) + "?q=%40amin").json()
    assert [(m["handle"], m["name"], m["role"]) for m in found["items"]] == [
        ("amina", space.member.full_name, "member")
    ]
    either = api_client.get(_members(space) + "?q=amin").json()
    assert {"amina", "ben"} <= {m["handle"] for m in either["items"]}
    assert found["items"][0]["suspended_until"] is None
    assert api_client.get(_members(space) + "?page=2").json()["items"][-1]["handle"]


def test_members_are_not_listed_to_a_member_an_outsider_or_a_visitor(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    assert api_client.get(_members(space)).status_code == 401
    api_client.client.force_login(space.member)
    refused = api_client.get(_members(space))
    assert refused.status_code == 403 and "amina" not in refused.content.decode()
    circle = CommunityFactory.create(access=Community.Access.INVITATION)
    MembershipFactory.create(community=circle, profile="hidden-nurse")
    api_client.client.force_login(UserFactory.create())
    hidden = api_client.get(f"/api/v1/communities/{circle.slug}/members")
    assert hidden.status_code == 404 and "hidden-nurse" not in hidden.content.decode()
    gone = api_client.delete(
        f"/api/v1/communities/{circle.slug}/members/hidden-nurse", data={"reason": "x"}
    )
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "not_found"
    assert Membership.objects.get(community=circle).status == Membership.Status.ACTIVE


def test_moderator_removes_a_member_with_a_reason_once(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    _count_members(space)
    api_client.client.force_login(space.moderator)
    removed = api_client.delete(_members(space) + "/@amina", data={"reason": "Selling gloves"})
    assert removed.status_code == 204
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.LEFT
    action = ModerationAction.objects.get(kind="remove_member")
    assert (action.member, action.reason) == (space.member, "Selling gloves")
    assert Notice.objects.filter(person=space.member, kind="moderation").count() == 1
    assert [m["handle"] for m in api_client.get(_members(space)).json()["items"]] == ["mod"]

    again = api_client.delete(_members(space) + "/amina", data={"reason": "Selling gloves"})
    assert again.status_code == 400 and again.json()["error"]["code"] == "not_a_member"
    assert ModerationAction.objects.count() == 1

    api_client.client.force_login(space.member)
    record = api_client.get("/api/v1/me/moderation-record").json()
    assert [(a["kind"], a["reason"]) for a in record["items"]] == [
        ("remove_member", "Selling gloves")
    ]


@pytest.mark.parametrize("body", [{"reason": ""}, {"reason": "   "}, {}])
def test_moderator_removes_a_member_without_a_reason(
    api_client: SchemaCheckedClient, space: Space, body: dict[str, str]
) -> None:
    _count_members(space)
    api_client.client.force_login(space.moderator)
    removed = api_client.delete(_members(space) + "/amina", data=body)
    assert removed.status_code == 204
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.LEFT
    action = ModerationAction.objects.get(kind="remove_member")
    assert (action.member, action.reason) == (space.member, "")
    assert Notice.objects.filter(person=space.member, kind="moderation").count() == 1


@pytest.mark.parametrize(
    ("body", "field"),
    [({"reason": "x" * 501}, "reason"), ({"reason": ["Spam"]}, None)],
)
def test_a_long_or_malformed_reason_is_refused(
    api_client: SchemaCheckedClient,
    space: Space,
    body: dict[str, object],
    field: str | None,
) -> None:
    api_client.client.force_login(space.moderator)
    response = api_client.delete(_members(space) + "/amina", data=body)
    assert response.status_code == 400
    if field is not None:
        assert field in response.json()["error"]["fields"]
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.ACTIVE
    assert not ModerationAction.objects.exists()


def test_unknown_handle_self_other_moderator_and_last_moderator_are_refused(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    ModeratorFactory.create(community=space.community, profile="second-mod")
    api_client.client.force_login(space.moderator)
    unknown = api_client.delete(_members(space) + "/nobody-here", data={"reason": "x"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_handle"
    itself = api_client.delete(_members(space) + "/mod", data={"reason": "x"})
    assert itself.status_code == 400 and "member" in itself.json()["error"]["fields"]
    other = api_client.delete(_members(space) + "/second-mod", data={"reason": "x"})
    assert other.status_code == 403

    api_client.client.force_login(space.member)
    plain = api_client.delete(_members(space) + "/nobody-here", data={"reason": "x"})
    assert plain.status_code == 403  # a member learns nothing of which handles exist

    _count_members(space)
    api_client.client.force_login(StaffFactory.create())
    assert api_client.delete(_members(space) + "/second-mod", data={"reason": "x"}).status_code == (
        204
    )
    last = api_client.delete(_members(space) + "/mod", data={"reason": "x"})
    assert last.status_code == 409
    assert (
        Membership.objects.filter(
            community=space.community, role="moderator", status="active"
        ).count()
        == 1
    )
