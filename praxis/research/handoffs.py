"""Who is told when a data-access request changes hands, by a notice (praxis.notifications):
the research officers who may decide a submitted request, and its principal investigator when
it is decided. Called by the services, inside their transaction."""

from __future__ import annotations

from django.contrib.auth.models import Permission
from django.db.models import Q
from django.urls import reverse

from praxis.accounts.models import User
from praxis.core.people import Person
from praxis.notifications.services import notify, notify_all
from praxis.research import notices
from praxis.research.models import Project


def _project_link(project: Project) -> str:
    return reverse("research:project", args=[project.uuid])


def officers_who_may_decide(project: Project) -> list[User]:
    """Research officers (research.decide_access, directly, through a group, or superusers)
    who neither lead nor belong to the project."""
    deciding = Permission.objects.filter(
        codename="decide_access", content_type__app_label="research"
    )
    members = {project.principal_investigator_id, *project.members.values_list("pk", flat=True)}
    return list(
        User.objects.filter(
            Q(groups__permissions__in=deciding)
            | Q(user_permissions__in=deciding)
            | Q(is_superuser=True),
            is_active=True,
        )
        .exclude(pk__in=members)
        .distinct()
    )


def submitted(project: Project, by: Person) -> None:
    notify_all(
        officers_who_may_decide(project),
        notices.research_request_submitted,
        _project_link(project),
        project=project.title,
        by=by.full_name,
    )


def decided(project: Project) -> None:
    notify(
        project.principal_investigator,
        notices.research_request_decided,
        _project_link(project),
        project=project.title,
        status=project.status,
    )
