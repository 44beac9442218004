"""Whether a project's data may leave now: who, which request status, which ethics dates."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import Conflict, ErrorCode, PermissionDenied
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.research import permissions
from praxis.research.models import Decision, Export, Project


def check_can_export(project: Project, by: Person) -> None:
    """Raise unless `by` is in the project, the request is approved (by an officer outside
    the project) and ethics still valid."""
    require(permissions.export_project, by, project)
    if project.status != Project.Status.APPROVED:
        raise Conflict(
            ErrorCode.PROJECT_NOT_APPROVED,
            _("Data can be exported only once the data-access request is approved."),
        )
    if project.ethics_expires_on <= timezone.now().date():
        raise Conflict(
            ErrorCode.ETHICS_EXPIRED,
            _("The ethics approval of this project has expired; no data can be exported."),
        )
    approval = (
        Decision.objects.filter(project=project, status=Project.Status.APPROVED)
        .order_by("-decided_at", "-id")
        .first()
    )
    if (
        approval is not None
        and approval.by is not None
        and permissions.is_project_member(approval.by, project)
    ):
        raise PermissionDenied(
            ErrorCode.DECIDER_IN_PROJECT,
            _(
                "This request was approved by someone who leads or belongs to the project: "
                "another research officer must approve it before data can be exported."
            ),
        )


def export_days() -> int:
    """How many days an export's files are kept after it is finished, at most."""
    return int(getattr(settings, "RESEARCH_EXPORT_DAYS", 7))


def export_expiry(finished: datetime.datetime) -> datetime.datetime:
    return finished + datetime.timedelta(days=export_days())


def download_refusal(export: Export, project: Project | None = None) -> Conflict | None:
    """Why the files of `export` (of `project`) cannot be downloaded now, or None: checked on
    every download, as a link must stop working the moment the project's approval ends."""
    project = project or export.project
    if export.files_deleted_at is not None:
        return Conflict(
            ErrorCode.EXPORT_DELETED,
            _("The files of this export have been deleted. Reason: %(reason)s.")
            % {"reason": export.get_files_deleted_reason_display()},
        )
    if export.status != Export.Status.DONE:
        return Conflict(message=_("This export is not ready."))
    if project.status != Project.Status.APPROVED:
        return Conflict(
            ErrorCode.PROJECT_NOT_APPROVED,
            _(
                "The data-access approval of this project has ended: its exports cannot be "
                "downloaded."
            ),
        )
    if project.ethics_expires_on <= timezone.now().date():
        return Conflict(
            ErrorCode.ETHICS_EXPIRED,
            _("The ethics approval of this project has expired: its exports cannot be downloaded."),
        )
    if export.is_expired:
        return Conflict(ErrorCode.EXPORT_EXPIRED, _("This download link has expired."))
    return None


def check_can_download(export: Export, by: Person) -> None:
    """Raise unless `by` is in the project, the export's files are kept, its link has not
    expired, and the project is still approved within its ethics approval."""
    require(permissions.export_project, by, export.project)
    refusal = download_refusal(export)
    if refusal is not None:
        raise refusal
