"""Separation of duties: the research officer who decides a data-access request is never its
principal investigator nor one of its members."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.core.errors import PermissionDenied
from praxis.research import services
from praxis.research.inputs import ProjectRequest
from praxis.research.models import Decision, Export, Project
from praxis.research.tests.factories import ProjectFactory, research_officer

pytestmark = pytest.mark.django_db

DECIDER_IN_PROJECT = "decider_in_project"


@pytest.fixture
def own_project() -> Project:
    """A request submitted by a research officer, as its principal investigator."""
    officer = research_officer()
    return services.submit_project(
        officer,
        ProjectRequest.read(
            {
                "title": "Completion by region",
                "aims": "Who finishes.",
                "ethics_reference": "ERC-1",
                "ethics_expires_on": ProjectFactory.build().ethics_expires_on,
                "columns": ["verb"],
            }
        ),
    )


def test_an_officer_cannot_approve_their_own_request(own_project: Project) -> None:
    with pytest.raises(PermissionDenied) as refused:
        services.decide(own_project, "approved", by=own_project.principal_investigator)
    assert refused.value.code == DECIDER_IN_PROJECT
    assert Project.objects.get().status == Project.Status.SUBMITTED
    assert Decision.objects.count() == 1  # the submission alone


def test_an_officer_who_is_a_project_member_cannot_decide_it() -> None:
    project = ProjectFactory.create()
    member = research_officer()
    project.members.add(member)
    with pytest.raises(PermissionDenied) as refused:
        services.decide(project, "under_review", by=member)
    assert refused.value.code == DECIDER_IN_PROJECT
    assert Project.objects.get().status == Project.Status.SUBMITTED


def test_the_api_refuses_an_officers_decision_on_their_own_request(
    api_client: SchemaCheckedClient, own_project: Project
) -> None:
    api_client.client.force_login(own_project.principal_investigator)
    detail = api_client.get(f"/api/v1/research/projects/{own_project.uuid}").json()
    assert detail["can_decide"] is False
    response = api_client.post(
        f"/api/v1/research/projects/{own_project.uuid}/decisions", data={"status": "approved"}
    )
    assert response.status_code == 403
    assert response.json()["error"]["code"] == DECIDER_IN_PROJECT
    assert Project.objects.get().status == Project.Status.SUBMITTED


def test_the_project_page_offers_no_decision_to_an_officer_in_the_project(
    client: Client, own_project: Project
) -> None:
    client.force_login(own_project.principal_investigator)
    page = client.get(reverse("research:project", args=[own_project.uuid])).content.decode()
    assert "Record the decision" not in page
    assert "another research officer" in page
    response = client.post(
        reverse("research:project_decide", args=[own_project.uuid]), {"status": "approved"}
    )
    assert response.status_code == 403
    assert "another research officer" in response.content.decode()
    assert Project.objects.get().status == Project.Status.SUBMITTED


def test_a_request_approved_by_someone_who_joined_the_project_cannot_be_exported(
    own_project: Project,
) -> None:
    approver = research_officer()
    project = services.decide(own_project, "approved", by=approver)
    project.members.add(approver)  # added afterwards, in the back office
    with pytest.raises(PermissionDenied) as refused:
        services.request_export(project, by=project.principal_investigator)
    assert refused.value.code == DECIDER_IN_PROJECT
    assert not Export.objects.exists()
