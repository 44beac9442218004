"""Moderators: holds, hides, locks, pins, moves, suspensions, join requests, in their own
communities only, every action logged for the member concerned."""

from __future__ import annotations

import pytest
from django.test import Client

from praxis.accounts.tests.factories import StaffFactory
from praxis.community.models import (
    Community,
    Flag,
    Membership,
    ModerationAction,
    Post,
    Thread,
)
from praxis.community.services import membership as memberships
from praxis.community.services import moderation, posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import CommunityFactory, MembershipFactory, ModeratorFactory
from praxis.core.errors import ErrorCode, PraxisError
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db


def test_approving_a_held_first_post_shows_the_thread(space: Space) -> None:
    Community.objects.filter(pk=space.community.pk).update(hold_first_posts=True)
    newcomer = MembershipFactory.create(community=space.community, approved_posts=0).user
    thread = posting.start_thread(newcomer, space.community, title="Hello", body="New here")
    assert not thread.is_visible
    moderation.approve_post(space.moderator, thread.posts.get())
    thread.refresh_from_db()
    assert thread.is_visible
    assert Community.objects.get(pk=space.community.pk).thread_count == 2
    assert Membership.objects.get(user=newcomer).approved_posts == 1


def test_hiding_needs_a_reason_and_tells_the_member(space: Space) -> None:
    post = posting.reply(space.member, space.thread, "Rude words")
    with pytest.raises(PraxisError):
        moderation.hide_post(space.moderator, post, "  ")
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE
    moderation.hide_post(space.moderator, post, "Be kind")
    assert Post.objects.get(pk=post.pk).status == Post.Status.HIDDEN
    assert Thread.objects.get(pk=space.thread.pk).reply_count == 0
    assert Notice.objects.filter(person=space.member, kind="moderation").exists()
    assert ModerationAction.objects.get(member=space.member).reason == "Be kind"


def test_hiding_resolves_the_flags(space: Space) -> None:
    post = posting.reply(space.member, space.thread, "Spam")
    posting.flag_post(space.moderator, post, "spam")
    moderation.hide_post(space.moderator, post, "Spam")
    assert Flag.objects.get().resolved_at is not None


def test_moderator_cannot_act_outside_their_community(space: Space) -> None:
    elsewhere = ModeratorFactory.create(community=CommunityFactory.create()).user
    post = posting.reply(space.member, space.thread, "Fine post")
    with pytest.raises(PraxisError) as error:
        moderation.hide_post(elsewhere, post, "Overreach")
    assert error.value.code == ErrorCode.PERMISSION_DENIED
    with pytest.raises(PraxisError):
        moderation.set_locked(elsewhere, space.thread, True)
    with pytest.raises(PraxisError):
        moderation.suspend_member(elsewhere, space.community, space.member, 3, "Overreach")
    assert not ModerationAction.objects.exists()
    assert Post.objects.get(pk=post.pk).status == Post.Status.VISIBLE


def test_member_cannot_moderate(space: Space) -> None:
    with pytest.raises(PraxisError):
        moderation.set_pinned(space.member, space.thread, True)
    assert not Thread.objects.get(pk=space.thread.pk).is_pinned


def test_lock_and_pin_are_logged(space: Space) -> None:
    moderation.set_locked(space.moderator, space.thread, True, "Resolved")
    moderation.set_pinned(space.moderator, space.thread, True)
    thread = Thread.objects.get(pk=space.thread.pk)
    assert thread.is_locked and thread.is_pinned
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == ["pin", "lock"]


def test_move_needs_moderation_of_both_communities(space: Space) -> None:
    target = CommunityFactory.create()
    with pytest.raises(PraxisError):
        moderation.move_thread(space.moderator, space.thread, target, "Better there")
    ModeratorFactory.create(community=target, user=space.moderator)
    moderation.move_thread(space.moderator, space.thread, target, "Better there")
    assert Thread.objects.get(pk=space.thread.pk).community == target
    assert Community.objects.get(pk=target.pk).thread_count == 1
    assert Community.objects.get(pk=space.community.pk).thread_count == 0


def test_staff_moderate_everywhere(space: Space) -> None:
    staff = StaffFactory.create()
    moderation.set_locked(staff, space.thread, True)
    assert Thread.objects.get(pk=space.thread.pk).is_locked


@pytest.mark.parametrize("days", [-1, 366, "3"])
def test_suspension_needs_a_sensible_period(space: Space, days: int | str) -> None:
    with pytest.raises(PraxisError):
        moderation.suspend_member(space.moderator, space.community, space.member, days, "x")  # type: ignore[arg-type]  # a string on purpose
    assert Membership.objects.get(pk=space.member_ship.pk).suspended_until is None


def test_suspension_is_logged_with_its_end_and_can_be_lifted(space: Space) -> None:
    moderation.suspend_member(space.moderator, space.community, space.member, 7, "Spam")
    action = ModerationAction.objects.get(kind="suspend")
    assert action.until is not None and action.member == space.member
    moderation.suspend_member(space.moderator, space.community, space.member, 0, "Appeal granted")
    assert posting.reply(space.member, space.thread, "Back").position == 1
    lifted = ModerationAction.objects.get(kind=ModerationAction.Kind.UNSUSPEND)
    assert (lifted.member, lifted.reason, lifted.until) == (space.member, "Appeal granted", None)
    assert lifted.get_kind_display() == "Lifted a suspension"
    action.refresh_from_db()
    assert action.ended_at is not None and action.ended_at < action.until
    assert action.ends_at == action.ended_at


def test_only_a_current_suspension_can_be_lifted(space: Space) -> None:
    with pytest.raises(PraxisError) as refused:
        moderation.suspend_member(space.moderator, space.community, space.member, 0, "Appeal")
    assert refused.value.fields == {"days": ["This member is not suspended."]}
    assert not ModerationAction.objects.filter(member=space.member).exists()


def test_a_new_suspension_ends_the_one_it_replaces(space: Space) -> None:
    moderation.suspend_member(space.moderator, space.community, space.member, 30, "Spam")
    moderation.suspend_member(space.moderator, space.community, space.member, 2, "Reduced")
    first, second = ModerationAction.objects.filter(kind="suspend").order_by("id")
    assert first.ended_at is not None and first.ends_at == first.ended_at
    assert second.ended_at is None and second.ends_at == second.until


def test_join_request_is_approved_by_a_moderator(space: Space) -> None:
    community = CommunityFactory.create(access=Community.Access.REQUEST)
    moderator = ModeratorFactory.create(community=community).user
    applicant = MembershipFactory.build().user
    applicant.save()
    request = memberships.join(applicant, community)
    assert request.status == Membership.Status.REQUESTED
    moderation.approve_member(moderator, request)
    assert Membership.objects.get(pk=request.pk).status == Membership.Status.ACTIVE


def test_invitation_only_community_refuses_to_be_joined(space: Space) -> None:
    community = CommunityFactory.create(access=Community.Access.INVITATION)
    with pytest.raises(PraxisError) as error:
        memberships.join(space.member, community)
    assert error.value.code == ErrorCode.MEMBERSHIP_CLOSED
    assert not Membership.objects.filter(community=community).exists()


def test_joining_twice_is_a_conflict(space: Space) -> None:
    with pytest.raises(PraxisError) as error:
        memberships.join(space.member, space.community)
    assert error.value.code == ErrorCode.ALREADY_IN_COMMUNITY


def test_an_approved_post_is_announced_as_approved(space: Space, client: Client) -> None:
    Community.objects.filter(pk=space.community.pk).update(hold_first_posts=True)
    newcomer = MembershipFactory.create(community=space.community, approved_posts=0).user
    thread = posting.start_thread(newcomer, space.community, title="Hello", body="New here")
    moderation.approve_post(space.moderator, thread.posts.get())
    client.force_login(newcomer)
    page = client.get("/notifications/").content.decode()
    assert "A moderator approved your post in “Hello”; it is now visible." in page
    notice = Notice.objects.get(person=newcomer)
    assert notice.link == f"/community/t/{thread.uuid}/"
    assert "acted on your contribution" not in page


def test_a_hidden_post_links_to_the_reason(space: Space, client: Client) -> None:
    post = posting.reply(space.member, space.thread, "Rude words")
    moderation.hide_post(space.moderator, post, "Be kind")
    client.force_login(space.member)
    page = client.get("/notifications/").content.decode()
    assert "A moderator hid your post in “Alcohol rub shortages”." in page
    assert Notice.objects.get(person=space.member).link == "/community/moderation-record/"
