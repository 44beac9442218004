import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from praxis.core.rows import the_row

pytestmark = pytest.mark.django_db


def test_the_row_a_unique_key_names_is_read_without_ordering() -> None:
    people = get_user_model().objects
    nurse = people.create_user(email="nurse@example.org", password="x-long-enough-2026")
    people.create_user(email="analyst@example.org", password="x-long-enough-2026")
    with CaptureQueriesContext(connection) as queries:
        found = the_row(people.filter(email="nurse@example.org"))
    assert found == nurse
    (statement,) = queries.captured_queries
    assert "ORDER BY" not in statement["sql"].upper()
    assert "LIMIT 1" in statement["sql"].upper()


def test_no_row_is_none() -> None:
    assert the_row(get_user_model().objects.filter(email="nobody@example.org")) is None


def test_a_value_list_gives_the_value() -> None:
    people = get_user_model().objects
    people.create_user(email="nurse@example.org", password="x-long-enough-2026")
    emails = people.filter(email="nurse@example.org").values_list("email", flat=True)
    assert the_row(emails) == "nurse@example.org"
