"""Replying by e-mail, and what happens when community e-mail cannot be delivered.

When `COMMUNITY_REPLY_DOMAIN` is set, each new-post e-mail is sent with a Reply-To address of its
own, `reply+<person>-<thread>-<signature>@<domain>`, and from the envelope address
`bounce+<person>-<signature>@<domain>`. The mail server of that domain hands every message it
receives to `receive` (through `POST /community/inbound-email/` or `manage.py receive_email`):

- a reply becomes a post in the thread under the same rules as on the site (membership,
  suspension, locked threads, rate limits, new members' posts held for review), written by the
  person the address was made for and only when the message comes from their address; the
  quoted e-mail below the reply is left out. A refusal is explained to the sender by e-mail,
  never to an automatic message (so that two robots cannot answer each other for ever).
- a delivery report (RFC 3464) of a permanent failure stops community e-mail to that address.

Signatures are HMACs of the site's secret key: an address cannot be made up for another person
or thread. Each message is kept by its Message-ID, so that one delivered twice posts once.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import hmac
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.utils import getaddresses
from html import unescape
from html.parser import HTMLParser

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import override

from praxis.accounts.models import User
from praxis.community.models import BouncedAddress, InboundEmail, Post, Thread
from praxis.community.services import posting
from praxis.core.errors import PraxisError
from praxis.core.mail import email as plain_email
from praxis.core.ratelimit import RateLimit

SALT = "praxis.community.inbound"
SIGNATURE_LENGTH = 20  # hex digits: 80 bits
# The line above which a reply is written; found whatever the language of the words beside it.
CUT = "\u2e3b"
MAX_MESSAGE_BYTES = 10 * 1024 * 1024
Outcome = InboundEmail.Outcome


def _signature(*parts: object) -> str:
    value = "-".join(str(part) for part in parts)
    return salted_hmac(SALT, value, algorithm="sha256").hexdigest()[:SIGNATURE_LENGTH]


def enabled() -> bool:
    return bool(getattr(settings, "COMMUNITY_REPLY_DOMAIN", ""))


def reply_address(user: User, thread: Thread) -> str:
    """The address at which `user` replies to `thread` by e-mail ("" when switched off)."""
    if not enabled():
        return ""
    signature = _signature("reply", user.pk, thread.pk)
    return f"reply+{user.pk}-{thread.pk}-{signature}@{settings.COMMUNITY_REPLY_DOMAIN}"


def bounce_address(user: User) -> str:
    """The envelope sender of community e-mail to `user`: failures come back to it."""
    if not enabled():
        return ""
    return f"bounce+{user.pk}-{_signature('bounce', user.pk)}@{settings.COMMUNITY_REPLY_DOMAIN}"


@dataclass(frozen=True)
class Address:
    kind: str  # "reply" or "bounce"
    user_id: int
    thread_id: int | None


def parse_address(address: str) -> Address | None:
    """The person (and thread) a reply or bounce address was made for, if its signature holds."""
    local, _at, domain = address.strip().strip("<>").rpartition("@")
    if domain.lower() != str(getattr(settings, "COMMUNITY_REPLY_DOMAIN", "")).lower():
        return None
    kind, _plus, rest = local.lower().partition("+")
    pieces = rest.split("-")
    if kind == "reply" and len(pieces) == 3 and pieces[0].isdigit() and pieces[1].isdigit():
        user_id, thread_id = int(pieces[0]), int(pieces[1])
        if hmac.compare_digest(pieces[2], _signature("reply", user_id, thread_id)):
            return Address("reply", user_id, thread_id)
    if kind == "bounce" and len(pieces) == 2 and pieces[0].isdigit():
        user_id = int(pieces[0])
        if hmac.compare_digest(pieces[1], _signature("bounce", user_id)):
            return Address("bounce", user_id, None)
    return None


# Reading a message


class _Text(HTMLParser):
    """The visible text of an HTML body, leaving out quoted messages (blockquote)."""

    BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.quoted = 0
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "blockquote":
            self.quoted += 1
        elif tag in ("style", "script", "head"):
            self.hidden += 1
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "blockquote":
            self.quoted = max(0, self.quoted - 1)
        elif tag in ("style", "script", "head"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.quoted and not self.hidden:
            self.parts.append(data)


def _body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    content = part.get_content()
    if not isinstance(content, str):
        return ""
    if part.get_content_type() == "text/html":
        parser = _Text()
        parser.feed(content)
        return unescape("".join(parser.parts))
    return content


def reply_text(body: str) -> str:
    """What the person wrote: the text above the cut line, without the quoted message below
    it ("On … wrote:" and the lines starting with ">") or a signature ("-- ")."""
    lines = body.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for line in lines:
        if CUT in line or line.rstrip() == "--":
            break
        kept.append(line)
    while kept and (not kept[-1].strip() or kept[-1].lstrip().startswith(">")):
        kept.pop()
    # The attribution line of the quote ("On Mon, 3 Dec, Amina wrote:"): it ends with a colon
    # right above the quote, which is now gone.
    if kept and kept[-1].rstrip().endswith(":") and len(kept) < len(lines):
        kept.pop()
    return "\n".join(kept).strip()


def _automatic(message: Message) -> bool:
    auto = str(message.get("Auto-Submitted", "no")).strip().lower()
    precedence = str(message.get("Precedence", "")).strip().lower()
    sender = str(message.get("From", "")).lower()
    return (
        auto != "no"
        or precedence in ("bulk", "list", "junk", "auto_reply")
        or "mailer-daemon" in sender
        or "postmaster@" in sender
        or message.get("X-Autoreply") is not None
    )


def _recipients(message: Message, recipient: str) -> list[str]:
    found = [recipient] if recipient else []
    for header in ("Delivered-To", "X-Original-To", "To", "Cc"):
        found += [address for _name, address in getaddresses(message.get_all(header, []))]
    return found


# Receiving


@dataclass(frozen=True)
class Received:
    outcome: str
    detail: str = ""


def _refusal_limit() -> RateLimit:
    return RateLimit("community.email-refusal", 3, 3600)


def _tell_sender(user: User, thread: Thread, reason: str) -> None:
    """Explain to `user`, in their language, why their e-mail was not posted (at most three
    such e-mails an hour)."""
    limit = _refusal_limit()
    if limit.exceeded(str(user.pk)):
        return
    limit.hit(str(user.pk))
    with override(user.preferred_language or settings.LANGUAGE_CODE):
        subject = _("Your reply to “%(thread)s” was not posted") % {"thread": thread.title}
        body = _(
            "Your e-mail reply to “%(thread)s” could not be posted: %(reason)s\n\n"
            "You can reply on the site: %(url)s"
        ) % {"thread": thread.title, "reason": reason, "url": _thread_url(thread)}
    message = plain_email(user.email, subject, body, headers={"Auto-Submitted": "auto-replied"})
    transaction.on_commit(message.send)


def _thread_url(thread: Thread) -> str:
    return settings.SITE_URL + reverse("community:thread", args=[thread.uuid])


def _record(message_id: str, recipient: str, **fields: object) -> bool:
    """Keep the message; False if one with this Message-ID was received before."""
    try:
        with transaction.atomic():
            InboundEmail.objects.create(message_id=message_id, recipient=recipient[:254], **fields)
    except IntegrityError:
        return False
    return True


def _reply(message: EmailMessage, message_id: str, address: Address, to: str) -> Received:
    user = User.objects.filter(pk=address.user_id, is_active=True).first()
    thread = Thread.objects.select_related("community").filter(pk=address.thread_id or 0).first()
    if user is None or thread is None:
        _record(message_id, to, outcome=Outcome.IGNORED, detail="unknown person or thread")
        return Received(Outcome.IGNORED, "unknown person or thread")
    senders = [address for _name, address in getaddresses(message.get_all("From", []))]
    if not senders or senders[0].lower() != user.email.lower():
        # Someone else's mail to a forwarded reply address: not theirs to post.
        _record(
            message_id,
            to,
            user=user,
            thread=thread,
            outcome=Outcome.IGNORED,
            detail="sender is not the address's owner",
        )
        return Received(Outcome.IGNORED, "sender is not the address's owner")
    body = reply_text(_body_text(message))
    with transaction.atomic():
        if not _record(message_id, to, user=user, thread=thread, outcome=Outcome.POSTED):
            return Received(Outcome.IGNORED, "already received")
        try:
            if not body:
                raise PraxisError(message=_("the reply was empty."))
            with transaction.atomic():
                post = posting.reply(user, thread, body)
        except PraxisError as refusal:
            detail = str(refusal.message)
            InboundEmail.objects.filter(message_id=message_id).update(
                outcome=Outcome.REFUSED, detail=detail[:200]
            )
            if not _automatic(message):
                _tell_sender(user, thread, detail)
            return Received(Outcome.REFUSED, detail)
        outcome = Outcome.HELD if post.status == Post.Status.HELD else Outcome.POSTED
        InboundEmail.objects.filter(message_id=message_id).update(outcome=outcome, post=post)
    return Received(outcome)


def _permanent_failure(message: Message) -> str | None:
    """The diagnostic of a delivery report of a permanent failure (status 5.x.x), else None."""
    if message.get_content_type() != "multipart/report":
        return None
    for part in message.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        payload = part.get_payload()
        for fields in payload if isinstance(payload, list) else []:
            if not isinstance(fields, Message):
                continue
            status = str(fields.get("Status", "")).strip()
            action = str(fields.get("Action", "")).strip().lower()
            if status.startswith("5") or (action == "failed" and not status.startswith("4")):
                return str(fields.get("Diagnostic-Code", status) or status)[:300]
    return None


def _bounce(message: Message, message_id: str, address: Address, to: str) -> Received:
    user = User.objects.filter(pk=address.user_id).first()
    diagnostic = _permanent_failure(message)
    if user is None or diagnostic is None:
        _record(message_id, to, user=user, outcome=Outcome.IGNORED, detail="not a failure")
        return Received(Outcome.IGNORED, "not a permanent failure")
    if _record(message_id, to, user=user, outcome=Outcome.BOUNCE, detail=diagnostic[:200]):
        BouncedAddress.objects.update_or_create(
            address=user.email.lower(), defaults={"user": user, "diagnostic": diagnostic}
        )
    return Received(Outcome.BOUNCE, diagnostic)


def receive(raw: bytes, recipient: str = "") -> Received:
    """Handle one message received at the reply domain (`recipient`: the envelope recipient,
    when the mail server gives it)."""
    if not enabled():
        return Received(Outcome.IGNORED, "replying by e-mail is switched off")
    if len(raw) > MAX_MESSAGE_BYTES:
        return Received(Outcome.IGNORED, "message too large")
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    message_id = str(message.get("Message-ID", "")).strip()[:250]
    for to in _recipients(message, recipient):
        address = parse_address(to)
        if address is None:
            continue
        if not message_id:
            message_id = (
                f"<sha256-{hashlib.sha256(raw).hexdigest()}@{settings.COMMUNITY_REPLY_DOMAIN}>"
            )
        if address.kind == "bounce":
            return _bounce(message, message_id, address, to)
        return _reply(message, message_id, address, to)
    return Received(Outcome.IGNORED, "no reply or bounce address of this site")
