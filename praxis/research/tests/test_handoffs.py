"""A data-access request tells the officers who may decide it, and its decision tells the
principal investigator, by notice and e-mail."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from pytest_django import DjangoCaptureOnCommitCallbacks

from praxis.accounts.tests.factories import UserFactory
from praxis.notifications.models import Notice
from praxis.research import services
from praxis.research.inputs import ProjectRequest
from praxis.research.models import Project
from praxis.research.tests.factories import ProjectFactory, research_officer

pytestmark = pytest.mark.django_db


def test_a_submitted_request_tells_the_research_officers(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    officer = research_officer(email="officer@example.org")
    bystander = UserFactory.create()
    investigator = UserFactory.create(full_name="Dr Ada Obi")
    with django_capture_on_commit_callbacks(execute=True):
        project = services.submit_project(
            investigator,
            ProjectRequest.read(
                {
                    "title": "Hand hygiene learning",
                    "aims": "Which designs help.",
                    "ethics_reference": "ERC-1",
                    "ethics_expires_on": datetime.date.today() + datetime.timedelta(days=200),
                    "k": 5,
                    "columns": ["who_region", "verb", "timestamp"],
                }
            ),
        )
    notice = Notice.objects.get(person=officer)
    assert notice.text == (
        "Dr Ada Obi submitted the data-access request “Hand hygiene learning” for a decision."
    )
    assert notice.link == f"/research/projects/{project.uuid}/"
    assert [m.to for m in mail.outbox] == [["officer@example.org"]]
    assert not Notice.objects.filter(person__in=[bystander, investigator]).exists()


def test_a_decision_tells_the_principal_investigator(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    project = ProjectFactory.create(title="Spaced practice")
    officer = research_officer()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(project, Project.Status.REJECTED, by=officer, note="No ethics letter")
    notice = Notice.objects.get(person=project.principal_investigator)
    assert notice.text == "Your data-access request “Spaced practice” is rejected."
    assert [m.to for m in mail.outbox] == [[project.principal_investigator.email]]
    assert not Notice.objects.filter(person=officer).exists()
