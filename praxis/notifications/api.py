"""The caller's notices in the JSON API: listed page by page, marked read."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpResponse
from ninja import Field, Router, Schema

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.core.api import built
from praxis.core.schemas import errors
from praxis.notifications import queries, services
from praxis.notifications.models import Notice

router = Router(tags=["notifications"], auth=api_auth)


class NoticeOut(Schema):
    id: int
    kind: str = Field(description="The kind of notice, as declared by the app that sent it")
    text: str = Field(description="What happened, in the caller's language")
    link: str = Field(description="Path of the page the notice is about, or empty")
    created_at: datetime
    read: bool

    # Built field by field: read is whether read_at is set.
    @staticmethod
    def of(notice: Notice) -> NoticeOut:
        return NoticeOut(
            id=notice.pk,
            kind=notice.kind,
            text=notice.text,
            link=notice.link,
            created_at=notice.created_at,
            read=notice.read_at is not None,
        )


class NoticePageOut(Schema):
    items: list[NoticeOut]
    page: int
    pages: int
    total: int
    unread: int


class MarkedOut(Schema):
    marked: int = Field(description="How many notices were unread and are now read")


@router.get("/me/notifications", response={200: NoticePageOut, **errors(400, 401)})
def notices(request: SignedInRequest, page: int = 1) -> HttpResponse:
    """The caller's notices, newest first."""
    found = queries.notices(request.user, page)
    answer = NoticePageOut(
        items=[NoticeOut.of(n) for n in found.items],
        page=found.number,
        pages=found.pages,
        total=found.total,
        unread=queries.unread_count(request.user),
    )
    return built(request, answer)


@router.post("/me/notifications/read", response={200: MarkedOut, **errors(401)})
def mark_all_read(request: SignedInRequest) -> MarkedOut:
    """Mark all the caller's notices read."""
    return MarkedOut(marked=services.mark_all_read(request.user))


@router.post("/me/notifications/{notice_id}/read", response={200: NoticeOut, **errors(401, 404)})
def mark_read(request: SignedInRequest, notice_id: int) -> NoticeOut:
    """Mark one of the caller's notices read; another person's is not found."""
    return NoticeOut.of(services.mark_read(request.user, notice_id))
