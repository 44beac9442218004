"""/api/v1/me/learning-record: a learner's whole lifelong learning record as xAPI statements.

The router is mounted with the site's API authentication (a personal token or the session), so
the caller is a person with a `uuid`; this app knows people only as xAPI agents.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from praxis.core.schemas import errors
from praxis.lrs.queries import statements_of
from praxis.lrs.services import account_agent

router = Router(tags=["learning record"])


class LearningRecordOut(Schema):
    actor: dict[str, Any]
    count: int
    statements: list[dict[str, Any]]


@router.get(
    "",
    response={200: LearningRecordOut, **errors(401)},
    summary="My whole learning record (xAPI statements, newest first)",
)
def learning_record(
    request: HttpRequest, response: HttpResponse, download: bool = False
) -> LearningRecordOut:
    person = request.auth  # type: ignore[attr-defined]  # Ninja sets request.auth; the stubs lack it
    actor = account_agent(str(person.uuid), person.full_name)
    statements = list(statements_of(actor).values_list("data", flat=True))
    if download:
        response["Content-Disposition"] = 'attachment; filename="learning-record.json"'
    return LearningRecordOut(actor=actor, count=len(statements), statements=statements)
