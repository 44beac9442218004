"""E-mail about new posts: immediately, in digests that never repeat, and one-click unsubscribe."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.community import notices
from praxis.community.models import Community, Membership, SentItem
from praxis.community.services import membership as memberships
from praxis.community.services import notifying, posting
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory
from praxis.core.errors import ErrorCode, PraxisError
from praxis.notifications import services as notification_services
from praxis.notifications.kinds import Delivery

pytestmark = pytest.mark.django_db


def reader(space: Space, email: str) -> Membership:
    return MembershipFactory.create(community=space.community, email=email)


def test_immediate_member_gets_one_email_with_an_unsubscribe_link(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    membership = reader(space, Membership.Email.IMMEDIATELY)
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.member, space.thread, "Ethanol works")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [membership.user.email]
    assert "Ethanol works" in message.body
    assert "/community/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_author_and_muted_members_get_no_immediate_email(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    space.member_ship.email = Membership.Email.IMMEDIATELY
    space.member_ship.save()
    muted = reader(space, Membership.Email.IMMEDIATELY)
    memberships.set_thread_subscription(muted.user, space.thread, "mute")
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.member, space.thread, "Ethanol works")
    assert mail.outbox == []


def test_a_member_emailed_the_mention_notice_gets_no_second_email_for_the_post(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    space.member_ship.email = Membership.Email.IMMEDIATELY
    space.member_ship.save()
    notification_services.set_preferences(space.member, {notices.mention.key: Delivery.EMAIL})
    other = reader(space, Membership.Email.IMMEDIATELY)
    with django_capture_on_commit_callbacks(execute=True):
        posting.reply(space.moderator, space.thread, "@amina see this")
    to_member = [message for message in mail.outbox if message.to == [space.member.email]]
    assert len(to_member) == 1
    assert "mentioned you" in str(to_member[0].body)
    # Others who asked for every post still get theirs.
    assert [message.to for message in mail.outbox if message not in to_member] == [
        [other.user.email]
    ]


def test_held_post_sends_nothing_until_approved(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    from praxis.community.services import moderation

    reader(space, Membership.Email.IMMEDIATELY)
    Community.objects.filter(pk=space.community.pk).update(hold_first_posts=True)
    newcomer = MembershipFactory.create(community=space.community, approved_posts=0).user
    with django_capture_on_commit_callbacks(execute=True):
        post = posting.reply(newcomer, space.thread, "First words")
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        moderation.approve_post(space.moderator, post)
    assert len(mail.outbox) == 1


def test_daily_digest_lists_new_posts_and_never_repeats_them(space: Space) -> None:
    membership = reader(space, Membership.Email.DAILY)
    Membership.objects.filter(pk=membership.pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    posting.reply(space.member, space.thread, "Ethanol works")
    assert notifying.send_digests(Membership.Email.DAILY) == 1
    assert "Ethanol works" in mail.outbox[0].body
    assert "What do you use?" in mail.outbox[0].body  # the thread's opening post
    # Even if the member's clock were reset, what was sent is not sent again.
    Membership.objects.filter(pk=membership.pk).update(last_digest_at=None)
    notifying.send_digests(Membership.Email.DAILY, now=timezone.now() + timedelta(days=1))
    assert len(mail.outbox) == 1
    assert SentItem.objects.filter(user=membership.user).count() == 2


def test_digest_is_not_sent_before_its_period(space: Space) -> None:
    reader(space, Membership.Email.WEEKLY)
    posting.reply(space.member, space.thread, "One")
    notifying.send_digests(Membership.Email.WEEKLY)
    posting.reply(space.member, space.thread, "Two")
    assert (
        notifying.send_digests(Membership.Email.WEEKLY, now=timezone.now() + timedelta(days=1)) == 0
    )
    later = timezone.now() + timedelta(days=7)
    assert notifying.send_digests(Membership.Email.WEEKLY, now=later) == 1
    assert "Two" in mail.outbox[-1].body
    assert "One\n" not in mail.outbox[-1].body


def test_member_who_chose_never_gets_no_digest(space: Space) -> None:
    reader(space, Membership.Email.NEVER)
    posting.reply(space.member, space.thread, "Ethanol")
    assert notifying.send_digests(Membership.Email.DAILY) == 0
    assert mail.outbox == []


def test_unsubscribe_link_works_without_login_in_one_click(client: Client, space: Space) -> None:
    membership = reader(space, Membership.Email.DAILY)
    url = reverse("community:unsubscribe", args=[memberships.unsubscribe_token(membership)])
    page = client.get(url).content.decode()
    assert "Stop all e-mail" in page
    assert Membership.objects.get(pk=membership.pk).email == Membership.Email.DAILY
    response = client.post(url)
    assert "You will get no more e-mail" in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).email == Membership.Email.NEVER


def test_expired_unsubscribe_link_is_refused_with_a_code(
    client: Client, space: Space, monkeypatch: pytest.MonkeyPatch
) -> None:
    membership = reader(space, Membership.Email.DAILY)
    token = memberships.unsubscribe_token(membership)
    real_loads = signing.loads

    def later(token: str, *, salt: str, max_age: object = None) -> object:
        return real_loads(token, salt=salt, max_age=timedelta(seconds=-1))

    monkeypatch.setattr(signing, "loads", later)
    with pytest.raises(PraxisError) as error:
        memberships.unsubscribe(token)
    assert error.value.code == ErrorCode.UNSUBSCRIBE_LINK_EXPIRED
    response = client.post(reverse("community:unsubscribe", args=[token]))
    assert response.status_code == 400
    assert 'data-code="unsubscribe_link_expired"' in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).email == Membership.Email.DAILY


def test_altered_unsubscribe_link_is_refused(client: Client, space: Space) -> None:
    membership = reader(space, Membership.Email.DAILY)
    token = memberships.unsubscribe_token(membership) + "x"
    response = client.post(reverse("community:unsubscribe", args=[token]))
    assert 'data-code="unsubscribe_link_invalid"' in response.content.decode()
    assert Membership.objects.get(pk=membership.pk).email == Membership.Email.DAILY


def test_email_setting_must_be_a_known_option(space: Space) -> None:
    with pytest.raises(PraxisError):
        memberships.set_email(space.member, space.community, "hourly")
    memberships.set_email(space.member, space.community, "daily")
    assert Membership.objects.get(pk=space.member_ship.pk).email == "daily"


def test_mail_clients_one_click_post_needs_no_csrf_token(space: Space) -> None:
    from django.test import Client

    membership = reader(space, Membership.Email.WEEKLY)
    url = reverse("community:unsubscribe", args=[memberships.unsubscribe_token(membership)])
    response = Client(enforce_csrf_checks=True).post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Membership.objects.get(pk=membership.pk).email == Membership.Email.NEVER
