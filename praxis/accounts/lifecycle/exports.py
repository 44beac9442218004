"""The archive of everything about a person (GDPR articles 15 and 20): asked for by its owner,
built by a background job with its progress shown, downloaded through a signed link that only
its owner may use until it expires, then deleted by the periodic job."""

from __future__ import annotations

import datetime
import logging
import tempfile
from functools import partial
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.lifecycle.archive import write_archive
from praxis.accounts.lifecycle.storage import archive_storage, delete_archive
from praxis.accounts.models import DataExport, User
from praxis.core.errors import ErrorCode, NotFound, PraxisError

logger = logging.getLogger(__name__)

LINK_SALT = "praxis.accounts.personal_export"


class ExportGone(PraxisError):
    status = 410
    default_code = ErrorCode.EXPORT_EXPIRED
    default_message = _("This download has expired. Ask for a new archive.")


def link_lifetime() -> datetime.timedelta:
    return datetime.timedelta(days=settings.PERSONAL_EXPORT_DAYS)


def _set_progress(export_id: int, percent: int) -> None:
    DataExport.objects.filter(pk=export_id).update(progress=percent, updated_at=timezone.now())


def build(export_id: int) -> bool:
    """Build a queued archive. The file is written aside and stored only if, once written, the
    export still stands (an erasure meanwhile deletes the export: the file is thrown away)."""
    with transaction.atomic():
        export = (
            DataExport.objects.select_for_update()
            .select_related("user")
            .filter(pk=export_id, status=DataExport.Status.QUEUED)
            .first()
        )
        if export is None:
            return False
        export.status = DataExport.Status.RUNNING
        export.save(update_fields=["status", "updated_at"])
    name = f"{export.uuid}.zip"
    with tempfile.TemporaryFile() as scratch:
        try:
            write_archive(export.user, scratch, lambda p: _set_progress(export_id, min(p, 99)))
        except Exception:
            logger.exception("personal archive %s failed", export.uuid)
            DataExport.objects.filter(pk=export_id).update(status=DataExport.Status.FAILED)
            return False
        size = scratch.tell()
        scratch.seek(0)
        with transaction.atomic():
            current = DataExport.objects.select_for_update().filter(
                pk=export_id, status=DataExport.Status.RUNNING
            )
            if not current.exists():
                return False
            storage = archive_storage()
            storage.delete(name)
            storage.save(name, File(scratch))
            current.update(
                status=DataExport.Status.READY,
                progress=100,
                file_name=name,
                size=size,
                expires_at=timezone.now() + link_lifetime(),
                updated_at=timezone.now(),
            )
    return True


def download_link_token(export: DataExport) -> str:
    """The signed part of the download link: names the export and its owner."""
    return signing.dumps({"e": str(export.uuid), "u": str(export.user.uuid)}, salt=LINK_SALT)


def archive_for_download(person: User, token: str) -> DataExport:
    """The ready archive a download link names, for its owner only.

    A tampered or malformed link: ValidationFailed-like 400 (EXPORT_LINK_INVALID); someone
    else's: NotFound; an expired or deleted archive: ExportGone (410)."""
    if not isinstance(token, str) or len(token) > 500:
        raise _invalid_link()
    try:
        value = signing.loads(token, salt=LINK_SALT, max_age=link_lifetime())
        export_uuid, owner_uuid = str(value["e"]), str(value["u"])
    except signing.SignatureExpired as error:
        raise ExportGone() from error
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise _invalid_link() from error
    if owner_uuid != str(person.uuid):
        raise NotFound()
    export = DataExport.objects.filter(uuid=export_uuid, user=person).first()
    if export is None:
        raise NotFound()
    if export.status != DataExport.Status.READY or (
        export.expires_at is not None and export.expires_at <= timezone.now()
    ):
        raise ExportGone()
    return export


def _invalid_link() -> PraxisError:
    return PraxisError(
        ErrorCode.EXPORT_LINK_INVALID, _("This download link is not valid. Use the newest one.")
    )


def open_archive(export: DataExport) -> Any:
    return archive_storage().open(export.file_name, "rb")


def latest_export(person: User) -> DataExport | None:
    return DataExport.objects.filter(user=person).order_by("-created_at", "-pk").first()


def delete_expired() -> int:
    """Delete the files of archives whose link expired, and of archives no export keeps (left
    by a stopped process). Safe to run again; returns how many archives expired."""
    now = timezone.now()
    expired = list(DataExport.objects.filter(status=DataExport.Status.READY, expires_at__lte=now))
    for export in expired:
        with transaction.atomic():
            DataExport.objects.filter(pk=export.pk).update(
                status=DataExport.Status.EXPIRED, updated_at=now
            )
            transaction.on_commit(partial(delete_archive, export.file_name))
    storage = archive_storage()
    try:
        _folders, files = storage.listdir("")
    except FileNotFoundError:
        files = []
    keep = {
        f"{export_uuid}.zip"
        for export_uuid in DataExport.objects.filter(
            status__in=[DataExport.Status.RUNNING, DataExport.Status.READY]
        ).values_list("uuid", flat=True)
    }
    for name in files:
        if name.endswith(".zip") and name not in keep:
            storage.delete(name)
    return len(expired)
