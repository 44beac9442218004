"""The hooks the LRS asks about launch credentials (bound clients); the package player answers
them, so that the LRS needs to know no launch standard's session rules itself."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from praxis.core.hooks import Notification, Query

if TYPE_CHECKING:
    from praxis.lrs.models import LrsClient


@Query
def statements_refused(*, client: LrsClient, statements: list[dict[str, Any]]) -> str:
    """Asked before a bound client's new statements (valid xAPI, within its binding, in the
    order sent) are stored, inside the storing transaction: why they are refused (all of them,
    with 403), or "" to let them be stored."""
    raise NotImplementedError


@Notification
def statements_stored(*, client: LrsClient, statements: list[dict[str, Any]]) -> None:
    """A bound client's new statements were stored (each with its id), in the same
    transaction: what they change for the launch happens now."""
    raise NotImplementedError


@Query
def document_refused(
    *,
    client: LrsClient,
    kind: str,
    activity_id: str,
    document_id: str,
    content: bytes | None,
    content_type: str = "",
) -> str:
    """Asked before a bound client writes (`content`, of the media type the request names) or
    deletes (None) a document: why it is refused (403), or ""."""
    raise NotImplementedError


@Notification
def document_read(*, client: LrsClient, kind: str, activity_id: str, document_id: str) -> None:
    """A bound client asked for one document (found or not): what reading it means to the
    launch happens now."""
    raise NotImplementedError
