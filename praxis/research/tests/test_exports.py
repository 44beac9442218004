"""Exports: consenting learners only, pseudonymised, k-anonymous on the file as written."""

import datetime
import hashlib
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from django.http import FileResponse
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog import services as catalog
from praxis.catalog.tests.factories import course_with_lessons
from praxis.research import consent, exports, services
from praxis.research.anonymity import pseudonym
from praxis.research.models import Export, Project
from praxis.research.tests.exporting import THIS_YEAR
from praxis.research.tests.exporting import approved as _approved
from praxis.research.tests.exporting import csv_rows as _csv_rows
from praxis.research.tests.exporting import learners as _learners
from praxis.research.tests.exporting import run_export as _export
from praxis.research.tests.factories import ConsentTextFactory, ProjectFactory

pytestmark = pytest.mark.django_db

QUASI = ("who_region", "occupation_group", "organisation", "age_band")


@pytest.fixture(autouse=True)
def _export_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")


def _assert_k_anonymous(rows: list[dict[str, str]], k: int) -> None:
    learners: defaultdict[tuple[str, ...], set[str]] = defaultdict(set)
    for row in rows:
        learners[tuple(row[q] for q in QUASI)].add(row["learner"])
    assert learners, "the export is empty"
    assert min(len(group) for group in learners.values()) >= k


def test_export_writes_csv_and_parquet_that_are_k_anonymous(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(6)
    _learners(5, country="FR", organisation="Hôpital Saint-Louis", occupation="2212", age=52)
    _learners(1, country="BR", organisation="Clínica", occupation="3221", age=None)
    project = _approved(k=5)
    export = _export(project, django_capture_on_commit_callbacks)
    assert export.status == Export.Status.DONE, export.error
    rows = _csv_rows(export)
    _assert_k_anonymous(rows, 5)
    table = pq.read_table(exports.export_path(export, "parquet")).to_pylist()
    assert len(table) == len(rows) == export.rows
    _assert_k_anonymous(table, 5)
    assert export.report["learners_suppressed"] + export.report["learners_kept"] == 12
    assert export.report["quasi_identifiers"] == list(QUASI)


def test_export_shows_age_bands_of_the_export_year(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(6)
    _learners(5, country="FR", organisation="Hôpital Saint-Louis", occupation="2212", age=52)
    export = _export(_approved(k=5), django_capture_on_commit_callbacks)
    rows = _csv_rows(export)
    _assert_k_anonymous(rows, 5)
    assert {row["age_band"] for row in rows} == {"30-39", "50-59"}
    assert all(str(THIS_YEAR - 34) not in row.values() for row in rows)


def test_age_bands_are_widened_until_every_group_has_k_learners(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    for age in (24, 25, 26, 31, 32, 33, 44, 45, 46, 51, 52, 53):
        _learners(1, age=age)
    export = _export(_approved(k=5), django_capture_on_commit_callbacks)
    assert export.status == Export.Status.DONE, export.error
    rows = _csv_rows(export)
    _assert_k_anonymous(rows, 5)
    assert {row["age_band"] for row in rows} == {"20-39", "40-59"}
    assert export.report["attributes_widened"] == {"age_band": 20}
    assert export.report["learners_suppressed"] == 0
    page_client = Client()
    page_client.force_login(export.project.principal_investigator)
    page = page_client.get(reverse("research:export", args=[export.uuid])).content.decode()
    assert "Age bands widened" in page


def test_only_the_fields_requested_are_written(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(5)
    project = _approved(columns=["age_band", "verb", "timestamp"])
    export = _export(project, django_capture_on_commit_callbacks)
    assert export.status == Export.Status.DONE, export.error
    wanted = ["learner", "age_band", "verb", "timestamp"]
    text = exports.export_path(export, "csv").read_text(encoding="utf-8")
    assert text.splitlines()[0].split(",") == wanted
    assert "AFR" not in text and "kenyatta" not in text.casefold()
    parquet = pq.read_table(exports.export_path(export, "parquet"))
    assert parquet.column_names == wanted
    assert export.report["quasi_identifiers"] == ["age_band"]
    assert export.report["columns"] == wanted
    _assert_k_anonymous(
        [
            {**row, "who_region": "", "occupation_group": "", "organisation": ""}
            for row in _csv_rows(export)
        ],
        5,
    )


def test_the_report_names_the_columns_in_the_readers_language_beside_their_names_in_the_files(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    # The report listed the files' own names alone ("learner, age_band"), in every language.
    _learners(5)
    export = _export(_approved(columns=["age_band", "verb"]), django_capture_on_commit_callbacks)
    client.force_login(export.project.principal_investigator)
    page = client.get(
        reverse("research:export", args=[export.uuid]), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    columns = page.split("<dt>Columnas de los archivos</dt><dd>")[1].split("</dd>")[0]
    assert columns == (
        'Seudónimo (<code dir="ltr">learner</code>), '
        'Franja de edad (<code dir="ltr">age_band</code>), '
        'Verbo de la declaración (<code dir="ltr">verb</code>)'
    )
    arabic = client.get(
        reverse("research:export", args=[export.uuid]), HTTP_ACCEPT_LANGUAGE="ar"
    ).content.decode()
    assert 'الفئة العمرية (<code dir="ltr">age_band</code>)' in arabic
    assert "</code>)، " in arabic  # the Arabic comma between names


def test_quasi_identifiers_not_requested_do_not_make_learners_suppressed(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    # five learners in five organisations: the organisation would be given up or the
    # learners suppressed, but it is not exported, so every learner stays as they are
    for index in range(5):
        _learners(1, organisation=f"Clinic {index}")
    project = _approved(columns=["who_region", "verb"])
    export = _export(project, django_capture_on_commit_callbacks)
    assert export.report["learners_kept"] == 5
    assert export.report["attributes_removed"] == []
    assert {row["who_region"] for row in _csv_rows(export)} == {"AFR"}


def test_export_holds_no_direct_identifiers(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    people = _learners(5)
    project = _approved()
    export = _export(project, django_capture_on_commit_callbacks)
    text = exports.export_path(export, "csv").read_text(encoding="utf-8")
    for person in people:
        assert person.email not in text
        assert person.full_name not in text
        assert str(person.uuid) not in text
    assert pseudonym(project.secret, str(people[0].uuid)) in text
    assert "KE" not in {row["who_region"] for row in _csv_rows(export)}
    assert {row["who_region"] for row in _csv_rows(export)} == {"AFR"}


def test_two_projects_get_different_pseudonyms(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(5)
    first = _csv_rows(_export(_approved(), django_capture_on_commit_callbacks))
    second = _csv_rows(_export(_approved(), django_capture_on_commit_callbacks))
    assert {r["learner"] for r in first}.isdisjoint({r["learner"] for r in second})


def test_learners_without_consent_are_left_out(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    people = _learners(5)
    course = course_with_lessons(modules=1, lessons_per_module=1)
    ConsentTextFactory.create()
    never = UserFactory.create(country="KE")
    catalog.enrol(never, course)
    withdrew = people[0]
    consent.set_consent(withdrew, granted=False)
    _learners(1)  # a sixth consenting learner keeps five in the group
    project = _approved()
    rows = _csv_rows(_export(project, django_capture_on_commit_callbacks))
    pseudonyms = {r["learner"] for r in rows}
    assert pseudonym(project.secret, str(never.uuid)) not in pseudonyms
    assert pseudonym(project.secret, str(withdrew.uuid)) not in pseudonyms
    assert len(pseudonyms) == 5


def test_a_withdrawal_during_the_export_leaves_the_learner_out(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    people = _learners(6)
    leaving = people[2]
    calls: list[int] = []
    original = exports.report_progress

    def withdraw_midway(export: Export, percent: int) -> None:
        if not calls:
            consent.set_consent(leaving, granted=False)
        calls.append(percent)
        original(export, percent)

    monkeypatch.setattr(exports, "report_progress", withdraw_midway)
    project = _approved()
    export = _export(project, django_capture_on_commit_callbacks)
    assert export.status == Export.Status.DONE
    assert export.report["withdrawn_during_export"] == 1
    pseudonyms = {r["learner"] for r in _csv_rows(export)}
    assert pseudonym(project.secret, str(leaving.uuid)) not in pseudonyms
    assert len(pseudonyms) == 5


def test_a_k_that_cannot_be_met_fails_the_export_and_leaves_no_file(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(3)
    export = _export(_approved(k=5), django_capture_on_commit_callbacks)
    assert export.status == Export.Status.FAILED
    assert "fewer consenting learners" in export.error
    assert not exports.export_path(export, "csv").exists()


def test_export_keeps_the_requested_statement_types_only(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(5)
    project = _approved(verbs=["http://adlnet.gov/expapi/verbs/registered"])
    rows = _csv_rows(_export(project, django_capture_on_commit_callbacks))
    assert {r["verb"] for r in rows} == {"http://adlnet.gov/expapi/verbs/registered"}


def test_export_log_has_checksums_that_match_the_files(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(5)
    export = _export(_approved(), django_capture_on_commit_callbacks)
    for fmt, digest in (("csv", export.csv_sha256), ("parquet", export.parquet_sha256)):
        assert hashlib.sha256(exports.export_path(export, fmt).read_bytes()).hexdigest() == digest
    assert export.learners == 5
    assert export.requested_by == export.project.principal_investigator


def test_project_member_downloads_the_files_until_the_link_expires(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _learners(5)
    export = _export(_approved(), django_capture_on_commit_callbacks)
    client.force_login(export.project.principal_investigator)
    page = client.get(reverse("research:export", args=[export.uuid])).content.decode()
    assert export.csv_sha256 in page
    response = client.get(reverse("research:export_download", args=[export.uuid, "csv"]))
    assert response.status_code == 200
    assert isinstance(response, FileResponse)
    assert b"".join(response).startswith(b"learner,who_region")
    Export.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    expired = client.get(reverse("research:export_download", args=[export.uuid, "csv"]))
    assert expired.status_code == 409


def test_someone_outside_the_project_cannot_see_or_download_an_export(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _learners(5)
    export = _export(_approved(), django_capture_on_commit_callbacks)
    client.force_login(UserFactory.create())
    assert client.get(reverse("research:export", args=[export.uuid])).status_code == 404
    download = client.get(reverse("research:export_download", args=[export.uuid, "csv"]))
    assert download.status_code == 404


def test_an_unknown_format_is_not_found(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _learners(5)
    export = _export(_approved(), django_capture_on_commit_callbacks)
    client.force_login(export.project.principal_investigator)
    response = client.get(reverse("research:export_download", args=[export.uuid, "xlsx"]))
    assert response.status_code == 404


def test_progress_is_reported_as_json(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _learners(5)
    export = _export(_approved(), django_capture_on_commit_callbacks)
    client.force_login(export.project.principal_investigator)
    state = client.get(reverse("research:export_progress", args=[export.uuid])).json()
    assert state == {"status": "done", "progress": 100, "done": True}


def test_export_button_on_the_project_page_starts_an_export(
    client: Client, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    _learners(5)
    project = _approved()
    client.force_login(project.principal_investigator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("research:project_export", args=[project.uuid]))
    export = Export.objects.get()
    assert response["Location"] == reverse("research:export", args=[export.uuid])


def test_export_of_an_unapproved_project_from_the_page_shows_the_reason(client: Client) -> None:
    project = ProjectFactory.create()
    client.force_login(project.principal_investigator)
    response = client.post(reverse("research:project_export", args=[project.uuid]), follow=True)
    assert "only once the data-access request is approved" in response.content.decode()
    assert not Export.objects.exists()


def test_an_export_queued_before_the_ethics_approval_lapsed_is_not_written_after(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    _learners(5)
    project = _approved()
    with django_capture_on_commit_callbacks(execute=False):
        export = services.request_export(project, by=project.principal_investigator)
    # the approval lapses before a worker picks the job up, and the daily expiry has not run
    Project.objects.filter(pk=project.pk).update(
        ethics_expires_on=timezone.now().date() - datetime.timedelta(days=1)
    )
    export = exports.run_export(export.pk)
    assert export.status == Export.Status.FAILED
    assert "ethics approval" in export.error
    assert not exports.export_path(export, "csv").exists()
    assert Project.objects.get(pk=project.pk).status == Project.Status.APPROVED
