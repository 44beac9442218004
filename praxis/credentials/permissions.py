"""Who may see and manage credentials and CPD records."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from praxis.core.people import Person
from praxis.core.permissions import Rule, is_staff


def _own(user: Person, obj: Any) -> bool:
    return bool(obj is not None and obj.learner_id == user.pk)


# Revoking, suspending and reinstating credentials; defining achievements.
manage_credentials = Rule("credentials.manage", check=is_staff)

# A learner's own credentials and CPD lines.
own_record = Rule("credentials.own_record", check=_own, scope=lambda user: Q(learner=user))
