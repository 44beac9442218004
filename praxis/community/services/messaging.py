"""Private messages between members, and blocking.

A member may message another who shares a community with them (staff may message anyone), not
someone either of them has blocked, and not while suspended in every community they share: the
same rules that keep the communities civil keep private messages so. Messages are Markdown,
rendered safe like posts, rate-limited with posts, and can be flagged by their recipient to the
academy's staff, who may hide them. The recipient is told through the notification centre.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import User
from praxis.community import notices, text
from praxis.community.models import Block, Conversation, DirectMessage, MemberProfile, Membership
from praxis.community.services import posting
from praxis.core.errors import (
    ErrorCode,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from praxis.core.people import Person, signed_in
from praxis.core.permissions import is_staff
from praxis.notifications.services import notify

FLAG_NOTE_MAX = 500


def person_by_handle(handle: str) -> User:
    """The active member with `handle` (with or without "@"); unknown_handle otherwise."""
    handle = handle.strip().lstrip("@").lower()
    profile = (
        MemberProfile.objects.select_related("user")
        .filter(handle=handle[:40], user__is_active=True)
        .first()
    )
    if profile is None:
        raise ValidationFailed(
            ErrorCode.UNKNOWN_HANDLE,
            fields={"to": [_("No member has the handle @%(handle)s.") % {"handle": handle[:40]}]},
        )
    return profile.user


def is_blocked(one: Person, other: Person) -> bool:
    """Whether either has blocked the other."""
    return Block.objects.filter(
        Q(blocker=one, blocked=other) | Q(blocker=other, blocked=one)
    ).exists()


def _check_may_message(sender: Person, recipient: Person) -> None:
    if not signed_in(sender):
        raise NotAuthenticated()
    if sender.pk == recipient.pk:
        raise ValidationFailed(
            ErrorCode.MESSAGE_TO_SELF, _("You cannot send a message to yourself.")
        )
    if not recipient.is_active:
        raise NotFound()
    if is_blocked(sender, recipient):
        raise PermissionDenied(ErrorCode.BLOCKED, _("You cannot message this person."))
    if is_staff(sender):
        return
    theirs = Membership.objects.filter(user=recipient, status=Membership.Status.ACTIVE)
    shared = Membership.objects.filter(
        user=sender,
        status=Membership.Status.ACTIVE,
        community_id__in=theirs.values("community_id"),
    )
    if not shared.exists():
        raise PermissionDenied(
            ErrorCode.NO_SHARED_COMMUNITY,
            _("You can send private messages to people who share a community with you."),
        )
    now = timezone.now()
    if not shared.filter(Q(suspended_until__isnull=True) | Q(suspended_until__lte=now)).exists():
        raise PermissionDenied(
            ErrorCode.MEMBER_SUSPENDED,
            _("You are suspended in the communities you share with this person."),
        )


def _pair(one: Person, other: Person) -> tuple[Person, Person]:
    return (one, other) if one.pk < other.pk else (other, one)


def other_person(conversation: Conversation, user: Person) -> User:
    return conversation.second if conversation.first_id == user.pk else conversation.first


@transaction.atomic
def send(sender: Person, recipient: Person, body: str) -> DirectMessage:
    """Send a message to `recipient`, in the conversation the two of them have (made now if
    they have none). Bad input or a refusal changes nothing."""
    _check_may_message(sender, recipient)
    body = posting.checked_body(body)
    posting.post_limit().check(str(sender.pk))
    first, second = _pair(sender, recipient)
    try:
        with transaction.atomic():
            conversation, _created = Conversation.objects.get_or_create(first=first, second=second)
    except IntegrityError:  # the other person started it at the same moment
        conversation = Conversation.objects.get(first=first, second=second)
    posting.post_limit().hit(str(sender.pk))
    message = DirectMessage.objects.create(
        conversation=conversation,
        author=sender,
        body=body,
        body_html=text.render_post(body, set()),
    )
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=message.created_at)
    notify(
        recipient,
        notices.direct_message,
        reverse("community:conversation", args=[conversation.uuid]),
        actor=sender.full_name,
    )
    return message


def reply(sender: Person, conversation: Conversation, body: str) -> DirectMessage:
    """Answer in a conversation `sender` takes part in."""
    if sender.pk not in (conversation.first_id, conversation.second_id):
        raise NotFound()
    return send(sender, other_person(conversation, sender), body)


def mark_read(user: Person, conversation: Conversation) -> int:
    """The other person's messages in the conversation are read by `user`; returns how many
    became read."""
    return (
        DirectMessage.objects.filter(conversation=conversation, read_at__isnull=True)
        .exclude(author=user)
        .update(read_at=timezone.now())
    )


def block(user: Person, other: Person) -> None:
    """`other` can no longer message `user`, nor `user` them. Blocking twice is once."""
    if user.pk == other.pk:
        raise ValidationFailed(ErrorCode.MESSAGE_TO_SELF, _("You cannot block yourself."))
    Block.objects.get_or_create(blocker=user, blocked=other)


def unblock(user: Person, other: Person) -> None:
    Block.objects.filter(blocker=user, blocked=other).delete()


@transaction.atomic
def flag(user: Person, message: DirectMessage, note: str) -> DirectMessage:
    """The recipient asks staff to look at a message (once; the note is optional)."""
    message = (
        DirectMessage.objects.select_for_update().select_related("conversation").get(pk=message.pk)
    )
    conversation = message.conversation
    if user.pk not in (conversation.first_id, conversation.second_id):
        raise NotFound()
    if message.author_id == user.pk:
        raise ValidationFailed(ErrorCode.OWN_MESSAGE, _("You cannot flag your own message."))
    if len(note) > FLAG_NOTE_MAX:
        raise ValidationFailed(fields={"note": [_("Keep the note under 500 characters.")]})
    if message.flagged_at is not None:
        raise ValidationFailed(ErrorCode.ALREADY_FLAGGED, _("You have flagged this message."))
    message.flagged_at = timezone.now()
    message.flag_note = note.strip()
    message.save(update_fields=["flagged_at", "flag_note"])
    return message


@transaction.atomic
def moderate(staff: Person, message: DirectMessage, action: str) -> DirectMessage:
    """Staff hide a flagged message, or dismiss the flag."""
    if not is_staff(staff):
        raise PermissionDenied()
    # Staff read private messages only when their recipient flags one.
    message = DirectMessage.objects.select_for_update().get(pk=message.pk)
    if message.flagged_at is None:
        raise NotFound()
    if action not in ("hide", "dismiss"):
        raise ValidationFailed(fields={"action": [_("Choose one of the options.")]})
    if action == "hide":
        message.status = DirectMessage.Status.HIDDEN
    message.flagged_at = None
    message.save(update_fields=["status", "flagged_at"])
    return message
