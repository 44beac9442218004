"""The API's lists of partners and networks, the same for every caller: kept, current after
every change, and read by a signed-in caller without reading them again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from pytest_django import DjangoAssertNumQueries

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.organisations import services
from praxis.organisations.tests.factories import (
    CollaboratingCentreFactory,
    NetworkFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def names(client: SchemaCheckedClient, path: str = "/api/v1/partners") -> list[str]:
    return [row["name"] for row in client.get(path).json()["items"]]


def test_a_partner_list_asked_again_reads_nothing_and_shows_each_change(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    ministry = OrganisationFactory.create(name="Ministry of Health")
    OrganisationFactory.create(name="Nursing school")
    assert names(api_client) == ["Ministry of Health", "Nursing school"]
    with django_assert_num_queries(0):
        assert names(api_client) == ["Ministry of Health", "Nursing school"]
    # A search is its own entry, written in any order.
    assert names(api_client, "/api/v1/partners?q=school&page=1") == ["Nursing school"]
    services.update_organisation(ministry, StaffFactory.create(), name="Ministry of Health, Kenya")
    assert names(api_client) == ["Ministry of Health, Kenya", "Nursing school"]
    CollaboratingCentreFactory.create(organisation=ministry, reference_number="KEN-42")
    assert names(api_client, "/api/v1/partners?q=KEN-42") == ["Ministry of Health, Kenya"]


def test_a_signed_in_caller_reads_the_kept_list(client: Client) -> None:
    OrganisationFactory.create(name="Ministry of Health")
    visitor = Client().get("/api/v1/partners").json()
    client.force_login(UserFactory.create())
    with CaptureQueriesContext(connection) as queries:
        answer = client.get("/api/v1/partners").json()
    assert answer == visitor
    assert not [q for q in queries.captured_queries if "organisations_" in q["sql"]]


def test_a_network_s_members_show_as_they_join_and_leave(
    api_client: SchemaCheckedClient, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    network = NetworkFactory.create(name="Nursing schools of the region")
    school = OrganisationFactory.create()
    staff = StaffFactory.create()

    def members() -> list[int]:
        return [row["current_members"] for row in api_client.get("/api/v1/networks").json()]

    assert members() == [0]
    services.join_network(network, school, staff)
    assert members() == [1]
    with django_assert_num_queries(0):
        assert members() == [1]
    services.leave_network(network, school, staff)
    assert members() == [0]
