"""Read-side functions for private messages: a person's conversations with what is unread, one
conversation page by page, and the messages flagged to staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from praxis.community.models import Block, Conversation, DirectMessage
from praxis.core.errors import NotFound
from praxis.core.pagination import Page, paginate
from praxis.core.people import Person

CONVERSATIONS_PER_PAGE = 25
MESSAGES_PER_PAGE = 50


def conversations(user: Person, page: Any = 1) -> Page[Conversation]:
    """`user`'s conversations, latest first, each with `unread` (the other's messages not read)."""
    queryset = (
        Conversation.objects.filter(Q(first=user) | Q(second=user))
        .select_related("first", "second")
        .annotate(
            unread=Count(
                "messages",
                filter=Q(messages__read_at__isnull=True) & ~Q(messages__author=user),
            )
        )
        .order_by("-last_message_at", "-id")
    )
    return paginate(queryset, page, CONVERSATIONS_PER_PAGE)


def unread_count(user: Person) -> int:
    return (
        DirectMessage.objects.filter(
            Q(conversation__first=user) | Q(conversation__second=user), read_at__isnull=True
        )
        .exclude(author=user)
        .count()
    )


def conversation_of(user: Person, conversation_uuid: Any) -> Conversation:
    """The conversation if `user` takes part in it; NotFound otherwise (staff included)."""
    conversation = (
        Conversation.objects.select_related("first", "second")
        .filter(uuid=conversation_uuid)
        .filter(Q(first=user) | Q(second=user))
        .first()
    )
    if conversation is None:
        raise NotFound()
    return conversation


@dataclass
class ConversationPage:
    conversation: Conversation
    other: Any
    page: Page[DirectMessage]
    blocked: bool  # either has blocked the other: no more messages


def conversation_page(
    user: Person, conversation: Conversation, page: Any = None
) -> ConversationPage:
    """One page of the conversation's messages, oldest first; the last page unless asked."""
    other = conversation.second if conversation.first_id == user.pk else conversation.first
    messages = DirectMessage.objects.filter(conversation=conversation).select_related("author")
    if page is None:
        total = messages.count()
        page = max(1, (total + MESSAGES_PER_PAGE - 1) // MESSAGES_PER_PAGE)
    blocked = Block.objects.filter(
        Q(blocker=user, blocked=other) | Q(blocker=other, blocked=user)
    ).exists()
    return ConversationPage(
        conversation, other, paginate(messages, page, MESSAGES_PER_PAGE), blocked
    )


def has_blocked(user: Person, other: Any) -> bool:
    return Block.objects.filter(blocker=user, blocked=other).exists()


def flagged_messages() -> list[DirectMessage]:
    """Messages their recipients flagged, oldest first: what staff are asked to look at."""
    return list(
        DirectMessage.objects.filter(flagged_at__isnull=False)
        .select_related("author", "conversation__first", "conversation__second")
        .order_by("flagged_at")[:100]
    )
