"""A data-access request or an export sent twice (a double click, a form sent again after going
back) is made once, and the person is shown the one already made."""

import datetime
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.research import services
from praxis.research.models import Decision, Export, Project
from praxis.research.tests.exporting import approved, learners
from praxis.research.tests.factories import research_officer

pytestmark = pytest.mark.django_db

FUTURE = (timezone.now() + datetime.timedelta(days=200)).date().isoformat()
TITLE = "Who finishes hand-hygiene courses"
FORM: dict[str, object] = {
    "title": TITLE,
    "aims": "Find which lesson designs help nurses finish.",
    "ethics_reference": "ERC-2026-12",
    "ethics_expires_on": FUTURE,
    "k": "5",
    "verbs": ["http://adlnet.gov/expapi/verbs/completed"],
    "columns": ["occupation_group", "verb"],
}


@pytest.fixture(autouse=True)
def _export_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")


def test_request_form_sent_twice_makes_one_request_and_shows_it(client: Client) -> None:
    client.force_login(UserFactory.create())
    first = client.post(reverse("research:project_new"), FORM)
    project = Project.objects.get()
    assert first["Location"] == reverse("research:project", args=[project.uuid])

    again = client.post(reverse("research:project_new"), FORM, follow=True)

    assert Project.objects.count() == 1
    assert Decision.objects.filter(project=project).count() == 1
    assert again.redirect_chain[-1][0] == reverse("research:project", args=[project.uuid])
    page = again.content.decode()
    assert "You submitted this request a moment ago: here it is, waiting for a decision." in page
    assert TITLE in page


def test_a_different_request_is_a_new_one(client: Client) -> None:
    client.force_login(UserFactory.create())
    client.post(reverse("research:project_new"), FORM)
    client.post(reverse("research:project_new"), {**FORM, "k": "10"})
    assert sorted(Project.objects.values_list("k", flat=True)) == [5, 10]


def test_same_request_once_decided_can_be_submitted_again(client: Client) -> None:
    client.force_login(UserFactory.create())
    client.post(reverse("research:project_new"), FORM)
    first = Project.objects.get()
    services.decide(first, Project.Status.REJECTED, by=research_officer(), note="Too broad.")
    client.post(reverse("research:project_new"), FORM)
    assert Project.objects.count() == 2


def test_same_request_from_another_person_is_theirs(client: Client) -> None:
    client.force_login(UserFactory.create())
    client.post(reverse("research:project_new"), FORM)
    client.force_login(UserFactory.create())
    client.post(reverse("research:project_new"), FORM)
    assert Project.objects.count() == 2


def test_api_request_sent_twice_answers_the_first(api_client: SchemaCheckedClient) -> None:
    api_client.client.force_login(UserFactory.create())
    body = {**FORM, "k": 5}
    created = api_client.post("/api/v1/research/projects", body)
    assert created.status_code == 201
    again = api_client.post("/api/v1/research/projects", body)
    assert again.status_code == 200
    assert again.json()["uuid"] == created.json()["uuid"]
    assert Project.objects.count() == 1


def test_export_button_pressed_twice_makes_one_export_and_shows_it(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    learners(5)
    project = approved(k=5)
    client.force_login(project.principal_investigator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("research:project_export", args=[project.uuid]))
    export = Export.objects.get()
    assert export.status == Export.Status.DONE

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("research:project_export", args=[project.uuid]), follow=True)

    assert Export.objects.count() == 1
    assert again.redirect_chain[-1][0] == reverse("research:export", args=[export.uuid])
    assert "An export of this project was asked for a moment ago: here it is." in (
        again.content.decode()
    )


def test_export_asked_for_twice_through_the_api_answers_the_first(
    api_client: SchemaCheckedClient,
) -> None:
    project = approved()
    api_client.client.force_login(project.principal_investigator)
    queued = api_client.post(f"/api/v1/research/projects/{project.uuid}/exports")
    assert queued.status_code == 202
    again = api_client.post(f"/api/v1/research/projects/{project.uuid}/exports")
    assert again.status_code == 200
    assert again.json()["uuid"] == queued.json()["uuid"]
    assert Export.objects.count() == 1


def test_a_failed_export_can_be_asked_for_again() -> None:
    project = approved()
    first = services.request_export(project, by=project.principal_investigator)
    Export.objects.filter(pk=first.pk).update(status=Export.Status.FAILED)
    second = services.request_export(project, by=project.principal_investigator)
    assert second.pk != first.pk


def test_an_export_after_a_new_approval_is_a_new_one() -> None:
    project = approved()
    first = services.request_export(project, by=project.principal_investigator)
    officer = research_officer()
    services.decide(project, Project.Status.UNDER_REVIEW, by=officer)
    services.decide(project, Project.Status.APPROVED, by=officer, note="Again.")
    project.refresh_from_db()
    second = services.request_export(project, by=project.principal_investigator)
    assert second.pk != first.pk


def test_an_export_asked_for_long_after_the_last_is_a_new_one() -> None:
    project = approved()
    first = services.request_export(project, by=project.principal_investigator)
    Export.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - services.REPEAT_WINDOW - datetime.timedelta(minutes=1)
    )
    second = services.request_export(project, by=project.principal_investigator)
    assert second.pk != first.pk
