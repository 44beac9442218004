"""Clinical cases written in a draft: a vignette (the story of a patient) that several of its
questions share, published with the course into its question bank.

Like quizzes, a case carries the key of the assessments case it continues and a revision every
save must name (STALE_SAVE otherwise, nothing written). A question names its case by key.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from praxis.authoring.editing import record, require_editable, touch
from praxis.authoring.inputs import CaseText, describe_case
from praxis.authoring.models import Draft, DraftCase, DraftQuestion, HistoryEntry
from praxis.core.errors import Conflict, ErrorCode, ValidationFailed
from praxis.core.inputs import parse
from praxis.core.people import Person

MAX_CASES = 50


def _text(fields: dict[str, Any]) -> CaseText:
    return parse(CaseText, fields, describe_case)


@transaction.atomic
def add_case(draft: Draft, by: Person, **fields: Any) -> DraftCase:
    """Add a clinical case (fields: title, vignette) after the draft's others."""
    require_editable(draft, by)
    text = _text(fields)
    if draft.cases.count() >= MAX_CASES:
        raise ValidationFailed(message=_("A course has at most 50 clinical cases."))
    last = draft.cases.aggregate(last=Max("position"))["last"]
    case = DraftCase.objects.create(
        draft=draft, position=0 if last is None else last + 1, **text.model_dump()
    )
    touch(draft, by)
    values = {"title": text.title, "key": case.key}
    record(draft, by, HistoryEntry.Action.EDITED, code="added_case", values=values)
    return case


@transaction.atomic
def save_case(case: DraftCase, by: Person, *, revision: int, **fields: Any) -> DraftCase:
    """Save the case's title and vignette if nobody saved them since `revision`."""
    draft = case.draft
    require_editable(draft, by)
    text = _text(fields)
    updated = DraftCase.objects.filter(pk=case.pk, revision=revision).update(
        **text.model_dump(), revision=F("revision") + 1
    )
    if not updated:
        raise Conflict(
            ErrorCode.STALE_SAVE,
            _("Someone else saved this case since you opened it. Nothing was saved."),
        )
    touch(draft, by)
    values = {"title": text.title, "key": case.key}
    record(draft, by, HistoryEntry.Action.EDITED, code="case", values=values)
    case.refresh_from_db()
    return case


@transaction.atomic
def remove_case(case: DraftCase, by: Person) -> None:
    """Take the case out of the draft; its questions stay, without a case."""
    draft = case.draft
    require_editable(draft, by)
    DraftQuestion.objects.filter(quiz__draft=draft, case_key=case.key).update(case_key=None)
    title = case.title
    case.delete()
    touch(draft, by)
    record(draft, by, HistoryEntry.Action.EDITED, code="removed_case", values={"title": title})


def questions_of(case: DraftCase) -> list[DraftQuestion]:
    """The draft's questions that share this case, quiz by quiz."""
    return list(
        DraftQuestion.objects.filter(quiz__draft_id=case.draft_id, case_key=case.key)
        .select_related("quiz")
        .order_by("quiz__position", "quiz_id", "position", "id")
    )
