"""Asking for the archive of one's data; the job that builds it is in lifecycle.exports."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.accounts import tasks
from praxis.accounts.lifecycle.erasure import pending_erasure
from praxis.accounts.models import AccountErasure, DataExport, SecurityEventKind, User
from praxis.accounts.services.audit import record
from praxis.core.errors import Conflict, ErrorCode
from praxis.core.ratelimit import RateLimit

IN_PROGRESS = [DataExport.Status.QUEUED, DataExport.Status.RUNNING]


def export_limit() -> RateLimit:
    """Archives one person may ask for per window."""
    return RateLimit.from_settings(
        "personal_export", "PERSONAL_EXPORT_RATE_LIMIT", "PERSONAL_EXPORT_RATE_WINDOW"
    )


def request_export(person: User) -> DataExport:
    """Queue an archive of the person's data; the job starts once this commits.

    Raises Conflict(EXPORT_IN_PROGRESS) while one is being built, Conflict(ERASURE_PENDING)
    once the account is being erased, and RateLimited past PERSONAL_EXPORT_RATE_LIMIT."""
    identity = str(person.uuid)
    export_limit().check(identity)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=person.pk).first()
        erasure = pending_erasure(person)
        if erasure is not None and erasure.status == AccountErasure.Status.RUNNING:
            raise Conflict(ErrorCode.ERASURE_PENDING, _("This account is being deleted."))
        if DataExport.objects.filter(user=person, status__in=IN_PROGRESS).exists():
            raise Conflict(
                ErrorCode.EXPORT_IN_PROGRESS, _("Your archive is already being prepared.")
            )
        export = DataExport.objects.create(user=person)
        record(person, SecurityEventKind.DATA_EXPORTED, export=export.pk)
        export_limit().hit(identity)
        transaction.on_commit(lambda: tasks.build_data_export.delay(export.pk))
    return export
