"""The partner directory API, checked against its OpenAPI description."""

import datetime

import pytest
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.organisations.tests.factories import CollaboratingCentreFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_partners_are_listed_with_region_and_centre_status(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    OrganisationFactory.create(name="Jakarta Nursing Academy", country="ID")
    CollaboratingCentreFactory.create(
        organisation__country="KE", designated_on=datetime.date(2015, 1, 1)
    )
    with django_assert_num_queries(4):
        body = api_client.get("/api/v1/partners?region=WPR").json()
    assert [item["name"] for item in body["items"]] == ["Jakarta Nursing Academy"]
    assert body["items"][0]["region"] == "WPR"
    expired = api_client.get("/api/v1/partners?status=expired").json()["items"]
    assert expired[0]["collaborating_centre"]["status"] == "expired"


def test_bad_filters_are_400_and_unknown_partner_404(api_client: SchemaCheckedClient) -> None:
    assert api_client.get("/api/v1/partners?type=spaceship").status_code == 400
    assert api_client.get("/api/v1/partners?size=1000").status_code == 400
    response = api_client.get("/api/v1/partners/nobody")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
