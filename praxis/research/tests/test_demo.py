"""The demo research data: loaded once, complete, and loading again adds nothing."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from pytest_django import DjangoCaptureOnCommitCallbacks
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import course_with_lessons
from praxis.demo.research import (
    INVESTIGATOR_EMAIL,
    OFFICER_EMAIL,
    PROJECT_TITLE,
    cohort_emails,
    load_research,
)
from praxis.research import consent, permissions
from praxis.research.models import ConsentRecord, ConsentText, Experiment, Export, Project
from praxis.research.tests.exporting import csv_rows, run_export
from praxis.research.tests.factories import ConsentTextFactory

pytestmark = pytest.mark.django_db


def test_demo_research_is_complete_and_idempotent() -> None:
    UserFactory.create(email=OFFICER_EMAIL, is_staff=True)
    UserFactory.create(email=INVESTIGATOR_EMAIL)
    course_with_lessons(modules=1, lessons_per_module=2)
    first = load_research()
    assert set(ConsentText.objects.values_list("language", flat=True)) == {
        "en",
        "fr",
        "es",
        "ru",
        "zh-hans",
        "ar",
    }
    project = Project.objects.get()
    assert project.status == Project.Status.APPROVED
    assert "age_band" in project.columns
    assert [d.status for d in project.decisions.all()] == ["submitted", "under_review", "approved"]
    experiment = Experiment.objects.get()
    assert experiment.status == Experiment.Status.RUNNING
    assert experiment.variants.count() == 2
    officer = type(project.principal_investigator).objects.get(email=OFFICER_EMAIL)
    assert permissions.is_research_officer(officer)
    assert not consent.has_consented(project.principal_investigator)  # withdrew
    second = load_research()
    assert first["research projects"] == 1
    assert not any(second.values())


@pytest.fixture
def _fast_password_hashing(settings: SettingsWrapper) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.mark.usefixtures("_fast_password_hashing")
def test_the_demo_project_exports_by_region_and_occupation_at_k_5(
    settings: SettingsWrapper,
    tmp_path: Path,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    settings.RESEARCH_EXPORT_ROOT = str(tmp_path / "exports")
    call_command("load_demo", stdout=io.StringIO())
    project = Project.objects.get(title=PROJECT_TITLE)
    assert project.k == 5
    export = run_export(project, django_capture_on_commit_callbacks)
    assert export.status == Export.Status.DONE, export.error
    assert export.report["attributes_removed"] == []
    assert export.report["learners_suppressed"] == 0
    rows = csv_rows(export)
    completed = [row for row in rows if row["verb"].endswith("/completed")]
    assert len({row["who_region"] for row in completed}) >= 3
    assert len({row["occupation_group"] for row in completed}) >= 2
    assert len({row["who_region"] for row in rows}) >= 3
    assert export.learners >= 30


@pytest.mark.usefixtures("_fast_password_hashing")
def test_the_demo_cohort_is_made_once_and_touches_nobody_else(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    ConsentTextFactory.create()
    stranger = UserFactory.create(email=cohort_emails()[0], country="FR")
    call_command("load_demo", stdout=io.StringIO())
    cohort = User.objects.filter(email__in=cohort_emails())
    assert cohort.count() == len(cohort_emails())
    assert not ConsentRecord.objects.filter(learner=stranger).exists()
    assert not stranger.enrolments.exists()
    assert User.objects.get(pk=stranger.pk).country == "FR"
    consents = ConsentRecord.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert ConsentRecord.objects.count() == consents
    assert cohort.count() == len(cohort_emails())
