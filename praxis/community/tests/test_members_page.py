"""A community's members page for its moderators: who is a member, searched and page by page,
and removing a member in one confirmed step, with an optional reason they are shown; and
blocking from a member's page, asked first."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.template.defaultfilters import date as shown_date
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.community.models import Block, Community, Membership, ModerationAction
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory, ModeratorFactory
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db


def _members_url(space: Space, **query: str) -> str:
    url = reverse("community:members", args=[space.community.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _removal_url(space: Space, handle: str) -> str:
    return reverse("community:remove_member", args=[space.community.slug, handle])


def _counted(space: Space) -> None:
    """The members the factories made, counted as joining counts them."""
    Community.objects.filter(pk=space.community.pk).update(
        member_count=Membership.objects.filter(community=space.community).count()
    )


def _rows(page: str) -> list[str]:
    return re.findall(r"<tr>.*?</tr>", page.split("<tbody>")[1], re.S)


def test_moderator_finds_the_members_page_from_the_queue_and_sees_each_member(
    client: Client, space: Space
) -> None:
    until = timezone.now() + timedelta(days=3)
    Membership.objects.filter(pk=space.member_ship.pk).update(suspended_until=until)
    client.force_login(space.moderator)
    queue = client.get(reverse("community:queue", args=[space.community.slug])).content.decode()
    assert f'href="{_members_url(space)}"' in queue

    page = client.get(_members_url(space)).content.decode()
    moderator_row, member_row = _rows(page)
    assert space.moderator.full_name in moderator_row and "@mod" in moderator_row
    assert "Moderator" in moderator_row
    assert space.member.full_name in member_row and "@amina" in member_row
    assert "Member" in member_row
    assert shown_date(space.member_ship.created_at, "DATE_FORMAT") in member_row
    assert shown_date(until, "DATETIME_FORMAT") in member_row
    assert "2 members" in page


def test_members_are_searched_by_name_or_handle(client: Client, space: Space) -> None:
    MembershipFactory.create(
        community=space.community, profile="kofi-mensah", user__full_name="Kofi Mensah"
    )
    client.force_login(space.moderator)
    by_name = client.get(_members_url(space, q="mensah")).content.decode()
    assert [("@kofi-mensah" in row) for row in _rows(by_name)] == [True]
    by_handle = client.get(_members_url(space, q="%40amin")).content.decode()
    assert [("@amina" in row) for row in _rows(by_handle)] == [True]
    nobody = client.get(_members_url(space, q="zzz")).content.decode()
    assert "No member’s name or handle contains “zzz”." in nobody
    too_long = client.get(_members_url(space, q="x" * 101))
    assert too_long.status_code == 400
    assert "Ensure this value has at most 100 characters" in too_long.content.decode()


def test_members_come_page_by_page_in_the_same_number_of_queries(
    client: Client, space: Space, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    client.force_login(space.moderator)
    client.get(_members_url(space))
    with CaptureQueriesContext(connection) as few:
        client.get(_members_url(space))
    MembershipFactory.create_batch(28, community=space.community)
    with django_assert_num_queries(len(few)):
        first = client.get(_members_url(space)).content.decode()
    assert len(_rows(first)) == 25 and "Page 1 of 2" in first
    second = client.get(_members_url(space, page="2")).content.decode()
    assert len(_rows(second)) == 5 and "Page 2 of 2" in second


def test_a_plain_member_is_refused_and_an_outsider_does_not_see_an_invitation_only_one(
    client: Client, space: Space
) -> None:
    client.force_login(space.member)
    refused = client.get(_members_url(space))
    assert refused.status_code == 403
    assert "@mod" not in refused.content.decode()
    assert client.get(_removal_url(space, "mod")).status_code == 403
    circle = CommunityFactory.create(access=Community.Access.INVITATION)
    MembershipFactory.create(community=circle, profile="hidden-nurse")
    client.force_login(UserFactory.create())
    response = client.get(reverse("community:members", args=[circle.slug]))
    assert response.status_code == 404
    assert "hidden-nurse" not in response.content.decode()


def test_removing_is_one_confirmed_step_with_a_reason_and_ends_the_membership(
    client: Client, space: Space
) -> None:
    Community.objects.filter(pk=space.community.pk).update(access=Community.Access.INVITATION)
    _counted(space)
    client.force_login(space.moderator)
    page = client.get(_members_url(space)).content.decode()
    member_row = _rows(page)[1]
    confirm = member_row.split('<details class="confirm">')[1].split("</details>")[0]
    assert "<summary>Remove from the community</summary>" in confirm
    assert f'action="{_removal_url(space, "amina")}"' in confirm
    assert '<input type="hidden" name="action" value="remove">' in confirm
    # The reason is asked in the same step, labelled, and not required.
    assert '<label for="id_removal_' in confirm and "Reason (shown to the member)" in confirm
    assert 'name="reason"' in confirm and "(required)" not in confirm
    assert "will no longer be a member" in confirm and "Next, give the reason" not in page
    assert "Remove from the community" not in _rows(page)[0]  # not oneself

    done = client.post(
        _removal_url(space, "amina"), {"action": "remove", "reason": "Selling gloves"}, follow=True
    )
    assert "Done. The action is logged and shown to the member." in done.content.decode()
    assert "@amina" not in done.content.decode()
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.LEFT
    assert Community.objects.get(pk=space.community.pk).member_count == 1
    action = ModerationAction.objects.get(kind=ModerationAction.Kind.REMOVE_MEMBER)
    assert (action.member, action.moderator, action.reason) == (
        space.member,
        space.moderator,
        "Selling gloves",
    )

    client.force_login(space.member)
    (notice,) = Notice.objects.filter(person=space.member, kind="moderation")
    assert notice.link == reverse("community:moderation_record")
    centre = client.get(reverse("notifications:centre")).content.decode()
    assert f"A moderator removed you from {space.community.name}." in centre
    record = client.get(reverse("community:moderation_record")).content.decode()
    assert "Removed a member" in record and "Selling gloves" in record
    thread = client.get(reverse("community:thread", args=[space.thread.uuid]))
    assert thread.status_code == 404


@pytest.mark.parametrize("reason", ["", "   "])
def test_removing_without_a_reason_still_tells_the_member_and_logs_it(
    client: Client, space: Space, reason: str
) -> None:
    _counted(space)
    client.force_login(space.moderator)
    done = client.post(_removal_url(space, "amina"), {"action": "remove", "reason": reason})
    assert done.status_code == 302
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.LEFT
    action = ModerationAction.objects.get(kind=ModerationAction.Kind.REMOVE_MEMBER)
    assert (action.member, action.reason) == (space.member, "")
    client.force_login(space.member)
    centre = client.get(reverse("notifications:centre")).content.decode()
    assert f"A moderator removed you from {space.community.name}." in centre
    assert "Removed a member" in client.get(reverse("community:moderation_record")).content.decode()


def test_a_long_reason_is_refused_beside_it_and_changes_nothing(
    client: Client, space: Space
) -> None:
    client.force_login(space.moderator)
    response = client.post(_removal_url(space, "amina"), {"action": "remove", "reason": "x" * 501})
    assert response.status_code == 400
    page = response.content.decode()
    # Beside the reason's box: between the field's label and the box itself.
    field = page.split('class="field has-error"')[1].split("<textarea")[0]
    assert "Reason (shown to the member)" in field
    assert "Keep the reason under 500 characters." in field
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.ACTIVE
    assert not ModerationAction.objects.exists()
    assert not Notice.objects.filter(kind="moderation").exists()


def test_the_removal_page_asks_without_removing(client: Client, space: Space) -> None:
    client.force_login(space.moderator)
    for response in (
        client.get(_removal_url(space, "amina")),
        client.post(_removal_url(space, "amina"), {"reason": "Spam"}),
    ):
        assert response.status_code == 200
        assert 'name="reason"' in response.content.decode()
    assert Membership.objects.get(pk=space.member_ship.pk).status == Membership.Status.ACTIVE
    assert not ModerationAction.objects.exists()


def test_removing_twice_or_an_unknown_handle_changes_nothing(client: Client, space: Space) -> None:
    _counted(space)
    client.force_login(space.moderator)
    data = {"action": "remove", "reason": "Spam"}
    client.post(_removal_url(space, "amina"), data)
    again = client.post(_removal_url(space, "amina"), data)
    assert again.status_code == 400
    assert "This person is not a member here." in again.content.decode()
    assert ModerationAction.objects.count() == 1
    assert client.get(_removal_url(space, "amina")).status_code == 404
    assert client.post(_removal_url(space, "nobody-here"), data).status_code == 404
    assert Community.objects.get(pk=space.community.pk).member_count == 1
    assert Notice.objects.filter(kind="moderation").count() == 1


def test_a_moderator_removes_neither_themselves_nor_another_moderator(
    client: Client, space: Space
) -> None:
    ModeratorFactory.create(community=space.community, profile="second-mod")
    client.force_login(space.moderator)
    page = client.get(_members_url(space)).content.decode()
    assert [("Remove from the community" in row) for row in _rows(page)] == [False, False, True]
    data = {"action": "remove", "reason": "Tidying"}
    itself = client.post(_removal_url(space, "mod"), data)
    assert itself.status_code == 400
    assert "You cannot remove yourself: leave the community instead." in itself.content.decode()
    other = client.post(_removal_url(space, "second-mod"), data)
    assert other.status_code == 403
    assert "Only the academy&#x27;s staff can remove a moderator." in other.content.decode()
    assert client.get(_removal_url(space, "second-mod")).status_code == 403
    assert (
        Membership.objects.filter(
            community=space.community, role=Membership.Role.MODERATOR, status="active"
        ).count()
        == 2
    )


def test_staff_remove_a_moderator_but_never_the_last_one(client: Client, space: Space) -> None:
    second = ModeratorFactory.create(community=space.community, profile="second-mod")
    _counted(space)
    client.force_login(StaffFactory.create())
    page = client.get(_members_url(space)).content.decode()
    assert [("Remove from the community" in row) for row in _rows(page)] == [True, True, True]
    data = {"action": "remove", "reason": "Stepped down"}
    assert client.post(_removal_url(space, "second-mod"), data).status_code == 302
    second.refresh_from_db()
    assert (second.status, second.role) == (Membership.Status.LEFT, Membership.Role.MEMBER)
    last = client.post(_removal_url(space, "mod"), data)
    assert last.status_code == 409
    assert "A community keeps at least one moderator" in last.content.decode()
    assert Membership.objects.get(community=space.community, user=space.moderator).status == (
        Membership.Status.ACTIVE
    )


def test_block_on_a_members_page_asks_first(client: Client, space: Space) -> None:
    client.force_login(space.moderator)
    page = client.get(reverse("community:member", args=["amina"])).content.decode()
    confirm = page.split('<details class="confirm">')[1].split("</details>")[0]
    assert "<summary>Block</summary>" in confirm
    assert f'action="{reverse("community:block", args=["amina"])}"' in confirm
    assert "can send the other private messages until you unblock them." in confirm
    assert ">Yes, block</button>" in confirm
    client.post(reverse("community:block", args=["amina"]))
    assert Block.objects.filter(blocker=space.moderator, blocked=space.member).exists()
    blocked = client.get(reverse("community:member", args=["amina"])).content.decode()
    assert '<details class="confirm">' not in blocked and ">Unblock</button>" in blocked
