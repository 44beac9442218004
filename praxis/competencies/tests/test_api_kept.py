"""The API's lists of frameworks and target profiles, the same for every caller: kept, and
current after every change to what they show."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.competencies.tests.factories import (
    CompetencyItemFactory,
    FrameworkFactory,
    TargetProfileFactory,
    TargetRequirementFactory,
)

pytestmark = pytest.mark.django_db


def test_a_framework_list_asked_again_reads_nothing_and_counts_new_items(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    framework = FrameworkFactory.create(slug="ward-nursing")

    def items() -> int:
        rows = api_client.get("/api/v1/frameworks").json()
        return int(next(row["items"] for row in rows if row["slug"] == "ward-nursing"))

    assert items() == 0
    with django_assert_num_queries(0):
        assert items() == 0
    CompetencyItemFactory.create(framework=framework)
    assert items() == 1


def test_a_target_shows_a_requirement_added_and_a_level_changed(
    api_client: SchemaCheckedClient,
) -> None:
    target = TargetProfileFactory.create(slug="chw")

    def levels() -> list[int]:
        rows = api_client.get("/api/v1/competency-targets").json()
        found = next(row for row in rows if row["slug"] == "chw")
        return [requirement["level"] for requirement in found["requirements"]]

    assert levels() == []
    requirement = TargetRequirementFactory.create(profile=target, level=2)
    assert levels() == [2]
    requirement.level = 4
    requirement.save()
    assert levels() == [4]
    item = requirement.item
    item.statement = "Teaches hand hygiene"
    item.save()
    rows = api_client.get("/api/v1/competency-targets").json()
    assert next(row for row in rows if row["slug"] == "chw")["requirements"][0]["name"] == (
        item.name
    )
