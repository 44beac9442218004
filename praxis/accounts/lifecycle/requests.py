"""Asking for the archive of one's data; the job that builds it is in lifecycle.exports."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from praxis.accounts import tasks
from praxis.accounts.lifecycle.erasure import pending_erasure
from praxis.accounts.models import AccountErasure, DataExport, SecurityEventKind, User
from praxis.accounts.services.audit import record
from praxis.core.errors import Conflict, ErrorCode, RateLimited
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
    limit = export_limit()
    if limit.exceeded(identity):
        # The window is long (a day by default): "wait a few minutes" would send them back in
        # vain, so the refusal says how long it may take at most.
        hours = max(1, -(-limit.window // 3600))
        raise RateLimited(
            message=ngettext_lazy(
                "You have asked for as many archives as you may for now. You can ask for a "
                "new one within %(hours)d hour.",
                "You have asked for as many archives as you may for now. You can ask for a "
                "new one within %(hours)d hours.",
                "hours",
            )
            % {"hours": hours}
        )
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
        limit.hit(identity)
        transaction.on_commit(lambda: tasks.build_data_export.delay(export.pk))
    return export
