"""Research projects and the data-access workflow decided by research officers."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.core.errors import Conflict, NotAuthenticated, PermissionDenied, ValidationFailed
from praxis.research import services, tasks
from praxis.research.inputs import ProjectRequest
from praxis.research.models import Decision, Export, Project
from praxis.research.tests.factories import ProjectFactory, research_officer

pytestmark = pytest.mark.django_db

FUTURE = datetime.date.today() + datetime.timedelta(days=200)


def _fields(**overrides: object) -> dict[str, object]:
    fields = {
        "title": "Hand hygiene learning",
        "aims": "Which designs help.",
        "ethics_reference": "ERC-1",
        "ethics_expires_on": FUTURE,
        "k": 5,
        "columns": ["who_region", "verb", "timestamp"],
    }
    fields.update(overrides)
    return fields


def _request(**overrides: object) -> ProjectRequest:
    return ProjectRequest.read(_fields(**overrides))


def test_submitting_a_project_records_the_first_step() -> None:
    investigator = UserFactory.create()
    project = services.submit_project(investigator, _request())
    assert project.status == Project.Status.SUBMITTED
    assert project.principal_investigator == investigator
    assert [d.status for d in project.decisions.all()] == [Project.Status.SUBMITTED]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": ""}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"aims": " "}, "aims"),
        ({"ethics_reference": ""}, "ethics_reference"),
        ({"ethics_expires_on": datetime.date(2000, 1, 1)}, "ethics_expires_on"),
        ({"ethics_expires_on": "tomorrow"}, "ethics_expires_on"),
        ({"k": 1}, "k"),
        ({"k": "five"}, "k"),
        ({"verbs": ["completed"]}, "verbs"),
        ({"date_from": FUTURE, "date_to": datetime.date(2020, 1, 1)}, "date_to"),
        ({"columns": []}, "columns"),
        ({"columns": None}, "columns"),
        ({"columns": "verb"}, "columns"),
        ({"columns": ["verb", "email"]}, "columns"),
        ({"columns": ["learner"]}, "columns"),
        ({"columns": [3]}, "columns"),
    ],
)
def test_bad_project_fields_are_refused_and_nothing_is_stored(
    overrides: dict[str, object], field: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.submit_project(UserFactory.create(), _request(**overrides))
    assert field in error.value.fields
    assert not Project.objects.exists()


@pytest.mark.parametrize(
    ("columns", "code"),
    [([], "no_export_columns"), (["verb", "full_name"], "unknown_export_column")],
)
def test_a_bad_choice_of_fields_has_a_stable_code(columns: list[object], code: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.submit_project(UserFactory.create(), _request(columns=columns))
    assert error.value.code == code
    assert list(error.value.fields) == ["columns"]


def test_fields_requested_are_stored_in_the_order_exports_write_them() -> None:
    project = services.submit_project(
        UserFactory.create(), _request(columns=["timestamp", "age_band", "verb", "age_band"])
    )
    assert project.columns == ["age_band", "verb", "timestamp"]


def test_anonymous_people_cannot_submit() -> None:
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotAuthenticated):
        services.submit_project(AnonymousUser(), _request())  # type: ignore[arg-type]  # anonymous on purpose


def test_officer_decisions_are_all_recorded_in_order() -> None:
    officer = research_officer()
    project = ProjectFactory.create()
    services.decide(project, Project.Status.UNDER_REVIEW, by=officer, note="Checking the letter")
    services.decide(project, Project.Status.APPROVED, by=officer, note="No free-text fields")
    project.refresh_from_db()
    assert project.status == Project.Status.APPROVED
    assert project.conditions == "No free-text fields"
    assert list(Decision.objects.filter(project=project).values_list("status", "by")) == [
        (Project.Status.UNDER_REVIEW, officer.pk),
        (Project.Status.APPROVED, officer.pk),
    ]


def test_a_learner_cannot_decide_a_request() -> None:
    project = ProjectFactory.create()
    with pytest.raises(PermissionDenied):
        services.decide(project, Project.Status.APPROVED, by=project.principal_investigator)
    assert Project.objects.get().status == Project.Status.SUBMITTED


def test_a_rejection_needs_a_reason() -> None:
    with pytest.raises(ValidationFailed):
        services.decide(ProjectFactory.create(), Project.Status.REJECTED, by=research_officer())


def test_a_rejected_request_cannot_be_approved() -> None:
    officer = research_officer()
    project = ProjectFactory.create()
    services.decide(project, Project.Status.REJECTED, by=officer, note="No ethics letter")
    with pytest.raises(Conflict):
        services.decide(project, Project.Status.APPROVED, by=officer)


def test_approval_after_the_ethics_expiry_is_refused() -> None:
    project = ProjectFactory.create(ethics_expires_on=timezone.now().date())
    with pytest.raises(Conflict) as error:
        services.decide(project, Project.Status.APPROVED, by=research_officer())
    assert error.value.code == "ethics_expired"


def test_lapsed_approvals_expire_with_a_recorded_decision() -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    Project.objects.filter(pk=project.pk).update(ethics_expires_on=datetime.date(2020, 1, 1))
    assert services.expire_projects() == 1
    project.refresh_from_db()
    assert project.status == Project.Status.EXPIRED
    last = project.decisions.last()
    assert last is not None
    assert last.status == Project.Status.EXPIRED


def test_export_without_approval_is_refused() -> None:
    project = ProjectFactory.create()
    with pytest.raises(Conflict) as error:
        services.request_export(project, by=project.principal_investigator)
    assert error.value.code == "project_not_approved"
    assert not Export.objects.exists()


def test_export_after_ethics_expiry_is_refused() -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    Project.objects.filter(pk=project.pk).update(ethics_expires_on=datetime.date(2020, 1, 1))
    project.refresh_from_db()
    with pytest.raises(Conflict) as error:
        services.request_export(project, by=project.principal_investigator)
    assert error.value.code == "ethics_expired"
    assert not Export.objects.exists()


def test_export_by_someone_outside_the_project_is_refused() -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    for outsider in (UserFactory.create(), research_officer()):
        with pytest.raises(PermissionDenied):
            services.request_export(project, by=outsider)
    assert not Export.objects.exists()


def test_project_form_submits_a_request(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.post(
        reverse("research:project_new"),
        {
            "title": "Study",
            "aims": "Aims",
            "ethics_reference": "ERC-9",
            "ethics_expires_on": FUTURE.isoformat(),
            "k": "5",
            "verbs": ["http://adlnet.gov/expapi/verbs/completed"],
            "columns": ["occupation_group", "age_band", "success"],
        },
        follow=True,
    )
    project = Project.objects.get()
    assert project.verbs == ["http://adlnet.gov/expapi/verbs/completed"]
    assert project.columns == ["occupation_group", "age_band", "success"]
    page = response.content.decode()
    assert "Submitted" in page
    assert "Pseudonym, Occupation group, Age band, Success" in page


def test_project_form_offers_statement_types_by_name(client: Client) -> None:
    client.force_login(UserFactory.create())
    form = client.get(reverse("research:project_new")).content.decode()
    assert 'type="checkbox" name="verbs" value="http://adlnet.gov/expapi/verbs/completed"' in form
    assert "Completed (a lesson or a course)" in form
    assert "Passed (a quiz)" in form and "Attended (an event)" in form
    assert "verb IRIs" not in form
    fields = {
        "title": "Study",
        "aims": "Aims",
        "ethics_reference": "ERC-9",
        "ethics_expires_on": FUTURE.isoformat(),
        "k": "5",
        "columns": ["verb"],
    }
    refused = client.post(
        reverse("research:project_new"), {**fields, "verbs": ["http://example.org/verbs/x"]}
    )
    assert refused.status_code == 400
    assert not Project.objects.exists()
    client.post(
        reverse("research:project_new"),
        {
            **fields,
            "verbs": [
                "http://adlnet.gov/expapi/verbs/registered",
                "http://adlnet.gov/expapi/verbs/passed",
            ],
        },
    )
    project = Project.objects.get()
    assert project.verbs == [
        "http://adlnet.gov/expapi/verbs/registered",
        "http://adlnet.gov/expapi/verbs/passed",
    ]
    page = client.get(reverse("research:project", args=[project.uuid])).content.decode()
    assert "Passed (a quiz)" in page


def test_project_form_offers_every_field_and_refuses_none(client: Client) -> None:
    client.force_login(UserFactory.create())
    form = client.get(reverse("research:project_new")).content.decode()
    assert form.count('name="columns"') == 12
    response = client.post(
        reverse("research:project_new"),
        {
            "title": "Study",
            "aims": "Aims",
            "ethics_reference": "ERC-9",
            "ethics_expires_on": FUTURE.isoformat(),
            "k": "5",
        },
    )
    assert response.status_code == 400
    assert "Choose at least one data field" in response.content.decode()
    assert not Project.objects.exists()


def test_project_form_shows_errors_for_empty_input(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.post(reverse("research:project_new"), {})
    assert response.status_code == 400
    assert not Project.objects.exists()


def test_officer_decides_on_the_project_page(client: Client) -> None:
    officer = research_officer()
    project = ProjectFactory.create()
    client.force_login(officer)
    page = client.get(reverse("research:project", args=[project.uuid]))
    assert "Record the decision" in page.content.decode()
    client.post(
        reverse("research:project_decide", args=[project.uuid]),
        {"status": "approved", "note": "Aggregate results only"},
    )
    assert Project.objects.get().status == Project.Status.APPROVED


def test_a_stranger_does_not_see_a_project(client: Client) -> None:
    project = ProjectFactory.create()
    client.force_login(UserFactory.create())
    assert client.get(reverse("research:project", args=[project.uuid])).status_code == 404
    listing = client.get(reverse("research:projects")).content.decode()
    assert project.title not in listing


def test_project_list_query_count_is_fixed(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    officer = research_officer()
    ProjectFactory.create_batch(5)
    client.force_login(officer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("research:projects"))
    assert response.content.decode().count("/research/projects/") >= 6


def test_the_daily_task_expires_lapsed_approvals_and_is_safe_to_run_again() -> None:
    lapsed = ProjectFactory.create(status=Project.Status.APPROVED)
    valid = ProjectFactory.create(status=Project.Status.APPROVED)
    Project.objects.filter(pk=lapsed.pk).update(ethics_expires_on=datetime.date(2020, 1, 1))

    assert tasks.expire_projects.delay().get() == 1
    assert tasks.expire_projects.delay().get() == 0

    assert Project.objects.get(pk=lapsed.pk).status == Project.Status.EXPIRED
    assert Project.objects.get(pk=valid.pk).status == Project.Status.APPROVED
    assert lapsed.decisions.filter(status=Project.Status.EXPIRED).count() == 1


def test_celery_beat_runs_the_expiry_every_day(settings: SettingsWrapper) -> None:
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == tasks.EXPIRY]
    assert entries and entries[0]["schedule"] <= 86400


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": 123}, "title", "Give the project a title."),
        ({"k": "5"}, "k", "k must be a whole number from 2 to 1000."),
        ({"k": True}, "k", "k must be a whole number from 2 to 1000."),
        ({"date_from": "2026-01-01"}, "date_from", "Enter a valid date."),
        ({"time_precision": "year"}, "time_precision", "Choose the day, the week or the month."),
        (
            {"ethics_expires_on": datetime.datetime(2999, 1, 1)},
            "ethics_expires_on",
            "Give the date the ethics approval expires.",
        ),
        ({"colums": ["verb"]}, "colums", "Enter a valid value."),
    ],
)
def test_wrong_types_and_unknown_fields_are_refused_with_a_message(
    overrides: dict[str, object], field: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.submit_project(UserFactory.create(), _request(**overrides))
    assert error.value.code == "invalid_input"
    assert list(error.value.fields) == [field]
    assert [str(m) for m in error.value.fields[field]] == [message]
    assert not Project.objects.exists()


def test_every_bad_field_is_reported_at_once_with_the_general_code() -> None:
    with pytest.raises(ValidationFailed) as error:
        services.submit_project(
            UserFactory.create(),
            _request(
                title="", columns=["email"], date_from=FUTURE, date_to=datetime.date(2020, 1, 1)
            ),
        )
    assert error.value.code == "invalid_input"
    assert sorted(error.value.fields) == ["columns", "date_to", "title"]


def test_empty_k_and_precision_take_their_defaults() -> None:
    project = services.submit_project(UserFactory.create(), _request(k=None, time_precision=""))
    assert (project.k, project.time_precision) == (5, "week")


def _decision_options(page: str) -> list[str]:
    select = page.split('name="status"', 1)[1].split("</select>", 1)[0]
    return [part.split('"', 1)[0] for part in select.split('<option value="')[1:]]


def test_the_decision_form_offers_only_the_moves_allowed_from_the_current_status(
    client: Client,
) -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    client.force_login(research_officer())
    page = client.get(reverse("research:project", args=[project.uuid])).content.decode()
    assert _decision_options(page) == ["under_review", "expired"]
    response = client.post(
        reverse("research:project_decide", args=[project.uuid]),
        {"status": "expired", "note": "The study ended."},
    )
    assert response.status_code == 302
    assert Project.objects.get().status == Project.Status.EXPIRED


def test_a_rejected_request_shows_no_decision_form(client: Client) -> None:
    project = ProjectFactory.create(status=Project.Status.REJECTED)
    client.force_login(research_officer())
    page = client.get(reverse("research:project", args=[project.uuid])).content.decode()
    assert "Record the decision" not in page
    assert 'name="status"' not in page


def test_a_decision_sent_from_an_out_of_date_page_gets_the_services_refusal(
    client: Client,
) -> None:
    project = ProjectFactory.create(status=Project.Status.APPROVED)
    client.force_login(research_officer())
    response = client.post(
        reverse("research:project_decide", args=[project.uuid]),
        {"status": "rejected", "note": "Too late."},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "cannot be moved to the one chosen" in page
    assert _decision_options(page) == ["under_review", "expired"]


def test_the_request_page_reads_plainly_without_dates_or_exports(client: Client) -> None:
    project = ProjectFactory.create(date_from=None, date_to=None, time_precision="week")
    client.force_login(research_officer())
    page = client.get(reverse("research:project", args=[project.uuid])).content.decode()
    assert "<dt>Date range</dt><dd>Any time</dd>" in page
    assert "<dt>k (smallest group size)</dt><dd>5</dd>" in page
    assert "<dt>Times exported to the</dt><dd>week (its Monday)</dd>" in page
    assert "<dt>k</dt>" not in page
    assert "Exports</h2>" not in page  # an officer, and nothing exported yet
    client.force_login(project.principal_investigator)
    page = client.get(reverse("research:project", args=[project.uuid])).content.decode()
    assert "Exports</h2>" in page
    assert "Data can be exported only once the data-access request is approved." in page


def test_the_data_fields_requested_are_listed_as_the_readers_language_lists(
    client: Client,
) -> None:
    # A bare ", " joined them in every language; the statement types above used the
    # language's own separator (the Arabic comma).
    project = ProjectFactory.create(columns=["who_region", "age_band"])
    client.force_login(project.principal_investigator)
    arabic = client.get(
        reverse("research:project", args=[project.uuid]), HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    fields = arabic.split('<dd id="columns-requested">')[1].split("</dd>")[0]
    assert fields == "الاسم المستعار، إقليم منظمة الصحة العالمية، الفئة العمرية"
