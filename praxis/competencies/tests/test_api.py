"""Framework API: listing, tree, CASE export and import with its refusals."""

import json

import pytest
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.competencies.models import Framework
from praxis.competencies.tests.test_case import small_package

pytestmark = pytest.mark.django_db


def test_frameworks_list_the_shipped_skeletons(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(1):
        response = api_client.get("/api/v1/frameworks")
    slugs = {row["slug"] for row in response.json()}
    assert {"who-gcof-uhc-2022", "who-gcof-ephf-2024"} <= slugs


def test_framework_tree_is_depth_first_with_the_scale(api_client: SchemaCheckedClient) -> None:
    body = api_client.get("/api/v1/frameworks/who-gcof-uhc-2022").json()
    assert body["items"][0]["code"] == "1" and body["items"][0]["depth"] == 0
    assert len(body["scale"]) == 5
    practice = next(item for item in body["items"] if item["code"] == "PA1.1")
    assert practice["depth"] == 2


def test_case_export_imports_back_unchanged(api_client: SchemaCheckedClient, staff: User) -> None:
    exported = api_client.get("/api/v1/frameworks/who-gcof-ephf-2024/case").json()
    Framework.objects.filter(slug="who-gcof-ephf-2024").delete()
    api_client.force_login(staff)
    response = api_client.post("/api/v1/frameworks", data=json.dumps(exported))
    assert response.status_code == 201
    slug = response.json()["slug"]
    assert api_client.get(f"/api/v1/frameworks/{slug}/case").json() == exported


@pytest.mark.parametrize(
    ("body", "code"),
    [("{nope", "case_invalid_json"), ('{"CFItems": []}', "case_schema_violation")],
    ids=["not-json", "schema"],
)
def test_bad_case_files_are_refused_with_their_code(
    api_client: SchemaCheckedClient, staff: User, body: str, code: str
) -> None:
    api_client.force_login(staff)
    response = api_client.post("/api/v1/frameworks", data=body)
    assert response.status_code == 400
    assert response.json()["error"]["code"] == code


def test_case_import_needs_staff(api_client: SchemaCheckedClient, learner: User) -> None:
    api_client.force_login(learner)
    assert api_client.post("/api/v1/frameworks", data=small_package()).status_code == 403


def test_unknown_framework_is_not_found(api_client: SchemaCheckedClient) -> None:
    assert api_client.get("/api/v1/frameworks/nothing-here").status_code == 404
