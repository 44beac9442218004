"""Lessons imported from content packages (SCORM, cmi5, xAPI, H5P); a Common Cartridge is a
course, refused here and imported by praxis.authoring.cartridges.

The package is checked and unpacked by praxis.packages before the lesson is written; a refusal
leaves the draft as it was. A package uploaded again for the same lesson is its next version.
"""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.authoring.editing import record as _record
from praxis.authoring.editing import require_editable as _require_editable
from praxis.authoring.editing import touch as _touch
from praxis.authoring.models import DraftLesson, DraftModule, HistoryEntry
from praxis.core.errors import ErrorCode, PayloadTooLarge, ValidationFailed
from praxis.core.people import Person
from praxis.packages.errors import PackageRefused
from praxis.packages.manifests import COMMON_CARTRIDGE
from praxis.packages.mistaken_files import CONTENT_PACKAGE
from praxis.packages.services import import_package, inspect_package

__all__ = ["add_package_lesson", "replace_lesson_package"]


def _check_upload(upload: IO[bytes] | None, size: int | None) -> IO[bytes]:
    if upload is None or not size:
        message = _("Choose the package's zip file.")
        raise ValidationFailed(ErrorCode.FILE_EMPTY, message, fields={"file": [message]})
    if size > settings.PACKAGE_UPLOAD_MAX_BYTES:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE, _("The package is larger than this site accepts.")
        )
    return upload


@transaction.atomic
def add_package_lesson(
    module: DraftModule, by: Person, upload: IO[bytes] | None, *, size: int | None, name: str = ""
) -> DraftLesson:
    """Import the package `upload` as a new lesson at the end of `module`, titled as the
    package is. Refused (nothing stored) when the draft is not editable or the package unsafe."""
    draft = module.draft
    _require_editable(draft, by)
    checked = _check_upload(upload, size)
    if inspect_package(checked, expected=CONTENT_PACKAGE)[1].kind == COMMON_CARTRIDGE:
        raise PackageRefused(ErrorCode.PACKAGE_IS_CARTRIDGE)
    checked.seek(0)
    package = import_package(checked, by=by, file_name=name)
    last = module.lessons.aggregate(last=Max("position"))["last"]
    lesson = DraftLesson.objects.create(
        module=module,
        position=(last + 1) if last is not None else 0,
        title=(package.title or name or str(_("Imported package")))[:200],
        package=package,
        updated_by=by,
    )
    _touch(draft, by)
    _record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="imported_package",
        values={"title": lesson.title, "key": lesson.key},
    )
    return lesson


@transaction.atomic
def replace_lesson_package(
    lesson: DraftLesson, by: Person, upload: IO[bytes] | None, *, size: int | None, name: str = ""
) -> DraftLesson:
    """Make `upload` the next version of the lesson's package; learners' progress on the lesson
    is kept (it belongs to the lesson)."""
    draft = lesson.module.draft
    _require_editable(draft, by)
    if lesson.package is None:
        raise ValidationFailed(
            ErrorCode.PACKAGE_NOT_PLAYABLE, _("This lesson is not an imported package.")
        )
    package = import_package(
        _check_upload(upload, size),
        by=by,
        file_name=name,
        replaces=lesson.package,
        expected=CONTENT_PACKAGE,
    )
    DraftLesson.objects.filter(pk=lesson.pk).update(
        package=package, revision=F("revision") + 1, updated_by=by, updated_at=timezone.now()
    )
    _touch(draft, by)
    _record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="package_version",
        values={"title": lesson.title, "key": lesson.key},
    )
    lesson.refresh_from_db()
    return lesson
