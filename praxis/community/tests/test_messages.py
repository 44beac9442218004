"""Private messages and blocking: who may write to whom, what each sees, flags to staff; on the
pages and through the API (every response checked against the OpenAPI document)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.community.models import Block, Conversation, DirectMessage, Membership
from praxis.community.services import messaging
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MemberProfileFactory, MembershipFactory
from praxis.core.errors import NotFound, PermissionDenied, ValidationFailed
from praxis.notifications.models import Notice

pytestmark = pytest.mark.django_db


def test_members_of_a_community_write_to_each_other_and_are_told(
    client: Client, space: Space
) -> None:
    client.force_login(space.moderator)
    response = client.post(
        reverse("community:new_message"), {"to": "@amina", "body": "Can you share the **recipe**?"}
    )
    assert response.status_code == 302
    conversation = Conversation.objects.get()
    (notice,) = Notice.objects.filter(person=space.member, kind="direct_message")
    assert notice.link == reverse("community:conversation", args=[conversation.uuid])

    client.force_login(space.member)
    inbox = client.get(reverse("community:inbox")).content.decode()
    assert space.moderator.full_name in inbox and "1 unread" in inbox
    page = client.get(notice.link).content.decode()
    assert "<strong>recipe</strong>" in page
    assert "1 unread" not in client.get(reverse("community:inbox")).content.decode()
    response = client.post(notice.link, {"body": "Here it is"})
    assert response.status_code == 302
    assert list(DirectMessage.objects.values_list("body", flat=True)) == [
        "Can you share the **recipe**?",
        "Here it is",
    ]
    assert Conversation.objects.count() == 1  # one conversation per pair


def test_strangers_cannot_write_and_staff_can(space: Space) -> None:
    stranger = MemberProfileFactory.create(handle="stranger").user
    with pytest.raises(PermissionDenied) as refused:
        messaging.send(stranger, space.member, "Hello")
    assert refused.value.code == "no_shared_community"
    staff = UserFactory.create(is_staff=True)
    assert messaging.send(staff, space.member, "From the academy").pk
    with pytest.raises(ValidationFailed) as to_self:
        messaging.send(space.member, space.member, "Me")
    assert to_self.value.code == "message_to_self"
    assert DirectMessage.objects.count() == 1


def test_a_block_stops_messages_both_ways_until_lifted(client: Client, space: Space) -> None:
    messaging.send(space.member, space.moderator, "First")
    client.force_login(space.member)
    response = client.post(reverse("community:block", args=["mod"]), follow=True)
    assert "Blocked: neither of you can send the other private messages." in (
        response.content.decode()
    )
    for sender, recipient in ((space.member, space.moderator), (space.moderator, space.member)):
        with pytest.raises(PermissionDenied) as refused:
            messaging.send(sender, recipient, "Again")
        assert refused.value.code == "blocked"
    conversation = Conversation.objects.get()
    page = client.get(reverse("community:conversation", args=[conversation.uuid]))
    assert "one of you has blocked the other" in page.content.decode()
    assert 'name="body"' not in page.content.decode()
    client.post(reverse("community:block", args=["mod"]), {"action": "unblock"})
    assert not Block.objects.exists()
    assert messaging.send(space.moderator, space.member, "Back").pk


def test_a_member_suspended_everywhere_they_share_cannot_write(space: Space) -> None:
    Membership.objects.filter(user=space.member).update(
        suspended_until=timezone.now() + timedelta(days=3)
    )
    with pytest.raises(PermissionDenied) as refused:
        messaging.send(space.member, space.moderator, "Hello")
    assert refused.value.code == "member_suspended"


@pytest.mark.parametrize(
    ("to", "body", "message"),
    [
        ("@amina", "", "This field is required."),
        ("@amina", "x" * 20001, "Ensure this value has at most 20000 characters"),
        ("@nobody", "Hi", "No member has the handle @nobody."),
        ("", "Hi", "This field is required."),
    ],
)
def test_bad_messages_change_nothing(
    client: Client, space: Space, to: str, body: str, message: str
) -> None:
    client.force_login(space.moderator)
    response = client.post(reverse("community:new_message"), {"to": to, "body": body})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DirectMessage.objects.exists() and not Conversation.objects.exists()


def test_others_cannot_open_a_conversation_not_even_staff(client: Client, space: Space) -> None:
    message = messaging.send(space.member, space.moderator, "Private")
    url = reverse("community:conversation", args=[message.conversation.uuid])
    for outsider in (UserFactory.create(), UserFactory.create(is_staff=True)):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "Intrude"}).status_code == 404
    assert DirectMessage.objects.count() == 1


def test_a_flagged_message_reaches_staff_who_may_hide_it(client: Client, space: Space) -> None:
    message = messaging.send(space.member, space.moderator, "Buy my course")
    with pytest.raises(ValidationFailed) as own:
        messaging.flag(space.member, message, "")
    assert own.value.code == "own_message"
    client.force_login(space.moderator)
    client.post(reverse("community:flag_message", args=[message.pk]), {"note": "Spam"})
    staff = UserFactory.create(is_staff=True)
    client.force_login(staff)
    queue = client.get(reverse("community:flagged_messages")).content.decode()
    assert "Buy my course" in queue and "Spam" in queue
    client.post(reverse("community:moderate_message", args=[message.pk]), {"action": "hide"})
    message.refresh_from_db()
    assert message.status == DirectMessage.Status.HIDDEN and message.flagged_at is None
    client.force_login(space.moderator)
    page = client.get(reverse("community:conversation", args=[message.conversation.uuid]))
    assert "removed by the academy" in page.content.decode()
    assert "Buy my course" not in page.content.decode()
    # Unflagged messages stay out of staff's reach; members do not reach the staff's list.
    other = messaging.send(space.moderator, space.member, "Fine")
    with pytest.raises(NotFound):
        messaging.moderate(staff, other, "hide")
    assert client.get(reverse("community:flagged_messages")).status_code == 403


# API


def test_api_conversations(api_client: SchemaCheckedClient, space: Space) -> None:
    api_client.force_login(space.moderator)
    sent = api_client.post("/api/v1/me/conversations", data={"to": "amina", "body": "Hi *you*"})
    assert sent.status_code == 201
    conversation = sent.json()["conversation"]
    api_client.force_login(space.member)
    (item,) = api_client.get("/api/v1/me/conversations").json()["items"]
    assert item["unread"] == 1 and item["correspondent"]["handle"] == "mod"
    shown = api_client.get(f"/api/v1/me/conversations/{conversation}").json()
    assert [m["html"].strip() for m in shown["messages"]] == ["<p>Hi <em>you</em></p>"]
    answer = api_client.post(
        f"/api/v1/me/conversations/{conversation}/messages", data={"body": "Hello"}
    )
    assert answer.status_code == 201
    assert api_client.get("/api/v1/me/conversations").json()["items"][0]["unread"] == 0
    assert api_client.post("/api/v1/me/blocks", data={"handle": "mod"}).status_code == 204
    refused = api_client.post(
        f"/api/v1/me/conversations/{conversation}/messages", data={"body": "More"}
    )
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "blocked"
    assert api_client.delete("/api/v1/me/blocks/mod").status_code == 204


def test_api_refuses_bad_input_and_other_peoples_conversations(
    api_client: SchemaCheckedClient, space: Space
) -> None:
    message = messaging.send(space.member, space.moderator, "Private")
    api_client.force_login(MembershipFactory.create(community=space.community).user)
    response = api_client.get(f"/api/v1/me/conversations/{message.conversation.uuid}")
    assert response.status_code == 404
    unknown = api_client.post("/api/v1/me/conversations", data={"to": "nobody", "body": "Hi"})
    assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "unknown_handle"
    for data, code in (
        ({"to": "amina", "body": ""}, "invalid_input"),
        ({"to": "amina"}, "invalid_input"),
        ({"to": ["amina"], "body": "Hi"}, "invalid_input"),
    ):
        refused = api_client.post("/api/v1/me/conversations", data=data)
        assert refused.status_code == 400
        assert refused.json()["error"]["code"] == code
    assert DirectMessage.objects.count() == 1
    api_client.logout()
    assert api_client.get("/api/v1/me/conversations").status_code == 401


@pytest.mark.parametrize(
    ("language", "hint"),
    [
        ("en", "The name shown after “@” on their posts and member page; the “@” is optional."),
        ("zh-hans", None),
        ("ru", None),
    ],
)
def test_the_to_field_has_no_untranslated_placeholder_and_a_hint(
    client: Client, space: Space, language: str, hint: str | None
) -> None:
    client.force_login(space.member)
    page = client.get(reverse("community:new_message"), HTTP_ACCEPT_LANGUAGE=language)
    html = page.content.decode()
    field = html[html.index('name="to"') - 200 : html.index('name="to"') + 300]
    assert "placeholder" not in field and "@handle" not in html
    assert 'id="id_to_helptext"' in html and 'aria-describedby="id_to_helptext"' in html
    if hint is not None:
        assert hint in html
