"""The analytics API: the dashboard's tables as JSON, scoped and suppressed alike."""

from typing import Any, TypedDict

import pytest

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.accounts.tests.factories import StaffFactory, UserFactory
from praxis.catalog.models import Course, Enrolment
from praxis.catalog.tests.factories import course_with_lessons
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/research/analytics"


class Partners(TypedDict):
    a: Course
    b: Course
    admin: User


@pytest.fixture
def partners() -> Partners:
    """Courses of organisations A and B with 6 and 2 learners in Kenya; an admin of A."""
    organisation_a, organisation_b = OrganisationFactory.create(), OrganisationFactory.create()
    course_a = course_with_lessons(modules=1, lessons_per_module=1)
    course_b = course_with_lessons(modules=1, lessons_per_module=1)
    course_a.organisations.add(organisation_a)
    course_b.organisations.add(organisation_b)
    for course, count in ((course_a, 6), (course_b, 2)):
        for _ in range(count):
            Enrolment.objects.create(learner=UserFactory.create(country="KE"), course=course)
    admin = MembershipFactory.create(organisation=organisation_a, role=Role.ADMIN).user
    return {"a": course_a, "b": course_b, "admin": admin}


def _table(body: dict[str, Any], key: str) -> dict[str, Any]:
    return next(table for table in body["tables"] if table["key"] == key)


def test_staff_get_every_table_with_suppressed_cells_as_null(
    api_client: SchemaCheckedClient, partners: Partners
) -> None:
    api_client.client.force_login(StaffFactory.create())
    body = api_client.get(f"{URL}?course={partners['b'].slug}").json()
    assert body["course"] == partners["b"].slug
    assert body["all_courses"] is True
    by_country = _table(body, "by-country")
    assert by_country["columns"] == ["Learners", "Enrolments", "Completion rate (%)"]
    assert by_country["rows"] == [{"label": "Kenya", "values": [None, None, None]}]
    assert by_country["suppressed"] == 1
    everything = api_client.get(URL).json()
    assert _table(everything, "by-country")["rows"][0]["values"] == [8, 8, 0]
    assert {"attendance", "knowledge-gain", "survey"} <= {
        table["key"] for table in everything["tables"]
    }


def test_organisation_admin_gets_only_their_courses(
    api_client: SchemaCheckedClient, partners: Partners
) -> None:
    api_client.client.force_login(partners["admin"])
    body = api_client.get(URL).json()
    assert body["all_courses"] is False
    assert _table(body, "by-country")["rows"][0]["values"] == [6, 6, 0]
    assert "attendance" not in {table["key"] for table in body["tables"]}
    assert api_client.get(f"{URL}?course={partners['a'].slug}").status_code == 200
    refused = api_client.get(f"{URL}?course={partners['b'].slug}")
    assert refused.status_code == 404
    assert refused.json()["error"]["code"] == "not_found"


def test_anonymous_callers_and_learners_are_refused(api_client: SchemaCheckedClient) -> None:
    assert api_client.get(URL).status_code == 401
    api_client.client.force_login(UserFactory.create())
    refused = api_client.get(URL)
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "permission_denied"
