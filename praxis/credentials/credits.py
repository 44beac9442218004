"""CPD credit arithmetic: hours to credits in a system, rounding to its step, daily caps."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from typing import Protocol


class CreditRules(Protocol):
    credits_per_hour: Decimal
    step: Decimal
    rounding: str
    daily_cap: Decimal | None


def round_to_step(amount: Decimal, rules: CreditRules) -> Decimal:
    """`amount` rounded to the system's step: down (AMA, EACCME) or to the nearest (IACET)."""
    step = Decimal(rules.step)
    if step <= 0:
        return amount
    mode = ROUND_FLOOR if rules.rounding == "down" else ROUND_HALF_UP
    return ((Decimal(amount) / step).quantize(Decimal(1), rounding=mode) * step).quantize(
        Decimal("0.01")
    )


def credits_for_hours(hours: Decimal, rules: CreditRules) -> Decimal:
    """Credits earned for `hours` of contact time, before any daily cap."""
    return round_to_step(Decimal(hours) * Decimal(rules.credits_per_hour), rules)


def cap_by_day(lines: Iterable[tuple[date, Decimal]], rules: CreditRules) -> Decimal:
    """The total of (day, credits) lines with no day counting above the system's daily cap."""
    per_day: dict[date, Decimal] = defaultdict(Decimal)
    for day, amount in lines:
        per_day[day] += Decimal(amount)
    cap = rules.daily_cap
    return sum(
        ((min(total, Decimal(cap)) if cap is not None else total) for total in per_day.values()),
        Decimal("0"),
    )
