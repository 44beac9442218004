"""Importing packages: checked whole before anything is kept, then unpacked file by file."""

from __future__ import annotations

from typing import IO

from django.db import transaction
from django.utils.functional import Promise

from praxis.core.people import Person
from praxis.packages.archive import Archive
from praxis.packages.manifests import Summary, read_summary
from praxis.packages.mistaken_files import open_archive
from praxis.packages.models import Package
from praxis.packages.storage import package_storage

__all__ = ["import_package", "inspect_package"]


def inspect_package(
    upload: IO[bytes], *, expected: Promise | None = None
) -> tuple[Archive, Summary]:
    """The checked archive and what its manifest holds; refuses (`PackageRefused`) what is unsafe
    or not a package. Reads the central directory and the manifest only. Given what the form
    `expected`, a picture, a PDF, an office document or text is refused saying what it is."""
    archive = Archive(upload) if expected is None else open_archive(upload, expected)
    return archive, read_summary(archive)


def import_package(
    upload: IO[bytes],
    *,
    by: Person | None,
    file_name: str = "",
    replaces: Package | None = None,
    expected: Promise | None = None,
) -> Package:
    """Check `upload` (as `inspect_package` does), unpack it into the package storage and record
    it (as the next version of `replaces`, if given). A refusal leaves nothing stored."""
    archive, summary = inspect_package(upload, expected=expected)
    package = Package(
        kind=summary.kind,
        edition=summary.edition[:100],
        title=summary.title[:200],
        summary=summary.as_json(),
        file_name=file_name[:255],
        file_count=len(archive.files),
        uploaded_by=by,
        previous=replaces,
        number=replaces.number + 1 if replaces else 1,
    )
    storage = package_storage()
    package.size = archive.extract_to(storage, str(package.uuid))
    try:
        with transaction.atomic():
            package.save()
    except BaseException:
        for name in archive.files:
            storage.delete(f"{package.uuid}/{name}")
        raise
    return package
