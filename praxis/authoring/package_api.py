"""The co-creation API for content packages: import a zip into a draft as a lesson, read what
a lesson's package holds, upload its next version. Files go as multipart forms."""

from __future__ import annotations

from uuid import UUID

from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema, Status
from ninja.files import UploadedFile

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.authoring import queries, services
from praxis.authoring.models import DraftLesson, DraftModule
from praxis.core.errors import ErrorCode, NotFound
from praxis.core.schemas import errors
from praxis.packages.schemas import PackageOut

router = Router(tags=["co-creation"])


class PackageLessonOut(Schema):
    key: UUID
    title: str
    revision: int
    package: PackageOut

    # Built field by field: a lesson without a package is refused here as not found.
    @staticmethod
    def of(lesson: DraftLesson) -> PackageLessonOut:
        if lesson.package is None:
            raise NotFound(ErrorCode.NOT_FOUND)
        return PackageLessonOut(
            key=lesson.key,
            title=lesson.title,
            revision=lesson.revision,
            package=PackageOut.of(lesson.package),
        )


@router.post(
    "/authoring/drafts/{draft}/modules/{module}/packages",
    response={201: PackageLessonOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
)
def import_package(
    request: SignedInRequest, draft: UUID, module: UUID, file: File[UploadedFile]
) -> Status[PackageLessonOut]:
    """Import a package (multipart `file`: a zip holding SCORM 1.2 or 2004, cmi5, xAPI or H5P)
    as a new lesson at the end of the module. An unsafe or unrecognised package is refused with
    a `package_…` code and nothing is stored; a Common Cartridge with `package_is_cartridge`
    (import it through `…/commoncartridge`)."""
    found = queries.find_draft(request.user, draft)
    target = get_object_or_404(DraftModule, draft=found, key=module)
    lesson = services.add_package_lesson(
        target, request.user, file, size=file.size, name=file.name or ""
    )
    return Status(201, PackageLessonOut.of(lesson))


@router.get(
    "/authoring/drafts/{draft}/lessons/{key}/package",
    response={200: PackageLessonOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_package(request: SignedInRequest, draft: UUID, key: UUID) -> PackageLessonOut:
    """What the lesson's package holds (404 when the lesson is not an imported package)."""
    return PackageLessonOut.of(queries.find_lesson(queries.find_draft(request.user, draft), key))


@router.post(
    "/authoring/drafts/{draft}/lessons/{key}/package",
    response={200: PackageLessonOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
)
def replace_package(
    request: SignedInRequest, draft: UUID, key: UUID, file: File[UploadedFile]
) -> PackageLessonOut:
    """Upload the next version of the lesson's package (multipart `file`)."""
    lesson = queries.find_lesson(queries.find_draft(request.user, draft), key)
    saved = services.replace_lesson_package(
        lesson, request.user, file, size=file.size, name=file.name or ""
    )
    return PackageLessonOut.of(saved)
