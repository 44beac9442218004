"""The demo research data: loaded once, complete, and loading again adds nothing."""

import pytest

from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.tests.factories import course_with_lessons
from praxis.demo.research import INVESTIGATOR_EMAIL, OFFICER_EMAIL, load_research
from praxis.research import consent, permissions
from praxis.research.models import ConsentText, Experiment, Project

pytestmark = pytest.mark.django_db


def test_demo_research_is_complete_and_idempotent():
    UserFactory(email=OFFICER_EMAIL, is_staff=True)
    UserFactory(email=INVESTIGATOR_EMAIL)
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
