"""Personal API tokens: made here, shown once, stored only as a SHA-256 digest."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts.models import ApiToken, SecurityEventKind, User
from praxis.accounts.permissions import administer_platform, edit_profile, own_api_token
from praxis.accounts.services.audit import record
from praxis.accounts.validation import FieldError, clean_text, invalid
from praxis.core.errors import Conflict, NotFound
from praxis.core.permissions import require

# Recognisable in logs and by secret scanners; the stored prefix includes it.
TOKEN_MARK = "px_"  # noqa: S105 - a label, not a secret
PREFIX_LENGTH = 8
NAME_MAX_LENGTH = 100
MAX_ACTIVE_TOKENS = 25
# last_used_at is a hint for the owner, not an audit trail: write it at most once a minute.
LAST_USED_PRECISION = datetime.timedelta(minutes=1)


def token_digest(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def create_api_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user` and its plaintext, which is never stored and cannot be shown again.

    Raises ValidationFailed on "name" (empty or too long), Conflict past MAX_ACTIVE_TOKENS.
    """
    require(edit_profile, user, user)
    try:
        clean_name = clean_text(name, max_length=NAME_MAX_LENGTH, required=True)
    except FieldError as error:
        raise invalid("name", error) from error
    with transaction.atomic():
        active = ApiToken.objects.filter(user=user, revoked_at__isnull=True).count()
        if active >= MAX_ACTIVE_TOKENS:
            raise Conflict(
                message=_("You have too many tokens. Revoke one you no longer use first.")
            )
        plaintext = TOKEN_MARK + secrets.token_urlsafe(32)
        token = ApiToken.objects.create(
            user=user,
            name=clean_name,
            prefix=plaintext[:PREFIX_LENGTH],
            digest=token_digest(plaintext),
        )
        record(user, SecurityEventKind.TOKEN_CREATED, name=token.name, prefix=token.prefix)
    return token, plaintext


def revoke_api_token(user: User, token_id: int) -> ApiToken:
    """Revoke one of `user`'s tokens; idempotent. Anyone else's token, or none: NotFound."""
    with transaction.atomic():
        token = (
            own_api_token.filter(user, ApiToken.objects.select_for_update())
            .filter(pk=token_id)
            .first()
        )
        if token is None:
            raise NotFound()
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated_at"])
            record(user, SecurityEventKind.TOKEN_REVOKED, name=token.name, prefix=token.prefix)
    return token


def revoke_all_api_tokens(user: User) -> list[ApiToken]:
    """Revoke every live token of `user` and return them; the caller has decided it may.

    Called when the password changes or is reset (a token must not outlive the secret that
    made it) and when an account is erased.
    """
    now = timezone.now()
    with transaction.atomic():
        live = list(
            ApiToken.objects.select_for_update()
            .filter(user=user, revoked_at__isnull=True)
            .order_by("created_at", "pk")
        )
        ApiToken.objects.filter(pk__in=[t.pk for t in live]).update(revoked_at=now, updated_at=now)
        if live:
            record(user, SecurityEventKind.TOKEN_REVOKED, names=[t.name for t in live])
    for token in live:
        token.revoked_at = now
    return live


def revoke_api_tokens_as_admin(by: User, tokens: QuerySet[ApiToken]) -> list[ApiToken]:
    """Revoke the live ones among `tokens` (a platform admin's back-office action)."""
    require(administer_platform, by)
    now = timezone.now()
    with transaction.atomic():
        live = list(tokens.select_for_update().filter(revoked_at__isnull=True))
        ApiToken.objects.filter(pk__in=[t.pk for t in live]).update(revoked_at=now, updated_at=now)
        for token in live:
            record(
                token.user,
                SecurityEventKind.TOKEN_REVOKED,
                by=by,
                name=token.name,
                prefix=token.prefix,
            )
    for token in live:
        token.revoked_at = now
    return live


def authenticate_token(plaintext: str) -> User | None:
    """The active owner of a live token, or None; notes when the token was last used."""
    if not plaintext or len(plaintext) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=token_digest(plaintext), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
