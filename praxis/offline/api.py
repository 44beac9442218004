"""A course's offline bundle, and the statements a device kept offline coming back.

The sync has its own operation rather than the LRS's /xapi/statements: what a learner did
offline must move progress, completion, marking and certificates exactly as online, which only
the catalog's and assessments' services do; /xapi/ stores statements as said, under the
sender's authority, and a learner's device is not to say "passed".
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.catalog import queries as catalog_queries
from praxis.catalog.xapi import EXTENSION_COURSE_VERSION
from praxis.core.api import json_answer, json_text
from praxis.core.schemas import errors
from praxis.offline import bundles, sync
from praxis.offline.schemas import BundleOut, OutcomeOut, SyncIn, SyncOut

router = Router(tags=["offline"])


def _sized(request: HttpRequest, data: dict[str, Any]) -> str:
    """The bundle as sent, its `size` the bytes of this very text plus its downloads'. The size
    is written in the text it counts: it is tried until the count holds (two or three turns, as
    only its number of digits changes the text's length)."""
    downloaded = sum(item["size"] for item in data["downloads"])
    size = downloaded
    while True:
        shown = BundleOut.model_validate({**data, "size": size}).model_dump(mode="json")
        text = json_text(request, shown)
        counted = len(text.encode()) + downloaded
        if counted == size:
            return text
        size = counted


@router.get(
    "/offline/courses/{slug}", response={200: BundleOut, **errors(401, 403, 404)}, auth=api_auth
)
def course_bundle(request: SignedInRequest, slug: str) -> HttpResponse:
    """What an enrolled learner's device keeps to follow the course offline, what they have
    done in it, the addresses fetched with it, and the bytes all of it takes. Quizzes come
    without answer keys: they are marked when the answers are synced."""
    course = catalog_queries.visible_course(request.user, slug)
    text = _sized(request, bundles.course_bundle(request.user, course).data)
    return json_answer(text)


@router.post(
    "/offline/sync", response={200: SyncOut, **errors(400, 401, 403, 404, 409, 413)}, auth=api_auth
)
def sync_statements(request: SignedInRequest, payload: SyncIn) -> SyncOut:
    """Send what the learner did offline, as xAPI statements with the device's ids: lessons
    `completed` and quizzes `attempted` (answers in the result extension). Sending a statement
    again changes nothing and is answered `already_recorded`."""
    said = [
        statement.said(sync.EXTENSION_ANSWERS, EXTENSION_COURSE_VERSION)
        for statement in payload.statements
    ]
    return SyncOut(results=[OutcomeOut.of(outcome) for outcome in sync.sync(request.user, said)])
