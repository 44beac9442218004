"""The self-assessment form on "My competencies": nothing is chosen for the learner, and what
they give themselves reads once."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.competencies.models import Evidence
from praxis.competencies.tests.factories import CompetencyItemFactory, EvidenceFactory

pytestmark = pytest.mark.django_db


def test_saving_without_choosing_records_nothing_and_says_what_to_choose(
    client: Client, learner: User
) -> None:
    CompetencyItemFactory.create()
    client.force_login(learner)
    page = client.get(reverse("assessments:my_competencies")).content.decode()
    # Both drop-downs start at "—", not at the first competency and level 1.
    for name in ("item", "level"):
        select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S)
        assert select is not None
        chosen = re.findall(r'<option value="([^"]*)"[^>]*selected', select.group(1))
        assert chosen in ([], [""])
        first = re.search(r'<option value="([^"]*)"', select.group(1))
        assert first is not None and first.group(1) == ""

    response = client.post(reverse("assessments:my_competencies"), {"item": "", "level": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choose a competency." in page and "Choose a level from 1 to 5." in page
    assert not Evidence.objects.filter(learner=learner).exists()


def test_a_self_assessment_is_named_once(client: Client, learner: User) -> None:
    EvidenceFactory.create(learner=learner, level=3)
    client.force_login(learner)
    page = client.get(reverse("assessments:my_competencies")).content.decode()
    assert "Self-assessment ·" in page
    assert "Self-assessment: " not in page and "Self-assessment</span>" not in page
