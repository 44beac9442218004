"""Pseudonyms and k-anonymity on their own."""

from collections import Counter

import pytest

from praxis.core.errors import ValidationFailed
from praxis.research.anonymity import ANY, OTHER, k_anonymise, pseudonym


def test_pseudonyms_are_stable_within_a_project_and_differ_between_projects():
    assert pseudonym("secret-a", "learner") == pseudonym("secret-a", "learner")
    assert pseudonym("secret-a", "learner") != pseudonym("secret-b", "learner")
    assert len(pseudonym("secret-a", "learner")) == 64


def test_rare_organisations_become_other():
    people = {i: ("AFR", "nurses", "big hospital") for i in range(6)}
    people[6] = ("AFR", "nurses", "tiny clinic")
    people[7] = ("AFR", "nurses", "another clinic")
    people.update({i: ("AFR", "nurses", "third clinic") for i in range(8, 11)})
    result = k_anonymise(people, 5)
    assert set(result.rows.values()) == {
        ("AFR", "nurses", "big hospital"),
        ("AFR", "nurses", OTHER),
    }
    assert result.report["organisations_recoded_as_other"] == 3


def test_every_combination_kept_has_at_least_k_learners():
    people = {}
    regions, groups = ["AFR", "EUR", "SEAR"], ["nurses", "doctors", "midwives", "managers"]
    for i in range(200):
        people[i] = (regions[i % 3], groups[(i * 7) % 4], f"org {i % 9}")
    people[999] = ("WPR", "pharmacists", "lonely org")
    result = k_anonymise(people, 10)
    assert min(Counter(result.rows.values()).values()) >= 10
    assert 999 not in result.rows or result.rows[999][0] == ANY


def test_attributes_are_given_up_before_too_many_learners_are_suppressed():
    # every learner is unique on region, so regions must go
    people = {i: (f"R{i}", "nurses", "") for i in range(20)}
    result = k_anonymise(people, 5)
    assert "who_region" in result.report["attributes_removed"]
    assert result.report["learners_suppressed"] == 0


def test_a_k_that_cannot_be_met_is_a_clear_error():
    with pytest.raises(ValidationFailed) as error:
        k_anonymise({1: ("AFR", "nurses", "x")}, 5)
    assert error.value.code == "k_not_met"


def test_k_below_two_is_refused():
    with pytest.raises(ValidationFailed):
        k_anonymise({1: ("AFR", "nurses", "x")}, 1)
