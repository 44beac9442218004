"""Where unpacked packages lie: the `packages` storage when object storage is configured, else
the folder PACKAGE_ROOT on local disk. Never under MEDIA_URL: files are served only through
the package origin, after checking the launch credential."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import FileSystemStorage, Storage, storages


def package_storage() -> Storage:
    if "packages" in settings.STORAGES:
        return storages["packages"]
    return FileSystemStorage(location=settings.PACKAGE_ROOT)
