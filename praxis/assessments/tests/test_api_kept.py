"""The API's list of pathways, the same for every caller: kept until a pathway changes."""

from __future__ import annotations

import pytest
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.assessments.tests.factories import PathwayFactory

pytestmark = pytest.mark.django_db


def test_the_pathway_list_is_kept_until_a_pathway_changes(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    first = PathwayFactory.create(slug="ipc-focal-person")

    def slugs() -> list[str]:
        return [row["slug"] for row in api_client.get("/api/v1/pathways").json()]

    assert slugs() == ["ipc-focal-person"]
    with django_assert_num_queries(0):
        assert slugs() == ["ipc-focal-person"]
    PathwayFactory.create(slug="triage-nurse")
    assert sorted(slugs()) == ["ipc-focal-person", "triage-nurse"]
    first.published = False
    first.save()
    assert slugs() == ["triage-nurse"]
