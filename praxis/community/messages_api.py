"""Private messages and blocking through the API, under the rules of
praxis.community.services.messaging (the same as the pages)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from ninja import Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.accounts.models import User
from praxis.community import message_queries
from praxis.community.models import Conversation
from praxis.community.schemas import (
    BlockIn,
    ConversationListOut,
    ConversationOut,
    ConversationSummaryOut,
    CorrespondentOut,
    DirectMessageIn,
    DirectMessageOut,
    NewMessageIn,
)
from praxis.community.services import messaging
from praxis.core.errors import ErrorCode, NotFound, ValidationFailed
from praxis.core.people import Person
from praxis.core.schemas import errors

router = Router(tags=["community"])


def _member(handle: str) -> User:
    """The member with `handle`; an unknown one is 404 here (unknown_handle)."""
    try:
        return messaging.person_by_handle(handle)
    except ValidationFailed as unknown:
        raise NotFound(ErrorCode.UNKNOWN_HANDLE, unknown.fields["to"][0]) from unknown


def _correspondent(person: Person) -> CorrespondentOut:
    profile = getattr(person, "community_profile", None)
    return CorrespondentOut(name=person.full_name, handle=profile.handle if profile else "")


@router.get(
    "/me/conversations", response={200: ConversationListOut, **errors(400, 401)}, auth=api_auth
)
def list_conversations(request: SignedInRequest, page: int = 1) -> ConversationListOut:
    """The caller's private conversations, latest first, with how many messages are unread."""
    found = message_queries.conversations(request.user, page)
    return ConversationListOut(
        items=[
            ConversationSummaryOut(
                uuid=conversation.uuid,
                correspondent=_correspondent(messaging.other_person(conversation, request.user)),
                unread=getattr(conversation, "unread", 0),
                last_message_at=conversation.last_message_at,
            )
            for conversation in found.items
        ],
        page=found.number,
        pages=found.pages,
        total=found.total,
    )


@router.post(
    "/me/conversations",
    response={201: DirectMessageOut, **errors(400, 401, 403, 404, 429)},
    auth=api_auth,
)
def send_message(request: SignedInRequest, body: NewMessageIn) -> Status[DirectMessageOut]:
    """Send a private message to a member who shares a community with the caller."""
    recipient = _member(body.to)
    message = messaging.send(request.user, recipient, body.body)
    return Status(201, DirectMessageOut.of(message, message.conversation.uuid))


def _conversation_out(request: SignedInRequest, conversation: Conversation, page: Any) -> Any:
    shown = message_queries.conversation_page(request.user, conversation, page)
    return ConversationOut(
        uuid=conversation.uuid,
        correspondent=_correspondent(shown.other),
        blocked=shown.blocked,
        messages=[DirectMessageOut.of(m, conversation.uuid) for m in shown.page.items],
        page=shown.page.number,
        pages=shown.page.pages,
    )


@router.get(
    "/me/conversations/{conversation_uuid}",
    response={200: ConversationOut, **errors(400, 401, 404)},
    auth=api_auth,
)
def get_conversation(
    request: SignedInRequest, conversation_uuid: UUID, page: int | None = None
) -> ConversationOut:
    """A page (50) of a conversation's messages, oldest first (the latest page unless asked);
    the correspondent's messages become read."""
    conversation = message_queries.conversation_of(request.user, conversation_uuid)
    out: ConversationOut = _conversation_out(request, conversation, page)
    messaging.mark_read(request.user, conversation)
    return out


@router.post(
    "/me/conversations/{conversation_uuid}/messages",
    response={201: DirectMessageOut, **errors(400, 401, 403, 404, 429)},
    auth=api_auth,
)
def reply(
    request: SignedInRequest, conversation_uuid: UUID, body: DirectMessageIn
) -> Status[DirectMessageOut]:
    """Answer in a conversation."""
    conversation = message_queries.conversation_of(request.user, conversation_uuid)
    message = messaging.reply(request.user, conversation, body.body)
    return Status(201, DirectMessageOut.of(message, conversation.uuid))


@router.post("/me/blocks", response={204: None, **errors(400, 401, 404)}, auth=api_auth)
def block(request: SignedInRequest, body: BlockIn) -> Status[None]:
    """Block a member: neither can send the other private messages any more."""
    messaging.block(request.user, _member(body.handle))
    return Status(204, None)


@router.delete("/me/blocks/{handle}", response={204: None, **errors(400, 401, 404)}, auth=api_auth)
def unblock(request: SignedInRequest, handle: str) -> Status[None]:
    """Unblock a member."""
    messaging.unblock(request.user, _member(handle))
    return Status(204, None)
