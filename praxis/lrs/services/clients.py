"""LRS credentials: a public key and a long random secret kept only as a keyed digest.

The secret is 32 random bytes, so a keyed SHA-256 (HMAC with the site's SECRET_KEY) protects it
as well as a slow password hash would, at the cost of microseconds per request.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction

from praxis.lrs.models import LrsClient, Purpose


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


def authenticate_client(key: str, secret: str) -> LrsClient | None:
    """The active client with this key and secret, or None."""
    client = LrsClient.objects.filter(key=key, active=True).first()
    if client is None or not hmac.compare_digest(client.secret_digest, secret_digest(secret)):
        return None
    return client
