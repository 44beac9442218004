"""Where personal archives are kept: the `personal_exports` storage when one is configured
(object storage, see settings), else the folder PERSONAL_EXPORT_ROOT on local disk. Never under
MEDIA_URL: the application serves an archive only to its owner."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


def archive_storage() -> Storage:
    if "personal_exports" in settings.STORAGES:
        return storages["personal_exports"]
    return FileSystemStorage(location=settings.PERSONAL_EXPORT_ROOT)


def delete_archive(name: str) -> None:
    archive_storage().delete(name)
