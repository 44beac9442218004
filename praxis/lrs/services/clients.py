"""LRS credentials: a public key and a long random secret kept only as a keyed digest.

The secret is 32 random bytes, so a keyed SHA-256 (HMAC with the site's SECRET_KEY) protects it
as well as a slow password hash would, at the cost of microseconds per request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from praxis.lrs.models import LrsClient, Purpose
from praxis.lrs.validation import agent_key

# What content launched for a learner may do: write and read statements about that learner,
# keep state and profiles. Never void (cmi5 6.3), never read other people's statements.
LAUNCH_SCOPES = [
    LrsClient.Scope.STATEMENTS_WRITE,
    LrsClient.Scope.STATEMENTS_READ_MINE,
    LrsClient.Scope.STATE,
    LrsClient.Scope.PROFILE,
]


def secret_digest(secret: str) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), secret.encode(), hashlib.sha256).hexdigest()


def create_client(
    name: str,
    scopes: list[str],
    *,
    key: str | None = None,
    secret: str | None = None,
    xapi_version: str = "2.0.0",
    trusted_for: list[str] | None = None,
) -> tuple[LrsClient, str]:
    """Create a client and return it with its secret, which is shown once and never stored."""
    unknown = set(scopes) - set(LrsClient.Scope.values)
    if unknown or not scopes:
        raise ValueError(f"unknown scopes: {sorted(unknown)}" if unknown else "no scopes")
    if unknown_purposes := set(trusted_for or []) - set(Purpose.values):
        raise ValueError(f"unknown purposes: {sorted(unknown_purposes)}")
    secret = secret or secrets.token_urlsafe(32)
    with transaction.atomic():
        client = LrsClient.objects.create(
            name=name,
            key=key or secrets.token_urlsafe(16),
            secret_digest=secret_digest(secret),
            scopes=scopes,
            xapi_version=xapi_version,
            trusted_for=sorted(set(trusted_for or [])),
        )
    return client, secret


def create_launch_client(
    name: str,
    *,
    agent: dict[str, Any],
    registration: uuid.UUID | None,
    expires: datetime,
    activity_id: str = "",
    profile: str = "",
) -> tuple[LrsClient, str]:
    """A credential for content launched for one learner: bound to `agent` (and `registration`,
    and `activity_id` when given), expiring at `expires`. Returns it with its secret."""
    secret = secrets.token_urlsafe(32)
    client = LrsClient.objects.create(
        name=name[:200],
        key=secrets.token_urlsafe(16),
        secret_digest=secret_digest(secret),
        scopes=list(LAUNCH_SCOPES),
        xapi_version="1.0.3",
        agent_key=agent_key(agent),
        registration=registration,
        activity_id=activity_id,
        expires=expires,
        profile=profile,
    )
    return client, secret


def authenticate_client(key: str, secret: str) -> LrsClient | None:
    """The active, unexpired client with this key and secret, or None."""
    client = LrsClient.objects.filter(key=key, active=True).first()
    if client is not None and client.expires is not None and client.expires <= timezone.now():
        return None
    if client is None or not hmac.compare_digest(client.secret_digest, secret_digest(secret)):
        return None
    return client
