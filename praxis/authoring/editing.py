"""What every change to a draft goes through: the edit check and the history entry it leaves."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.authoring.models import Draft, HistoryEntry
from praxis.authoring.permissions import edit_draft
from praxis.core.errors import Conflict, ErrorCode
from praxis.core.people import Person
from praxis.core.permissions import require


def record(
    draft: Draft,
    actor: Person,
    action: str,
    detail: str = "",
    *,
    code: str = "",
    values: dict[str, Any] | None = None,
) -> None:
    """Add a history entry. Words go as `code` (a key of HISTORY_DETAILS, or DECISION) and
    `values`, so that each reader sees them in their language; `detail` is for what needs no
    translation (a person's name, an anchor)."""
    HistoryEntry.objects.create(
        draft=draft,
        actor=actor,
        action=action,
        detail=detail[:300],
        detail_code=code,
        detail_values={key: str(value)[:200] for key, value in (values or {}).items()},
    )


def require_editable(draft: Draft, by: Person) -> None:
    """Refuse unless `by` may edit the draft and the draft is being written."""
    require(edit_draft, by, draft)
    if draft.status == Draft.Status.PUBLISHED:
        raise Conflict(
            ErrorCode.VERSION_READ_ONLY,
            _("This version is published and cannot change. Start a new version to edit it."),
        )
    if not draft.is_editable:
        raise Conflict(
            ErrorCode.DRAFT_NOT_EDITABLE,
            _("The draft is in review or approved; it can change only after changes are asked."),
        )


def touch(draft: Draft, by: Person) -> None:
    draft.authors.add(by)
    Draft.objects.filter(pk=draft.pk).update(updated_at=timezone.now())
