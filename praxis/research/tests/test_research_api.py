"""The research API: consent, data-access requests, decisions and exports, under the same
permission rules as the pages; bad input is refused with a stable code and writes nothing."""

import datetime
from pathlib import Path

import pytest
from django.http import FileResponse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries, DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import course_with_lessons
from praxis.organisations.tests.factories import OrganisationFactory
from praxis.research.models import ConsentRecord, Decision, Export, Project
from praxis.research.tests.factories import (
    ConsentTextFactory,
    ProjectFactory,
    consenting,
    research_officer,
)

pytestmark = pytest.mark.django_db

CONSENT = "/api/v1/research/consent"
PROJECTS = "/api/v1/research/projects"
FUTURE = (timezone.now() + datetime.timedelta(days=200)).date().isoformat()


@pytest.fixture(autouse=True)
def _export_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")


def _login(api_client: SchemaCheckedClient, user: User) -> User:
    api_client.client.force_login(user)
    return user


def _request(**overrides: object) -> dict[str, object]:
    body: dict[str, object] = {
        "title": "Hand hygiene learning",
        "aims": "Which lesson designs help nurses finish.",
        "ethics_reference": "ERC-2026-7",
        "ethics_expires_on": FUTURE,
        "k": 5,
        "columns": ["occupation_group", "age_band", "verb", "timestamp"],
    }
    body.update(overrides)
    return body


# Consent


def test_anonymous_callers_get_401_everywhere(api_client: SchemaCheckedClient) -> None:
    project = ProjectFactory.create()
    for method, path in (
        ("get", CONSENT),
        ("get", PROJECTS),
        ("get", f"{PROJECTS}/{project.uuid}"),
        ("post", f"{PROJECTS}/{project.uuid}/exports"),
    ):
        response = getattr(api_client, method)(path)
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "not_authenticated"


def test_learner_reads_the_consent_text_then_grants_and_withdraws(
    api_client: SchemaCheckedClient,
) -> None:
    ConsentTextFactory.create(version=1)
    learner = _login(api_client, UserFactory.create())

    before = api_client.get(CONSENT).json()
    assert before["granted"] is False
    assert before["current_text"]["version"] == 1

    granted = api_client.post(CONSENT, data={"granted": True, "version": 1})
    assert granted.status_code == 200
    assert granted.json()["granted"] is True
    withdrawn = api_client.post(CONSENT, data={"granted": False, "version": 1}).json()
    assert withdrawn["granted"] is False
    assert list(
        ConsentRecord.objects.filter(learner=learner).values_list("granted", flat=True)
    ) == [False, True]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"granted": True, "version": 2}, "version"),
        ({"granted": True}, "version"),
        ({"granted": "maybe", "version": 1}, "granted"),
        # Consent is given by true itself: none of these was refused, and "yes" consented.
        ({"granted": "yes", "version": 1}, "granted"),
        ({"granted": 1, "version": 1}, "granted"),
        ({"granted": "true", "version": 1}, "granted"),
        ({"granted": True, "version": "1"}, "version"),
        ({"granted": True, "version": 1.0}, "version"),
        ({"granted": True, "version": 1, "scope": "all"}, "scope"),
        ({}, "granted"),
    ],
)
def test_bad_consent_input_is_refused_and_nothing_is_recorded(
    api_client: SchemaCheckedClient, body: dict[str, object], field: str
) -> None:
    ConsentTextFactory.create(version=1)
    _login(api_client, UserFactory.create())
    response = api_client.post(CONSENT, data=body)
    assert response.status_code == 400
    assert field in response.json()["error"]["fields"]
    assert not ConsentRecord.objects.exists()


def test_consent_without_any_text_is_not_found(api_client: SchemaCheckedClient) -> None:
    _login(api_client, UserFactory.create())
    response = api_client.post(CONSENT, data={"granted": True, "version": 1})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "no_consent_text"


# Projects


def test_submitting_a_request_stores_the_fields_chosen(api_client: SchemaCheckedClient) -> None:
    investigator = _login(api_client, UserFactory.create())
    partner = OrganisationFactory.create()
    response = api_client.post(PROJECTS, data=_request(partner=partner.slug))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "submitted"
    assert body["columns"] == ["occupation_group", "age_band", "verb", "timestamp"]
    assert body["partner"] == partner.slug
    assert [d["status"] for d in body["decisions"]] == ["submitted"]
    project = Project.objects.get()
    assert project.principal_investigator == investigator
    assert project.columns == ["occupation_group", "age_band", "verb", "timestamp"]


@pytest.mark.parametrize(
    ("overrides", "field", "code"),
    [
        ({"columns": []}, "columns", "no_export_columns"),
        ({"columns": ["verb", "email"]}, "columns", "unknown_export_column"),
        ({"columns": "verb"}, "columns", "invalid_input"),
        ({"columns": ["verb"] * 51}, "columns", "invalid_input"),
        ({"title": ""}, "title", "invalid_input"),
        ({"title": "t" * 201}, "title", "invalid_input"),
        ({"title": "t" * 100_000}, "title", "invalid_input"),
        ({"title": 42}, "title", "invalid_input"),
        ({"k": "five"}, "k", "invalid_input"),
        ({"k": "5"}, "k", "invalid_input"),  # a number in quotes is a wrong type
        ({"k": 5.0}, "k", "invalid_input"),
        # A number of seconds is not a date (1,900,108,800 s: midnight, 19 March 2030 UTC).
        ({"ethics_expires_on": 1_900_108_800}, "ethics_expires_on", "invalid_input"),
        ({"date_from": 1_900_108_800}, "date_from", "invalid_input"),
        ({"k": 1}, "k", "invalid_input"),
        ({"ethics_expires_on": "2001-01-01"}, "ethics_expires_on", "invalid_input"),
        ({"ethics_expires_on": "soon"}, "ethics_expires_on", "invalid_input"),
        ({"verbs": ["completed"]}, "verbs", "invalid_input"),
        ({"partner": "no-such-partner"}, "partner", "invalid_input"),
        ({"status": "approved"}, "status", "invalid_input"),
        ({"secret": "mine"}, "secret", "invalid_input"),
    ],
)
def test_a_bad_request_is_refused_with_a_stable_code_and_nothing_is_stored(
    api_client: SchemaCheckedClient, overrides: dict[str, object], field: str, code: str
) -> None:
    _login(api_client, UserFactory.create())
    response = api_client.post(PROJECTS, data=_request(**overrides))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == code
    assert field in error["fields"]
    assert not Project.objects.exists()


def test_an_empty_or_malformed_body_is_refused(api_client: SchemaCheckedClient) -> None:
    _login(api_client, UserFactory.create())
    assert api_client.post(PROJECTS, data={}).status_code == 400
    malformed = api_client.post(PROJECTS, data="{not json")
    assert malformed.status_code == 400
    assert malformed.json()["error"]["code"] == "malformed_body"
    assert not Project.objects.exists()


def test_the_list_shows_own_projects_to_learners_and_every_project_to_officers(
    api_client: SchemaCheckedClient, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    mine = ProjectFactory.create()
    ProjectFactory.create_batch(3)
    _login(api_client, mine.principal_investigator)
    assert [p["uuid"] for p in api_client.get(PROJECTS).json()] == [str(mine.uuid)]

    _login(api_client, research_officer())
    with django_assert_max_num_queries(8):
        listed = api_client.get(PROJECTS).json()
    assert len(listed) == 4


def test_a_stranger_gets_404_for_a_project_and_its_decisions_and_exports(
    api_client: SchemaCheckedClient,
) -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    _login(api_client, UserFactory.create())
    for response in (
        api_client.get(f"{PROJECTS}/{project.uuid}"),
        api_client.post(f"{PROJECTS}/{project.uuid}/decisions", data={"status": "rejected"}),
        api_client.post(f"{PROJECTS}/{project.uuid}/exports"),
    ):
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"
    assert not Export.objects.exists()
    assert Decision.objects.count() == 0


def test_officer_approves_the_request_with_conditions(api_client: SchemaCheckedClient) -> None:
    project = ProjectFactory.create()
    officer = _login(api_client, research_officer())
    response = api_client.post(
        f"{PROJECTS}/{project.uuid}/decisions",
        data={"status": "approved", "note": "Aggregate results only"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "approved"
    assert body["conditions"] == "Aggregate results only"
    assert body["decisions"][-1] == {
        "status": "approved",
        "by": str(officer),
        "note": "Aggregate results only",
        "decided_at": body["decisions"][-1]["decided_at"],
    }


def test_the_investigator_cannot_decide_their_own_request(api_client: SchemaCheckedClient) -> None:
    project = ProjectFactory.create()
    _login(api_client, project.principal_investigator)
    response = api_client.post(f"{PROJECTS}/{project.uuid}/decisions", data={"status": "approved"})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert Project.objects.get().status == Project.Status.SUBMITTED


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"status": "approve"}, 400, "invalid_input"),
        ({"status": "rejected"}, 400, "invalid_input"),
        ({"status": "approved", "columns": ["verb"]}, 400, "invalid_input"),
        ({"status": "expired"}, 409, "decision_not_allowed"),
    ],
)
def test_bad_decisions_are_refused_and_nothing_changes(
    api_client: SchemaCheckedClient, body: dict[str, object], status: int, code: str
) -> None:
    project = ProjectFactory.create()
    _login(api_client, research_officer())
    response = api_client.post(f"{PROJECTS}/{project.uuid}/decisions", data=body)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code
    assert Project.objects.get().status == Project.Status.SUBMITTED
    assert Decision.objects.count() == 0


# Exports


def _consenting_learners(count: int) -> None:
    course = course_with_lessons(modules=1, lessons_per_module=1)
    for _i in range(count):
        catalog.enrol(consenting(country="KE", birth_year=1990), course)


def test_member_exports_and_follows_the_links_once_done(
    api_client: SchemaCheckedClient,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _consenting_learners(5)
    project = ProjectFactory.create(status=Project.Status.APPROVED, columns=["age_band", "verb"])
    _login(api_client, project.principal_investigator)
    with django_capture_on_commit_callbacks(execute=True):
        queued = api_client.post(f"{PROJECTS}/{project.uuid}/exports")
    assert queued.status_code == 202
    assert queued.json()["status"] == "queued"

    export = api_client.get(f"/api/v1/research/exports/{queued.json()['uuid']}").json()
    assert export["status"] == "done"
    assert export["progress"] == 100
    assert export["report"]["columns"] == ["learner", "age_band", "verb"]
    download = api_client.client.get(export["downloads"]["csv"])
    assert download.status_code == 200
    assert isinstance(download, FileResponse)
    assert b"".join(download).startswith(b"learner,age_band,verb\r\n")
    detail = api_client.get(f"{PROJECTS}/{project.uuid}").json()
    assert [e["uuid"] for e in detail["exports"]] == [export["uuid"]]


def test_an_export_that_is_not_done_has_no_links(api_client: SchemaCheckedClient) -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    export = Export.objects.create(project=project, requested_by=project.principal_investigator)
    _login(api_client, project.principal_investigator)
    body = api_client.get(f"/api/v1/research/exports/{export.uuid}").json()
    assert body["status"] == "queued"
    assert body["downloads"] is None


def test_export_without_approval_is_refused(api_client: SchemaCheckedClient) -> None:
    project = ProjectFactory.create()
    _login(api_client, project.principal_investigator)
    response = api_client.post(f"{PROJECTS}/{project.uuid}/exports")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "project_not_approved"
    assert not Export.objects.exists()


def test_export_after_the_ethics_approval_lapsed_is_refused_before_the_daily_expiry(
    api_client: SchemaCheckedClient,
) -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    Project.objects.filter(pk=project.pk).update(ethics_expires_on=datetime.date(2020, 1, 1))
    _login(api_client, project.principal_investigator)
    response = api_client.post(f"{PROJECTS}/{project.uuid}/exports")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "ethics_expired"
    assert not Export.objects.exists()


def test_an_officer_outside_the_project_may_not_export_it(api_client: SchemaCheckedClient) -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    _login(api_client, research_officer())
    response = api_client.post(f"{PROJECTS}/{project.uuid}/exports")
    assert response.status_code == 403
    assert not Export.objects.exists()


def test_a_stranger_gets_404_for_an_export(api_client: SchemaCheckedClient) -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    export = Export.objects.create(project=project, requested_by=project.principal_investigator)
    _login(api_client, research_officer())
    response = api_client.get(f"/api/v1/research/exports/{export.uuid}")
    assert response.status_code == 404


def test_a_request_chooses_how_finely_times_are_exported(api_client: SchemaCheckedClient) -> None:
    _login(api_client, UserFactory.create())
    response = api_client.post(
        PROJECTS, _request(time_precision="day"), content_type="application/json"
    )
    assert response.status_code == 201
    assert response.json()["time_precision"] == "day"
    refused = api_client.post(
        PROJECTS, _request(time_precision="second"), content_type="application/json"
    )
    assert refused.status_code == 400
    assert "time_precision" in str(refused.json()["error"]["fields"])
    assert Project.objects.count() == 1
