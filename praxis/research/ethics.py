"""Ethics approvals lapse: approved projects past their approval's date become expired, and
their export files are deleted.

Run daily by Celery beat (research.tasks.expire_projects). Exports never wait for it: access
checks the date itself, so a lapsed approval stops exports the day it lapses.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from praxis.research.models import Decision, Project
from praxis.research.retention import delete_project_files


@transaction.atomic
def expire_projects(today: datetime.date | None = None) -> int:
    """Mark approved projects whose ethics approval has lapsed as expired, deleting their
    export files; return how many."""
    today = today or timezone.now().date()
    lapsed = list(
        Project.objects.select_for_update().filter(
            status=Project.Status.APPROVED, ethics_expires_on__lte=today
        )
    )
    for project in lapsed:
        project.status = Project.Status.EXPIRED
        project.save(update_fields=["status", "updated_at"])
        Decision.objects.create(project=project, status=project.status)
        delete_project_files(project)
    return len(lapsed)
