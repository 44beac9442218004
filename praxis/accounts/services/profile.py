"""Editing one's profile."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from praxis.accounts.models import User
from praxis.accounts.permissions import edit_profile
from praxis.accounts.validation import clean_fields, raise_for
from praxis.core.permissions import require


def update_profile(user: User, *, by: User | None = None, **fields: Any) -> User:
    """Change the given profile fields of `user` (acting: `by`, the person themself by default).

    Fields: full_name, occupation (ISCO-08 code or None), country (alpha-2 or ""), languages,
    preferred_language, organisation_name, birth_year (a year or None), time_zone, data_saver.
    Checked as at sign-up;
    raises ValidationFailed with every field at fault and writes nothing then. Another field
    name is a programming error.
    """
    require(edit_profile, by or user, user)
    cleaned, errors = clean_fields(fields)
    raise_for(errors)
    if not cleaned:
        return user
    with transaction.atomic():
        for name, value in cleaned.items():
            setattr(user, name, value)
        user.save(update_fields=[*cleaned, "updated_at"])
    return user
