"""The co-creation API for exchanging a draft quiz's questions as QTI 2.1 or 3.0: export them
as a package (zip), import a package or one item file (multipart `file`)."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from django.http import HttpResponse
from ninja import File, Query, Router, Schema
from ninja.files import UploadedFile

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.authoring import queries
from praxis.authoring.quiz_exchange import ImportReport, export_quiz, import_questions
from praxis.core.schemas import errors

router = Router(tags=["co-creation"])


class ExportIn(Schema):
    version: Literal["2.1", "3.0"] = "2.1"


class NoteOut(Schema):
    code: str
    message: str


class ImportedOut(Schema):
    identifier: str
    key: UUID
    kind: str
    notes: list[NoteOut]


class UnmappedOut(Schema):
    identifier: str
    reason: str
    message: str


class QtiImportOut(Schema):
    version: str
    imported: list[ImportedOut]
    unmapped: list[UnmappedOut]

    # Built field by field: each note's code is paired with its translated message.
    @staticmethod
    def of(report: ImportReport) -> QtiImportOut:
        return QtiImportOut(
            version=report.version,
            imported=[
                ImportedOut(
                    identifier=one.identifier,
                    key=one.question.key,
                    kind=one.question.kind,
                    notes=[
                        NoteOut(code=code, message=message)
                        for code, message in zip(one.notes, one.note_messages, strict=True)
                    ],
                )
                for one in report.imported
            ],
            unmapped=[
                UnmappedOut(identifier=item.identifier, reason=item.reason, message=item.message)
                for item in report.unmapped
            ],
        )


@router.get(
    "/authoring/drafts/{draft}/quizzes/{key}/qti",
    response={200: None, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
    summary="Export a quiz's questions as QTI (zip)",
)
def export_qti(
    request: SignedInRequest, draft: UUID, key: UUID, options: Query[ExportIn]
) -> HttpResponse:
    """The quiz's questions as a QTI 2.1 (or, with `version=3.0`, 3.0) content package."""
    quiz = queries.find_quiz(queries.find_draft(request.user, draft), key)
    response = HttpResponse(export_quiz(quiz, options.version), content_type="application/zip")
    name = f"quiz-{quiz.key}-qti{options.version.replace('.', '')}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.post(
    "/authoring/drafts/{draft}/quizzes/{key}/qti",
    response={200: QtiImportOut, **errors(400, 401, 403, 404, 409, 413)},
    auth=api_auth,
    summary="Import questions from QTI",
)
def import_qti(
    request: SignedInRequest, draft: UUID, key: UUID, file: File[UploadedFile]
) -> QtiImportOut:
    """Add the questions of a QTI 2.1 or 3.0 package (zip) or item (XML) to the end of the
    quiz. Items that are no Praxis question are listed in `unmapped` with their reason, and
    nothing of them is kept; a malformed or unsafe upload is refused whole (`qti_…` or
    `package_…` codes)."""
    quiz = queries.find_quiz(queries.find_draft(request.user, draft), key)
    return QtiImportOut.of(import_questions(quiz, request.user, file, size=file.size))
