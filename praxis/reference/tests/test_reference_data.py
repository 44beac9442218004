"""The shipped reference data, as loaded by the migration."""

import datetime

import pytest

from praxis.reference.models import Occupation, RegionMembership
from praxis.reference.occupation_titles import OCCUPATION_TITLES
from praxis.reference.queries import countries_in_region, who_region

pytestmark = pytest.mark.django_db


def test_all_194_member_states_are_loaded_in_six_regions() -> None:
    countries = set(RegionMembership.objects.values_list("country", flat=True))
    assert len(countries) == 194
    assert set(RegionMembership.objects.values_list("region", flat=True)) == {
        "AFR",
        "AMR",
        "SEAR",
        "EUR",
        "EMR",
        "WPR",
    }


def test_indonesia_moved_from_south_east_asia_to_western_pacific_on_23_may_2025() -> None:
    assert who_region("ID", datetime.date(2025, 5, 22)) == "SEAR"
    assert who_region("ID", datetime.date(2025, 5, 23)) == "WPR"
    assert "ID" in countries_in_region("SEAR", datetime.date(2024, 1, 1))
    assert "ID" not in countries_in_region("SEAR", datetime.date(2026, 1, 1))


@pytest.mark.parametrize(
    ("country", "region"),
    [("KE", "AFR"), ("br", "AMR"), ("IN", "SEAR"), ("FR", "EUR"), ("EG", "EMR"), ("CN", "WPR")],
)
def test_region_is_derived_from_the_country(country: str, region: str) -> None:
    assert who_region(country) == region


@pytest.mark.parametrize("country", ["", "XX", "TW"])
def test_a_country_outside_the_member_states_has_no_region(country: str) -> None:
    assert who_region(country) is None


def test_isco_health_occupations_are_loaded_with_their_groups() -> None:
    nurse = Occupation.objects.get(isco08="2221")
    assert nurse.title == "Nursing professionals"
    assert nurse.group == Occupation.Group.HEALTH_PROFESSIONALS
    assert Occupation.objects.get(isco08="3253").title == "Community health workers"
    assert Occupation.objects.count() >= 40


def test_every_shipped_occupation_title_is_in_the_message_catalogue() -> None:
    assert {o.isco08: o.title for o in Occupation.objects.all()} == OCCUPATION_TITLES
