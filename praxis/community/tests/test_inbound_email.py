"""Replying by e-mail and delivery failures: the addresses, the e-mail members receive, what a
received message becomes, and the door the mail server knocks at."""

from __future__ import annotations

import io
from email.message import EmailMessage

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.community.models import (
    BouncedAddress,
    InboundEmail,
    Membership,
    Post,
    Thread,
)
from praxis.community.services import inbound, posting
from praxis.community.services.notifying import notify_new_post
from praxis.community.tests.conftest import Space
from praxis.community.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

DOMAIN = "reply.praxis.example"
SECRET = "s3cret-for-the-mail-server"


@pytest.fixture(autouse=True)
def _replies_on(settings: SettingsWrapper) -> None:
    settings.COMMUNITY_REPLY_DOMAIN = DOMAIN
    settings.COMMUNITY_INBOUND_SECRET = SECRET


def message(
    to: str,
    sender: str,
    text: str = "",
    *,
    html: str = "",
    message_id: str = "<m1@mail.example>",
    **headers: str,
) -> bytes:
    mail_message = EmailMessage()
    mail_message["From"] = sender
    mail_message["To"] = to
    mail_message["Subject"] = "Re: a thread"
    mail_message["Message-ID"] = message_id
    for name, value in headers.items():
        mail_message[name.replace("_", "-")] = value
    if text:
        mail_message.set_content(text)
    if html:
        if text:
            mail_message.add_alternative(html, subtype="html")
        else:
            mail_message.set_content(html, subtype="html")
    return mail_message.as_bytes()


def answer(space: Space, text: str) -> str:
    """A reply as mail clients write it: the text on top, the e-mail received quoted below."""
    return (
        f"{text}\n\nOn Mon, 3 Dec 2026 at 09:12, Praxis <academy@praxis.example> wrote:\n"
        f"> {inbound.CUT} Reply above this line to post in the thread. {inbound.CUT}\n"
        '> \n> Amina posted in "Alcohol rub shortages":\n> What do you use?\n'
    )


def test_addresses_are_signed_for_one_person_and_thread(space: Space) -> None:
    address = inbound.reply_address(space.member, space.thread)
    assert address.startswith(f"reply+{space.member.pk}-{space.thread.pk}-")
    assert address.endswith(f"@{DOMAIN}")
    parsed = inbound.parse_address(address.upper())
    assert parsed == inbound.Address("reply", space.member.pk, space.thread.pk)
    forged = address.replace(f"+{space.member.pk}-", f"+{space.moderator.pk}-")
    assert inbound.parse_address(forged) is None
    assert inbound.parse_address(address.replace(DOMAIN, "elsewhere.example")) is None
    assert inbound.parse_address("reply+1-2@" + DOMAIN) is None
    bounce = inbound.bounce_address(space.member)
    assert inbound.parse_address(bounce) == inbound.Address("bounce", space.member.pk, None)


def test_new_post_email_can_be_answered_and_fails_back_to_the_site(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    Membership.objects.filter(user=space.moderator).update(email=Membership.Email.IMMEDIATELY)
    post = posting.reply(space.member, space.thread, "Gel from the pharmacy")
    with django_capture_on_commit_callbacks(execute=True):
        notify_new_post(post.pk)
    (sent,) = mail.outbox
    assert sent.extra_headers["Reply-To"] == inbound.reply_address(space.moderator, space.thread)
    assert sent.from_email == inbound.bounce_address(space.moderator)
    assert sent.message()["From"] == settings.DEFAULT_FROM_EMAIL
    assert sent.body.startswith(f"{inbound.CUT} Reply above this line")


def test_a_reply_by_email_is_posted_without_the_quoted_message(space: Space) -> None:
    to = inbound.reply_address(space.moderator, space.thread)
    raw = message(
        to, space.moderator.email, answer(space, "We make it in the pharmacy.\n\n-- \nDr K")
    )
    received = inbound.receive(raw)
    assert received.outcome == "posted"
    post = Post.objects.get(thread=space.thread, author=space.moderator)
    assert post.body == "We make it in the pharmacy."
    # Delivered again (mail servers retry): posted once.
    assert inbound.receive(raw).outcome == "ignored"
    assert Post.objects.filter(author=space.moderator).count() == 1
    assert InboundEmail.objects.get().post == post


def test_an_html_reply_is_read_without_its_quote(space: Space) -> None:
    to = inbound.reply_address(space.moderator, space.thread)
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Ethanol &amp; glycerol</p>"
        "<div>works</div><blockquote>What do you use?</blockquote></body></html>"
    )
    assert inbound.receive(message(to, space.moderator.email, html=html)).outcome == "posted"
    body = Post.objects.get(author=space.moderator).body
    assert "Ethanol & glycerol" in body and "works" in body
    assert "What do you use" not in body and "color" not in body


def test_mail_from_another_address_posts_nothing(space: Space) -> None:
    to = inbound.reply_address(space.moderator, space.thread)
    received = inbound.receive(message(to, "someone.else@example.org", "Spam"))
    assert received.outcome == "ignored"
    assert not Post.objects.filter(author=space.moderator).exists()
    assert mail.outbox == []


def test_a_refused_reply_is_explained_to_its_sender_but_never_to_a_robot(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    Thread.objects.filter(pk=space.thread.pk).update(is_locked=True)
    to = inbound.reply_address(space.member, space.thread)
    with django_capture_on_commit_callbacks(execute=True):
        received = inbound.receive(message(to, space.member.email, "Me too"))
    assert received.outcome == "refused"
    assert received.detail == "This thread is locked: no more replies can be added."
    (explanation,) = mail.outbox
    assert explanation.to == [space.member.email]
    assert "This thread is locked" in explanation.body
    assert explanation.extra_headers["Auto-Submitted"] == "auto-replied"
    with django_capture_on_commit_callbacks(execute=True):
        inbound.receive(
            message(
                to,
                space.member.email,
                "I am out of office",
                message_id="<m2@mail.example>",
                Auto_Submitted="auto-replied",
            )
        )
    assert len(mail.outbox) == 1
    assert Post.objects.filter(thread=space.thread).count() == 1


def test_an_empty_reply_and_a_former_member_are_refused(space: Space) -> None:
    to = inbound.reply_address(space.member, space.thread)
    assert inbound.receive(message(to, space.member.email, answer(space, ""))).outcome == (
        "refused"
    )
    Membership.objects.filter(user=space.member).update(status=Membership.Status.LEFT)
    received = inbound.receive(
        message(to, space.member.email, "Hello", message_id="<m3@mail.example>")
    )
    assert received.outcome == "refused"
    assert Post.objects.filter(thread=space.thread).count() == 1


def test_a_new_members_reply_is_held_for_review(space: Space) -> None:
    space.community.hold_first_posts = True
    space.community.save()
    newcomer = MembershipFactory.create(community=space.community, approved_posts=0).user
    to = inbound.reply_address(newcomer, space.thread)
    assert inbound.receive(message(to, newcomer.email, "First post")).outcome == "held"
    assert Post.objects.get(author=newcomer).status == Post.Status.HELD


def delivery_report(to: str, status: str) -> bytes:
    """A delivery status notification (RFC 3464) as mail servers send them."""
    return (
        "From: Mail Delivery System <MAILER-DAEMON@mail.example>\r\n"
        f"To: {to}\r\n"
        "Subject: Undelivered Mail Returned to Sender\r\n"
        f"Message-ID: <dsn-{status}@mail.example>\r\n"
        "MIME-Version: 1.0\r\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n'
        "\r\n--B\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
        "--B\r\nContent-Type: message/delivery-status\r\n\r\n"
        "Reporting-MTA: dns; mail.example\r\n\r\n"
        "Final-Recipient: rfc822; someone@example.org\r\n"
        f"Action: failed\r\nStatus: {status}\r\n"
        f"Diagnostic-Code: smtp; 550 {status} user unknown\r\n"
        "\r\n--B--\r\n"
    ).encode()


def test_a_permanent_failure_stops_community_email_to_that_address(
    space: Space, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    Membership.objects.filter(user=space.moderator).update(email=Membership.Email.IMMEDIATELY)
    bounce = inbound.bounce_address(space.moderator)
    assert inbound.receive(delivery_report(bounce, "4.2.2")).outcome == "ignored"
    assert not BouncedAddress.objects.exists()
    received = inbound.receive(delivery_report(bounce, "5.1.1"))
    assert received.outcome == "bounce"
    assert BouncedAddress.objects.get().address == space.moderator.email.lower()
    post = posting.reply(space.member, space.thread, "Gel")
    with django_capture_on_commit_callbacks(execute=True):
        notify_new_post(post.pk)
    assert mail.outbox == []
    # A new address starts e-mail again.
    space.moderator.email = "new.address@example.org"
    space.moderator.save()
    second = posting.reply(space.member, space.thread, "More gel")
    with django_capture_on_commit_callbacks(execute=True):
        notify_new_post(second.pk)
    assert [sent.to for sent in mail.outbox] == [["new.address@example.org"]]


def test_the_mail_servers_door(client: Client, space: Space, settings: SettingsWrapper) -> None:
    url = reverse("community:inbound_email")
    raw = message(
        inbound.reply_address(space.moderator, space.thread), space.moderator.email, "By HTTP"
    )
    assert client.post(url, raw, content_type="message/rfc822").status_code == 403
    wrong = client.post(
        url, raw, content_type="message/rfc822", headers={"Authorization": "Bearer nope"}
    )
    assert wrong.status_code == 403
    assert client.get(url, headers={"Authorization": f"Bearer {SECRET}"}).status_code == 405
    response = client.post(
        url, raw, content_type="message/rfc822", headers={"Authorization": f"Bearer {SECRET}"}
    )
    assert response.json() == {"outcome": "posted", "detail": ""}
    huge = b"x" * (inbound.MAX_MESSAGE_BYTES + 1)
    too_big = client.post(
        url, huge, content_type="message/rfc822", headers={"Authorization": f"Bearer {SECRET}"}
    )
    assert too_big.status_code == 413
    garbage = client.post(
        url,
        b"\x00\xff not mail",
        content_type="message/rfc822",
        headers={"Authorization": f"Bearer {SECRET}"},
    )
    assert garbage.json()["outcome"] == "ignored"
    settings.COMMUNITY_REPLY_DOMAIN = ""
    off = client.post(
        url, raw, content_type="message/rfc822", headers={"Authorization": f"Bearer {SECRET}"}
    )
    assert off.status_code == 404
    assert Post.objects.filter(author=space.moderator).count() == 1


def test_the_pipe_command(space: Space, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = message(
        inbound.reply_address(space.moderator, space.thread), space.moderator.email, "By pipe"
    )

    class Stdin:
        buffer = io.BytesIO(raw)

    monkeypatch.setattr("sys.stdin", Stdin)
    out = io.StringIO()
    call_command("receive_email", stdout=out)
    assert out.getvalue().strip() == "posted"
    assert Post.objects.get(author=space.moderator).body == "By pipe"
