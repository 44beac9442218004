"""Effect sizes and 95% confidence intervals for two-group comparisons.

- Proportions: risk difference with the Wald interval, p₁ − p₀ ± z·√(p₁q₁/n₁ + p₀q₀/n₀).
- Means: difference with Welch's interval (t quantile at the Welch–Satterthwaite degrees of
  freedom), and Cohen's d on the pooled standard deviation with the large-sample standard error
  √((n₁+n₀)/(n₁n₀) + d²/(2(n₁+n₀))) (Hedges and Olkin, 1985).
The t quantile is found by bisection on the t distribution function, written through the
regularised incomplete beta function (its continued fraction, evaluated by Lentz's method).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist, fmean, stdev

CONFIDENCE = 0.95
Z = NormalDist().inv_cdf(0.5 + CONFIDENCE / 2)


@dataclass(frozen=True)
class Estimate:
    value: float
    low: float
    high: float


def _beta_continued_fraction(a: float, b: float, x: float) -> float:
    tiny, eps = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < eps:
            break
    return result


def regularised_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b) for 0 ≤ x ≤ 1."""
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_continued_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(b, a, 1 - x) / b


def t_cdf(t: float, df: float) -> float:
    tail = 0.5 * regularised_beta(df / 2, 0.5, df / (df + t * t))
    return 1 - tail if t >= 0 else tail


def t_quantile(p: float, df: float) -> float:
    """The p-quantile of Student's t with `df` degrees of freedom (0.5 < p < 1)."""
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        high *= 2
    for _ in range(200):
        middle = (low + high) / 2
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
        if high - low < 1e-12:
            break
    return (low + high) / 2


def risk_difference(events1: int, n1: int, events0: int, n0: int) -> Estimate | None:
    """p₁ − p₀ with its 95% Wald interval; None when a group is empty."""
    if n1 <= 0 or n0 <= 0:
        return None
    p1, p0 = events1 / n1, events0 / n0
    se = math.sqrt(p1 * (1 - p1) / n1 + p0 * (1 - p0) / n0)
    diff = p1 - p0
    return Estimate(diff, diff - Z * se, diff + Z * se)


def mean_difference(values1: list[float], values0: list[float]) -> Estimate | None:
    """mean₁ − mean₀ with Welch's 95% interval; None with fewer than two values a group."""
    n1, n0 = len(values1), len(values0)
    if n1 < 2 or n0 < 2:
        return None
    v1, v0 = stdev(values1) ** 2 / n1, stdev(values0) ** 2 / n0
    diff = fmean(values1) - fmean(values0)
    se = math.sqrt(v1 + v0)
    if se == 0:
        return Estimate(diff, diff, diff)
    df = (v1 + v0) ** 2 / (v1**2 / (n1 - 1) + v0**2 / (n0 - 1))
    margin = t_quantile(0.5 + CONFIDENCE / 2, df) * se
    return Estimate(diff, diff - margin, diff + margin)


def cohens_d(values1: list[float], values0: list[float]) -> Estimate | None:
    """Cohen's d (pooled standard deviation) with its large-sample 95% interval."""
    n1, n0 = len(values1), len(values0)
    if n1 < 2 or n0 < 2:
        return None
    pooled = math.sqrt(
        ((n1 - 1) * stdev(values1) ** 2 + (n0 - 1) * stdev(values0) ** 2) / (n1 + n0 - 2)
    )
    if pooled == 0:
        return None
    d = (fmean(values1) - fmean(values0)) / pooled
    se = math.sqrt((n1 + n0) / (n1 * n0) + d * d / (2 * (n1 + n0)))
    return Estimate(d, d - Z * se, d + Z * se)
