"""The co-creation API: read and save a draft's lesson, naming the revision it was read at."""

from __future__ import annotations

import datetime
from uuid import UUID

from django.http import HttpRequest
from ninja import Field, Router, Schema

from praxis.accounts.auth import api_auth
from praxis.authoring import queries, services
from praxis.authoring.models import DraftLesson
from praxis.catalog.content import render_markdown
from praxis.core.schemas import errors

router = Router(tags=["co-creation"])


class DraftLessonOut(Schema):
    key: UUID
    title: str
    body: str
    body_html: str
    estimated_minutes: int
    revision: int
    updated_at: datetime.datetime

    @staticmethod
    def of(lesson: DraftLesson) -> DraftLessonOut:
        return DraftLessonOut(
            key=lesson.key,
            title=lesson.title,
            body=lesson.body,
            body_html=render_markdown(lesson.body),
            estimated_minutes=lesson.estimated_minutes,
            revision=lesson.revision,
            updated_at=lesson.updated_at,
        )


class DraftLessonIn(Schema):
    revision: int = Field(..., ge=0, description="The revision the text was read at")
    title: str = Field(..., max_length=200)
    body: str = Field("", max_length=services.MAX_BODY)
    estimated_minutes: int | None = Field(None, ge=1, le=600)


@router.get(
    "/authoring/drafts/{draft}/lessons/{key}",
    response={200: DraftLessonOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_lesson(request: HttpRequest, draft: UUID, key: UUID) -> DraftLessonOut:
    """A lesson of a draft the signed-in person may see, with its revision."""
    found = queries.find_draft(request.user, draft)
    return DraftLessonOut.of(queries.find_lesson(found, key))


@router.put(
    "/authoring/drafts/{draft}/lessons/{key}",
    response={200: DraftLessonOut, **errors(400, 401, 403, 404, 409)},
    auth=api_auth,
)
def save_lesson(
    request: HttpRequest, draft: UUID, key: UUID, payload: DraftLessonIn
) -> DraftLessonOut:
    """Save the lesson; 409 stale_save if someone saved it after the given revision."""
    found = queries.find_draft(request.user, draft)
    lesson = queries.find_lesson(found, key)
    saved = services.save_lesson(
        lesson,
        request.user,
        revision=payload.revision,
        title=payload.title,
        body=payload.body,
        estimated_minutes=payload.estimated_minutes,
    )
    return DraftLessonOut.of(saved)
