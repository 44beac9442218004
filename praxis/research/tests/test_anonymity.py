"""Pseudonyms, age bands and k-anonymity on their own."""

import datetime
from collections import Counter

import pytest

from praxis.core.errors import ValidationFailed
from praxis.research.anonymity import (
    ANY,
    OTHER,
    StatementGroups,
    age_band,
    counting_day,
    k_anonymise,
    period_start,
    pseudonym,
    widen_age_band,
)


def test_pseudonyms_are_stable_within_a_project_and_differ_between_projects() -> None:
    assert pseudonym("secret-a", "learner") == pseudonym("secret-a", "learner")
    assert pseudonym("secret-a", "learner") != pseudonym("secret-b", "learner")
    assert len(pseudonym("secret-a", "learner")) == 64


def test_age_bands_are_ten_years_wide_and_unknown_years_give_none() -> None:
    assert age_band(1990, 2026) == "30-39"
    assert age_band(1996, 2026) == "30-39"
    assert age_band(1997, 2026) == "20-29"
    assert age_band(None, 2026) == ""
    assert age_band(2030, 2026) == ""
    assert widen_age_band("30-39") == "20-39"
    assert widen_age_band("40-49") == "40-59"
    assert widen_age_band(ANY) == ANY


def test_rare_organisations_become_other() -> None:
    people: dict[int, tuple[str, ...]] = {
        i: ("AFR", "nurses", "big hospital", "30-39") for i in range(6)
    }
    people[6] = ("AFR", "nurses", "tiny clinic", "30-39")
    people[7] = ("AFR", "nurses", "another clinic", "30-39")
    people.update({i: ("AFR", "nurses", "third clinic", "30-39") for i in range(8, 11)})
    result = k_anonymise(people, 5)
    assert set(result.rows.values()) == {
        ("AFR", "nurses", "big hospital", "30-39"),
        ("AFR", "nurses", OTHER, "30-39"),
    }
    assert result.report["organisations_recoded_as_other"] == 3


def test_every_combination_kept_has_at_least_k_learners() -> None:
    people: dict[int, tuple[str, ...]] = {}
    regions, groups = ["AFR", "EUR", "SEAR"], ["nurses", "doctors", "midwives", "managers"]
    bands = ["20-29", "30-39", "40-49", "50-59", ""]
    for i in range(200):
        people[i] = (regions[i % 3], groups[(i * 7) % 4], f"org {i % 9}", bands[(i * 3) % 5])
    people[999] = ("WPR", "pharmacists", "lonely org", "60-69")
    result = k_anonymise(people, 10)
    assert min(Counter(result.rows.values()).values()) >= 10
    assert 999 not in result.rows or result.rows[999][0] == ANY


def test_age_bands_widen_to_twenty_years_before_being_given_up() -> None:
    # pairs of 10-year bands are small, the 20-year bands holding them are not
    people: dict[int, tuple[str, ...]] = {i: ("AFR", "nurses", "", "30-39") for i in range(3)}
    people.update({i: ("AFR", "nurses", "", "20-29") for i in range(3, 6)})
    people.update({i: ("AFR", "nurses", "", "40-49") for i in range(6, 9)})
    people.update({i: ("AFR", "nurses", "", "50-59") for i in range(9, 12)})
    result = k_anonymise(people, 5)
    assert result.report["attributes_widened"] == {"age_band": 20}
    assert result.report["attributes_removed"] == []
    assert {row[3] for row in result.rows.values()} == {"20-39", "40-59"}
    assert result.report["learners_suppressed"] == 0


def test_age_bands_are_given_up_when_widening_is_not_enough() -> None:
    people: dict[int, tuple[str, ...]] = {
        i: ("AFR", "nurses", "", f"{20 + 20 * i}-{29 + 20 * i}") for i in range(4)
    }
    people.update({i: ("AFR", "nurses", "", "") for i in range(4, 6)})
    result = k_anonymise(people, 5)
    assert result.report["attributes_removed"] == ["age_band"]
    assert {row[3] for row in result.rows.values()} == {ANY}


def test_only_the_attributes_given_are_counted() -> None:
    # unique organisations do not matter when the organisation is not exported
    people: dict[int, tuple[str, ...]] = {i: ("AFR", "30-39") for i in range(5)}
    result = k_anonymise(people, 5, attributes=("who_region", "age_band"))
    assert result.report["quasi_identifiers"] == ["who_region", "age_band"]
    assert result.report["attributes_removed"] == []
    assert set(result.rows.values()) == {("AFR", "30-39")}


def test_with_no_quasi_identifiers_everyone_is_one_group() -> None:
    result = k_anonymise({i: () for i in range(5)}, 5, attributes=())
    assert len(result.rows) == 5
    assert result.report["groups"] == 1


def test_attributes_are_given_up_before_too_many_learners_are_suppressed() -> None:
    # every learner is unique on region, so regions must go
    people: dict[int, tuple[str, ...]] = {i: (f"R{i}", "nurses", "", "") for i in range(20)}
    result = k_anonymise(people, 5)
    assert "who_region" in result.report["attributes_removed"]
    assert result.report["learners_suppressed"] == 0


def test_a_k_that_cannot_be_met_is_a_clear_error() -> None:
    with pytest.raises(ValidationFailed) as error:
        k_anonymise({1: ("AFR", "nurses", "x", "")}, 5)
    assert error.value.code == "k_not_met"


def test_k_below_two_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        k_anonymise({1: ("AFR", "nurses", "x", "")}, 1)


MONDAY = datetime.date(2026, 11, 30)
GROUP = ("AFR",)


def _statements(
    days: list[datetime.date], k: int = 5, verb: str = "completed", activity: str = "course-a"
) -> StatementGroups:
    groups = StatementGroups(k)
    for learner, day in enumerate(days):
        groups.add(learner, GROUP, verb, activity, day)
    return groups


def test_the_time_is_made_coarser_until_each_row_is_shared_by_k_learners() -> None:
    # five learners over three days of one week: no day has five, the week has
    days = [MONDAY, MONDAY, MONDAY + datetime.timedelta(1), MONDAY + datetime.timedelta(2)] * 2
    plan = _statements(days[:5]).plan("day", writes_activity=True)
    assert plan.precision == "week"
    assert plan.report["rows_suppressed"] == 0
    assert plan.key(GROUP, "completed", "course-a", MONDAY + datetime.timedelta(2)) in plan.allowed


def test_the_time_is_kept_when_no_coarser_time_keeps_more_rows() -> None:
    groups = _statements([MONDAY] * 5)
    groups.add(99, GROUP, "passed", "course-a", MONDAY)  # alone with its verb at any precision
    plan = groups.plan("day", writes_activity=True)
    assert plan.precision == "day"
    assert plan.report["rows_suppressed"] == 1
    assert plan.key(GROUP, "passed", "course-a", MONDAY) not in plan.allowed


def test_an_activity_done_by_fewer_than_k_learners_is_other() -> None:
    groups = _statements([MONDAY] * 3, activity="rare-a")
    for learner in (10, 11):
        groups.add(learner, GROUP, "completed", "rare-b", MONDAY)
    plan = groups.plan("day", writes_activity=True)
    assert plan.rare_activities == {"rare-a", "rare-b"}
    assert plan.key(GROUP, "completed", "rare-a", MONDAY)[2] == OTHER
    assert plan.report["rows_suppressed"] == 0


def test_a_statement_is_counted_under_a_day_in_each_of_its_coarser_periods() -> None:
    # Wednesday 2 December 2026: its week began on Monday 30 November, in another month
    day = datetime.date(2026, 12, 2)
    for precision in ("day", "week", "month"):
        counted = counting_day(day, precision)
        for step in ("day", "week", "month")[("day", "week", "month").index(precision) :]:
            assert period_start(counted, step) == period_start(day, step)
    assert counting_day(day, "week") == datetime.date(2026, 12, 1)
