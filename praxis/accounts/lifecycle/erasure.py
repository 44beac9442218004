"""Erasing an account: asked for by its owner (with a grace period) or by a platform admin (with
the reason recorded), then done by a job that visits every app through the registry.

The erasure itself is one transaction: every holding is erased and the account row deleted, or,
should anything refuse, nothing changes and the request stays scheduled for the next run.
"""

from __future__ import annotations

import datetime
import logging
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.accounts import emails
from praxis.accounts.lifecycle.storage import delete_archive
from praxis.accounts.models import AccountErasure, DataExport, SecurityEventKind, User
from praxis.accounts.permissions import administer_platform
from praxis.accounts.services.audit import record
from praxis.accounts.services.sessions import end_other_sessions
from praxis.accounts.services.tokens import revoke_all_api_tokens
from praxis.accounts.validation import FieldError, clean_text, invalid
from praxis.core.errors import Conflict, ErrorCode, NotFound, ValidationFailed
from praxis.core.permissions import require
from praxis.core.personal_data import Erasing, holdings

logger = logging.getLogger(__name__)

# The one account that rows kept for others (posts kept, reviews, moderation) are credited to.
FORMER_MEMBER_EMAIL = "former-member@praxis.invalid"
FORMER_MEMBER_NAME = "Former member"
REASON_MAX_LENGTH = 500


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(days=settings.ACCOUNT_ERASURE_GRACE_DAYS)


def former_member() -> User:
    """The shared, inactive "former member" account (made on first use); nobody can log in."""
    user, _created = User.objects.get_or_create(
        email=FORMER_MEMBER_EMAIL,
        defaults={
            "full_name": FORMER_MEMBER_NAME,
            "is_active": False,
            "password": make_password(None),
        },
    )
    return user


def pending_erasure(person: User) -> AccountErasure | None:
    """The person's scheduled or running erasure, if any."""
    return (
        AccountErasure.objects.filter(
            user=person, status__in=[AccountErasure.Status.SCHEDULED, AccountErasure.Status.RUNNING]
        )
        .order_by("-pk")
        .first()
    )


def _schedule(person: User, *, when: datetime.datetime, **fields: Any) -> AccountErasure:
    if person.email == FORMER_MEMBER_EMAIL:
        raise NotFound()
    try:
        with transaction.atomic():
            User.objects.select_for_update().filter(pk=person.pk).first()
            if pending_erasure(person) is not None:
                raise IntegrityError("one live erasure per person")
            return AccountErasure.objects.create(user=person, erase_after=when, **fields)
    except IntegrityError as error:
        raise Conflict(
            ErrorCode.ERASURE_PENDING, _("This account is already due to be deleted.")
        ) from error


def request_erasure(
    person: User, *, password: str, keep_posts: bool, session_key: str = ""
) -> AccountErasure:
    """Schedule the person's own account for erasure after the grace period. Every other
    session of theirs ends (all when `session_key`, the asking session's, is empty) and their
    API tokens are revoked; they can still log in to cancel.

    Raises ValidationFailed(INVALID_CREDENTIALS) on "password" when the password is wrong, and
    Conflict(ERASURE_PENDING) when an erasure is already scheduled.
    """
    if not isinstance(password, str) or len(password) > 4096 or not person.check_password(password):
        raise ValidationFailed(
            ErrorCode.INVALID_CREDENTIALS,
            _("This is not your password."),
            fields={"password": [_("This is not your password.")]},
        )
    with transaction.atomic():
        erasure = _schedule(
            person, when=timezone.now() + grace_period(), keep_posts=bool(keep_posts)
        )
        record(person, SecurityEventKind.ERASURE_REQUESTED, erasure=erasure.pk)
        end_other_sessions(person, keep=session_key)
        revoke_all_api_tokens(person)
        transaction.on_commit(lambda: emails.send_erasure_requested(person, erasure.erase_after))
    return erasure


def cancel_erasure(person: User) -> AccountErasure:
    """Cancel the person's scheduled erasure. Conflict(NO_ERASURE_PENDING) when there is none
    left to cancel (never asked, cancelled already, or being erased now)."""
    with transaction.atomic():
        erasure = (
            AccountErasure.objects.select_for_update()
            .filter(user=person, status=AccountErasure.Status.SCHEDULED)
            .first()
        )
        if erasure is None:
            raise Conflict(
                ErrorCode.NO_ERASURE_PENDING, _("This account is not due to be deleted.")
            )
        erasure.status = AccountErasure.Status.CANCELLED
        erasure.save(update_fields=["status", "updated_at"])
        record(person, SecurityEventKind.ERASURE_CANCELLED, erasure=erasure.pk)
    return erasure


def erase_as_admin(by: User, person: User, reason: str) -> AccountErasure:
    """A platform admin erases `person` now, for `reason` (required, kept on the record).

    Raises PermissionDenied, ValidationFailed on "reason", Conflict(ERASURE_PENDING) when the
    person's erasure is already running (a scheduled one is brought forward instead)."""
    require(administer_platform, by)
    try:
        clean_reason = clean_text(reason, max_length=REASON_MAX_LENGTH, required=True)
    except FieldError as error:
        raise invalid("reason", error) from error
    if by.pk == person.pk:
        raise Conflict(message=_("Delete your own account from your account page."))
    with transaction.atomic():
        scheduled = (
            AccountErasure.objects.select_for_update()
            .filter(user=person, status=AccountErasure.Status.SCHEDULED)
            .first()
        )
        if scheduled is not None:
            scheduled.erase_after = timezone.now()
            scheduled.by_admin, scheduled.erased_by = True, by
            scheduled.reason = clean_reason
            scheduled.save(
                update_fields=["erase_after", "by_admin", "erased_by", "reason", "updated_at"]
            )
            erasure = scheduled
        else:
            erasure = _schedule(
                person, when=timezone.now(), by_admin=True, erased_by=by, reason=clean_reason
            )
    erase(erasure.pk)
    erasure.refresh_from_db()
    return erasure


def erase(erasure_id: int) -> bool:
    """Erase the account of a scheduled request that is due; False when there is nothing to do
    (not due, cancelled, or done or being done by another worker). Safe to run again."""
    with transaction.atomic():
        erasure = (
            AccountErasure.objects.select_for_update(skip_locked=True)
            .filter(
                pk=erasure_id,
                status=AccountErasure.Status.SCHEDULED,
                erase_after__lte=timezone.now(),
                user__isnull=False,
            )
            .first()
        )
        if erasure is None:
            return False
        assert erasure.user_id is not None  # filtered above
        person = User.objects.select_for_update().get(pk=erasure.user_id)
        archives = list(DataExport.objects.filter(user=person).values_list("file_name", flat=True))
        revoke_all_api_tokens(person)
        erasing = Erasing(
            person=person,
            former_member=former_member(),
            keep_posts=erasure.keep_posts,
            anonymous_name=f"anonymous-{secrets.token_hex(16)}",
        )
        for holding in holdings():
            holding.apply_erasure(erasing)
        AccountErasure.objects.filter(pk=erasure.pk).update(
            user=None,
            status=AccountErasure.Status.DONE,
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
        person.delete()
        # The person's own log went with them; this entry names no one but the admin who acted
        # (and their reason), when an admin did.
        if erasure.by_admin:
            record(
                None,
                SecurityEventKind.ACCOUNT_ERASED,
                by=erasure.erased_by,
                erasure=erasure.pk,
                by_admin=True,
                reason=erasure.reason,
            )
        else:
            record(None, SecurityEventKind.ACCOUNT_ERASED, erasure=erasure.pk, by_admin=False)
        transaction.on_commit(lambda: _delete_archives(archives))
    logger.info("account erasure %s done", erasure_id)
    return True


def _delete_archives(names: list[str]) -> None:
    for name in names:
        if name:
            delete_archive(name)


def erase_due() -> int:
    """Erase every account whose grace period is over; returns how many were erased."""
    due = AccountErasure.objects.filter(
        status=AccountErasure.Status.SCHEDULED, erase_after__lte=timezone.now()
    ).values_list("pk", flat=True)
    done = 0
    for erasure_id in list(due):
        try:
            done += erase(erasure_id)
        except Exception:  # one account that cannot be erased must not stop the others
            logger.exception("account erasure %s failed; it stays scheduled", erasure_id)
    return done
