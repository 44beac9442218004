"""Log in by e-mail address, case-insensitively."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.services.legal import person_owing_terms


class EmailBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        """The logged-in person, knowing in the same query whether they owe an acceptance of
        the terms or privacy notice in force (`owes_terms`)."""
        user = person_owing_terms(user_id, timezone.now())
        return user if user is not None and self.user_can_authenticate(user) else None

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        email = (username or kwargs.get("email") or "").strip().lower()
        if not email or password is None:
            return None
        try:
            user = User.objects.get(email=email)
        except User.DoesNotExist:
            User().set_password(password)  # same cost whether or not the account exists
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
