"""Effect sizes and intervals against values computed by hand and in R."""

import pytest

from praxis.research.statistics import (
    cohens_d,
    mean_difference,
    regularised_beta,
    risk_difference,
    t_quantile,
)


@pytest.mark.parametrize(
    ("df", "expected"),
    [(1, 12.706204736), (5, 2.570581836), (10, 2.228138852), (30, 2.042272456), (38, 2.024394164)],
)
def test_t_quantile_matches_tables(df: int, expected: float) -> None:
    assert t_quantile(0.975, df) == pytest.approx(expected, abs=1e-8)


def test_regularised_beta_matches_known_values() -> None:
    assert regularised_beta(2, 3, 0.4) == pytest.approx(0.5248, abs=1e-10)
    assert regularised_beta(0.5, 0.5, 0.5) == pytest.approx(0.5, abs=1e-12)


def test_risk_difference_with_wald_interval() -> None:
    estimate = risk_difference(30, 50, 20, 50)
    assert estimate is not None
    assert estimate.value == pytest.approx(0.2)
    assert estimate.low == pytest.approx(0.0079635, abs=1e-6)
    assert estimate.high == pytest.approx(0.3920365, abs=1e-6)


def test_risk_difference_of_an_empty_group_is_none() -> None:
    assert risk_difference(1, 0, 2, 10) is None


def _sample(mean: float, sd: float, n: int) -> list[float]:
    """n values with exactly this mean and sample standard deviation."""
    half = n // 2
    spread = sd * ((n - 1) / n) ** 0.5
    return [mean + spread] * half + [mean - spread] * half


def test_welch_interval_of_a_mean_difference() -> None:
    treated, control = _sample(11, 2, 20), _sample(10, 2, 20)
    estimate = mean_difference(treated, control)
    # se = √(4/20 + 4/20) = 0.632456, Welch df = 38, t = 2.024394
    assert estimate is not None
    assert estimate.value == pytest.approx(1.0)
    assert estimate.low == pytest.approx(1 - 2.024394164 * 0.632455532, abs=1e-6)
    assert estimate.high == pytest.approx(1 + 2.024394164 * 0.632455532, abs=1e-6)


def test_welch_interval_uses_the_welch_satterthwaite_degrees_of_freedom() -> None:
    # Variances 2.5 (n=5) and 14 (n=6): se = √(0.5 + 2.3333) = 1.683251, df = 6.9722,
    # so the t quantile lies between the table values for 6 (2.446912) and 7 (2.364624)
    # degrees of freedom, just above the latter.
    estimate = mean_difference([1, 2, 3, 4, 5], [2, 4, 6, 8, 10, 12])
    assert estimate is not None
    assert estimate.value == pytest.approx(-4.0)
    margin = (estimate.high - estimate.low) / 2
    assert 2.364624 < margin / 1.683251 < 2.3700
    assert margin / 1.683251 == pytest.approx(t_quantile(0.975, 6.972222), abs=1e-5)


def test_cohens_d_with_its_interval() -> None:
    estimate = cohens_d(_sample(11, 2, 20), _sample(10, 2, 20))
    assert estimate is not None
    assert estimate.value == pytest.approx(0.5)
    # se = √(40/400 + 0.25/80) = 0.321131
    assert estimate.low == pytest.approx(0.5 - 1.959964 * 0.3211308, abs=1e-5)
    assert estimate.high == pytest.approx(0.5 + 1.959964 * 0.3211308, abs=1e-5)


def test_too_few_values_give_no_estimate() -> None:
    assert mean_difference([1.0], [1.0, 2.0]) is None
    assert cohens_d([1.0, 1.0], [1.0, 1.0]) is None
