"""Whether a project's data may leave now: who, which request status, which ethics dates."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import Conflict, ErrorCode
from praxis.core.permissions import require
from praxis.research import permissions
from praxis.research.models import Export, Project


def check_can_export(project: Project, by: Any) -> None:
    """Raise unless `by` is in the project, the request is approved and ethics still valid."""
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


def export_expiry(finished: datetime.datetime) -> datetime.datetime:
    days = int(getattr(settings, "RESEARCH_EXPORT_DAYS", 7))
    return finished + datetime.timedelta(days=days)


def check_can_download(export: Export, by: Any) -> None:
    """Raise unless `by` is in the project and the export is ready and not expired."""
    require(permissions.export_project, by, export.project)
    if export.status != Export.Status.DONE:
        raise Conflict(message=_("This export is not ready."))
    if export.is_expired:
        raise Conflict(ErrorCode.EXPORT_EXPIRED, _("This download link has expired."))
