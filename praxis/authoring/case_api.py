"""The co-creation API for a draft's clinical cases: list, add, save with the revision read,
remove. A question joins a case by naming its key (`case`) when it is saved."""

from __future__ import annotations

from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.authoring import cases, queries
from praxis.authoring.inputs import MAX_CASE_TITLE, MAX_VIGNETTE
from praxis.authoring.models import DraftCase
from praxis.core.schemas import errors

router = Router(tags=["co-creation"])


class DraftCaseIn(Schema):
    title: str = Field(..., max_length=MAX_CASE_TITLE)
    vignette: str = Field(..., max_length=MAX_VIGNETTE, description="The patient's story")


class DraftCaseUpdate(DraftCaseIn):
    revision: int = Field(..., ge=0, description="The revision the case was read at")


class DraftCaseOut(Schema):
    key: UUID
    title: str
    vignette: str
    revision: int
    questions: list[UUID] = Field(..., description="The keys of the questions that share it")

    # Built field by field: questions are the keys of the questions that share the case.
    @staticmethod
    def of(case: DraftCase) -> DraftCaseOut:
        return DraftCaseOut(
            key=case.key,
            title=case.title,
            vignette=case.vignette,
            revision=case.revision,
            questions=[question.key for question in cases.questions_of(case)],
        )


@router.get(
    "/authoring/drafts/{draft}/cases",
    response={200: list[DraftCaseOut], **errors(401, 403, 404)},
    auth=api_auth,
)
def list_cases(request: HttpRequest, draft: UUID) -> list[DraftCaseOut]:
    """The draft's clinical cases, each with its revision and the questions that share it."""
    found = queries.find_draft(request.user, draft)
    return [DraftCaseOut.of(case) for case in found.cases.all()]


@router.post(
    "/authoring/drafts/{draft}/cases",
    response={201: DraftCaseOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def add_case(request: SignedInRequest, draft: UUID, payload: DraftCaseIn) -> Status[DraftCaseOut]:
    """Add a clinical case; questions then join it by its key."""
    found = queries.find_draft(request.user, draft)
    case = cases.add_case(found, request.user, title=payload.title, vignette=payload.vignette)
    return Status(201, DraftCaseOut.of(case))


@router.put(
    "/authoring/drafts/{draft}/cases/{key}",
    response={200: DraftCaseOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def save_case(
    request: SignedInRequest, draft: UUID, key: UUID, payload: DraftCaseUpdate
) -> DraftCaseOut:
    """Save the case's title and vignette; 409 stale_save if someone saved it after the
    revision."""
    case = queries.find_case(queries.find_draft(request.user, draft), key)
    saved = cases.save_case(
        case,
        request.user,
        revision=payload.revision,
        title=payload.title,
        vignette=payload.vignette,
    )
    return DraftCaseOut.of(saved)


@router.delete(
    "/authoring/drafts/{draft}/cases/{key}",
    response={204: None, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def remove_case(request: SignedInRequest, draft: UUID, key: UUID) -> Status[None]:
    """Take the case out of the draft; its questions stay, without it."""
    cases.remove_case(queries.find_case(queries.find_draft(request.user, draft), key), request.user)
    return Status(204, None)
