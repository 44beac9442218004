"""The co-creation API for IMS Common Cartridge: import a cartridge into a draft (multipart
`file`), export a draft, or a published course as last published, as Common Cartridge 1.3."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from ninja import File, Router, Schema
from ninja.files import UploadedFile

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.authoring import queries
from praxis.authoring.cartridge_views import cartridge_response
from praxis.authoring.cartridges import (
    CartridgeReport,
    export_cartridge,
    import_cartridge,
    published_draft,
    require_exporter,
)
from praxis.catalog.models import Course
from praxis.core.schemas import errors

router = Router(tags=["co-creation"])


class CartridgeNoteOut(Schema):
    code: str
    message: str


class ImportedPartOut(Schema):
    identifier: str
    kind: str
    title: str
    key: UUID
    module: str
    notes: list[CartridgeNoteOut]


class SkippedOut(Schema):
    identifier: str
    title: str
    reason: str
    message: str


class CartridgeImportOut(Schema):
    version: str
    title: str
    imported: list[ImportedPartOut]
    skipped: list[SkippedOut]

    # Built field by field: each note's code is paired with its translated message.
    @staticmethod
    def of(report: CartridgeReport) -> CartridgeImportOut:
        return CartridgeImportOut(
            version=report.version,
            title=report.title,
            imported=[
                ImportedPartOut(
                    identifier=one.identifier,
                    kind=one.kind,
                    title=one.title,
                    key=one.key,
                    module=one.module,
                    notes=[
                        CartridgeNoteOut(code=code, message=message)
                        for (code, _detail), message in zip(
                            one.notes, one.note_messages, strict=True
                        )
                    ],
                )
                for one in report.imported
            ],
            skipped=[
                SkippedOut(
                    identifier=item.identifier,
                    title=item.title,
                    reason=item.reason,
                    message=item.message,
                )
                for item in report.skipped
            ],
        )


@router.post(
    "/authoring/drafts/{draft}/commoncartridge",
    response={200: CartridgeImportOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
    summary="Import a Common Cartridge into a draft",
)
def import_commoncartridge(
    request: SignedInRequest, draft: UUID, file: File[UploadedFile]
) -> CartridgeImportOut:
    """Add the modules, lessons and quizzes of a Common Cartridge 1.1, 1.2 or 1.3 (multipart
    `file`) at the end of the draft. What is not imported is listed in `skipped` with its
    reason; an invalid or unsafe cartridge is refused whole (`cartridge_…` or `package_…`
    codes) and nothing is written."""
    found = queries.find_draft(request.user, draft)
    return CartridgeImportOut.of(import_cartridge(found, request.user, file, size=file.size))


@router.get(
    "/authoring/drafts/{draft}/commoncartridge",
    response={200: None, **errors(401, 403, 404)},
    auth=api_auth,
    summary="Export a draft as Common Cartridge 1.3",
)
def export_draft_commoncartridge(request: SignedInRequest, draft: UUID) -> HttpResponse:
    """The draft's modules, lessons and quizzes as a Common Cartridge 1.3 (`.imscc`, a zip);
    for the draft's authors and staff."""
    found = queries.find_draft(request.user, draft)
    require_exporter(found, request.user)
    return cartridge_response(found.uuid, export_cartridge(found))


@router.get(
    "/authoring/courses/{slug}/commoncartridge",
    response={200: None, **errors(401, 403, 404)},
    auth=api_auth,
    summary="Export a published course as Common Cartridge 1.3",
)
def export_course_commoncartridge(request: SignedInRequest, slug: str) -> HttpResponse:
    """The course as last published through co-creation, as a Common Cartridge 1.3; for the
    authors of its organisations and staff (404 when it was never published from a draft)."""
    course = get_object_or_404(Course, slug=slug)
    found = published_draft(course, request.user)
    return cartridge_response(course.slug, export_cartridge(found))
