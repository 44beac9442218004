"""The person's own data in the JSON API: ask for the archive, follow it, download it; ask for
the account's deletion and cancel it. Mounted at /api/v1/me/data."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from ninja import Field, Router, Schema, Status
from pydantic import ConfigDict

from praxis.accounts.auth import api_auth
from praxis.accounts.lifecycle import erasure, exports, requests
from praxis.accounts.models import AccountErasure, DataExport, User
from praxis.core.errors import NotFound
from praxis.core.schemas import errors

router = Router(tags=["people"], auth=api_auth)


class ArchiveOut(Schema):
    uuid: UUID
    status: str = Field(description="queued, running, ready, failed or expired")
    progress: int = Field(description="percent done")
    size: int = Field(description="bytes, once ready")
    expires_at: datetime | None
    download_url: str | None = Field(description="signed, for its owner only, until expires_at")


class ErasureIn(Schema):
    model_config = ConfigDict(extra="forbid")

    password: str = Field(max_length=4096)
    keep_posts: bool = False


class ErasureOut(Schema):
    status: str
    erase_after: datetime
    keep_posts: bool


def _caller(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]  # Ninja sets it; HttpRequest does not declare it
    assert isinstance(user, User)  # api_auth lets only people through
    return user


def _archive_out(export: DataExport) -> ArchiveOut:
    link = None
    if export.status == DataExport.Status.READY:
        token = exports.download_link_token(export)
        link = reverse("api:data_archive_download", kwargs={"token": token})
    return ArchiveOut(
        uuid=export.uuid,
        status=export.status,
        progress=export.progress,
        size=export.size,
        expires_at=export.expires_at,
        download_url=link,
    )


def _erasure_out(pending: AccountErasure) -> ErasureOut:
    return ErasureOut(
        status=pending.status, erase_after=pending.erase_after, keep_posts=pending.keep_posts
    )


@router.post(
    "/archive", response={202: ArchiveOut, **errors(401, 409, 429)}, summary="Ask for my archive"
)
def post_archive(request: HttpRequest) -> Status[ArchiveOut]:
    return Status(202, _archive_out(requests.request_export(_caller(request))))


@router.get("/archive", response={200: ArchiveOut, **errors(401, 404)}, summary="My archive")
def get_archive(request: HttpRequest) -> ArchiveOut:
    export = exports.latest_export(_caller(request))
    if export is None:
        raise NotFound()
    return _archive_out(export)


@router.get(
    "/archive/{token}",
    response={200: None, **errors(400, 401, 404, 410)},
    url_name="data_archive_download",
    summary="Download my archive (zip)",
)
def download_archive(request: HttpRequest, token: str) -> FileResponse:
    export = exports.archive_for_download(_caller(request), token)
    return FileResponse(
        exports.open_archive(export),
        as_attachment=True,
        filename=f"praxis-my-data-{export.created_at:%Y-%m-%d}.zip",
        content_type="application/zip",
    )


@router.post(
    "/erasure",
    response={202: ErasureOut, **errors(400, 401, 409)},
    summary="Ask for my account's deletion",
)
def post_erasure(request: HttpRequest, payload: ErasureIn) -> Status[ErasureOut]:
    pending = erasure.request_erasure(
        _caller(request),
        password=payload.password,
        keep_posts=payload.keep_posts,
        session_key=request.session.session_key or "",
    )
    return Status(202, _erasure_out(pending))


@router.get("/erasure", response={200: ErasureOut, **errors(401, 404)}, summary="My deletion")
def get_erasure(request: HttpRequest) -> ErasureOut:
    pending = erasure.pending_erasure(_caller(request))
    if pending is None:
        raise NotFound()
    return _erasure_out(pending)


@router.delete(
    "/erasure", response={200: ErasureOut, **errors(401, 409)}, summary="Cancel my deletion"
)
def delete_erasure(request: HttpRequest) -> ErasureOut:
    return _erasure_out(erasure.cancel_erasure(_caller(request)))
