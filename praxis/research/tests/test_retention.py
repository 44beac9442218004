"""Export files live only while they may be used: downloads check the project's approval and
ethics date every time, and the files are deleted when the link expires, when the project ends
and when a participant is erased, each deletion logged where staff see it."""

from __future__ import annotations

import datetime
import uuid
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.core.personal_data import holdings
from praxis.research import consent, exports, retention, services, tasks
from praxis.research.anonymity import pseudonym
from praxis.research.models import Export, Project
from praxis.research.tests.exporting import approved, csv_rows, learners, run_export
from praxis.research.tests.factories import research_officer

if TYPE_CHECKING:
    from django.test.client import _MonkeyPatchedWSGIResponse as Response

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _export_root(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")


@pytest.fixture
def export(django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks) -> Export:
    learners(5)
    done = run_export(approved(), django_capture_on_commit_callbacks)
    assert done.status == Export.Status.DONE, done.error
    return done


def _download(client: Client, export: Export, fmt: str = "csv") -> Response:
    client.force_login(export.project.principal_investigator)
    return client.get(reverse("research:export_download", args=[export.uuid, fmt]))


def _files_exist(export: Export) -> bool:
    return any(exports.export_path(export, fmt).exists() for fmt in ("csv", "parquet"))


def test_a_link_stops_working_when_the_project_expires_and_its_files_are_deleted(
    client: Client,
    export: Export,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    officer = research_officer()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(export.project, Project.Status.EXPIRED, by=officer)
    response = _download(client, export)
    assert response.status_code == 409
    assert "deleted" in response.content.decode()
    assert not _files_exist(export)
    export.refresh_from_db()
    assert export.files_deleted_reason == Export.Deletion.PROJECT_ENDED
    assert export.files_deleted_at is not None


def test_a_link_stops_working_when_the_approval_is_withdrawn_for_review(
    client: Client,
    export: Export,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.decide(export.project, Project.Status.UNDER_REVIEW, by=research_officer())
    assert _download(client, export).status_code == 409
    assert not _files_exist(export)


def test_a_link_stops_working_the_day_the_ethics_approval_lapses(
    client: Client, export: Export
) -> None:
    # the daily expiry has not run yet: the download checks the date itself
    Project.objects.filter(pk=export.project_id).update(ethics_expires_on=timezone.now().date())
    response = _download(client, export)
    assert response.status_code == 409
    assert "ethics approval" in response.content.decode()


def test_the_export_page_and_api_offer_no_link_once_the_project_ended(
    client: Client, api_client: SchemaCheckedClient, export: Export
) -> None:
    Project.objects.filter(pk=export.project_id).update(status=Project.Status.EXPIRED)
    client.force_login(export.project.principal_investigator)
    page = client.get(reverse("research:export", args=[export.uuid])).content.decode()
    assert reverse("research:export_download", args=[export.uuid, "csv"]) not in page
    api_client.client.force_login(export.project.principal_investigator)
    body = api_client.get(f"/api/v1/research/exports/{export.uuid}").json()
    assert body["downloads"] is None


def test_the_daily_expiry_deletes_the_files_of_the_projects_it_expires(
    export: Export, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    Project.objects.filter(pk=export.project_id).update(ethics_expires_on=datetime.date(2020, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.expire_projects.delay().get() == 1
    assert not _files_exist(export)
    export.refresh_from_db()
    assert export.files_deleted_reason == Export.Deletion.PROJECT_ENDED


def test_the_periodic_job_deletes_the_files_of_expired_links_once(
    export: Export,
    settings: SettingsWrapper,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    kept_until = timezone.now() + datetime.timedelta(hours=1)
    assert tasks.delete_export_files.delay().get() == 0
    assert _files_exist(export)
    Export.objects.filter(pk=export.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.delete_export_files.delay().get() == 1
    assert tasks.delete_export_files.delay().get() == 0
    assert not _files_exist(export)
    export.refresh_from_db()
    assert export.files_deleted_reason == Export.Deletion.LINK_EXPIRED
    assert export.files_deleted_at is not None
    assert export.files_deleted_at < kept_until
    entries = [e for e in settings.CELERY_BEAT_SCHEDULE.values() if e["task"] == tasks.DELETE_FILES]
    assert entries and entries[0]["schedule"] <= 3600


def test_the_periodic_job_deletes_files_left_by_an_export_no_longer_downloadable(
    export: Export, tmp_path: Path
) -> None:
    # files whose deletion was recorded but which stayed on disk (the process stopped between
    # the two) and an export folder no export knows are removed too
    Export.objects.filter(pk=export.pk).update(
        files_deleted_at=timezone.now(), files_deleted_reason=Export.Deletion.LINK_EXPIRED
    )
    stray = exports.export_root() / str(uuid.uuid4())
    stray.mkdir()
    (stray / "export.csv").write_text("learner\n")
    other = exports.export_root() / "not-an-export"
    other.mkdir()
    tasks.delete_export_files.delay().get()
    assert not _files_exist(export)
    assert not stray.exists()
    assert other.exists()  # only folders named as exports are ever deleted


def test_erasing_a_participant_deletes_the_exports_that_hold_them(
    export: Export, django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks
) -> None:
    person = learners(1)[0]
    holding = run_export(
        approved(columns=["who_region", "verb"]), django_capture_on_commit_callbacks
    )
    assert pseudonym(holding.project.secret, str(person.uuid)) in {
        row["learner"] for row in csv_rows(holding)
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert services.erase_participant(person) == 1
    assert not _files_exist(holding)
    assert _files_exist(export)  # made before the person consented: they are not in it
    holding.refresh_from_db()
    assert holding.files_deleted_reason == Export.Deletion.PARTICIPANT_ERASED
    assert not consent.has_consented(person)


def test_staff_see_each_deletion_and_its_reason(client: Client, export: Export) -> None:
    Project.objects.filter(pk=export.project_id).update(ethics_expires_on=datetime.date(2020, 1, 1))
    tasks.expire_projects.delay().get()
    client.force_login(StaffFactory.create())
    listing = client.get(reverse("admin:research_export_changelist")).content.decode()
    assert "The project ended" in listing
    officer = research_officer()
    client.force_login(officer)
    page = client.get(reverse("research:project", args=[export.project.uuid])).content.decode()
    assert "Files deleted" in page and "The project ended" in page


def _research_part(person: User) -> list[dict[str, object]]:
    """The "research-exports" section of the person's archive."""
    holding = next(h for h in holdings() if h.kind == "research-exports")
    return holding.export_rows(person)


def test_the_archive_lists_the_exports_whose_files_hold_the_person(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    people = learners(5)
    project = approved(title="Hand hygiene adherence study")
    done = run_export(project, django_capture_on_commit_callbacks)
    assert done.status == Export.Status.DONE, done.error
    later = UserFactory.create()  # joined after the export: not in it

    rows = _research_part(people[0])

    assert [row["project"] for row in rows] == ["Hand hygiene adherence study"]
    assert rows[0]["exported_at"] == done.finished_at.isoformat()  # type: ignore[union-attr]  # a finished export has its time
    assert _research_part(later) == []
    # Once the files are deleted they hold nobody.
    with django_capture_on_commit_callbacks(execute=True):
        retention.delete_files(Export.objects.all(), Export.Deletion.LINK_EXPIRED)
    assert _research_part(people[0]) == []
