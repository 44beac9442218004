"""Reading statements."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from praxis.lrs.models import Statement
from praxis.lrs.services import actor_key


def statements_of(actor: dict[str, Any]) -> QuerySet[Statement]:
    """Every statement whose actor is `actor`, newest first."""
    return Statement.objects.filter(actor_key=actor_key(actor))
