"""Pseudonyms and k-anonymity for research exports.

A pseudonym is HMAC-SHA256 of the learner's UUID under the project's secret: stable within a
project, unlinkable between projects. The quasi-identifiers leave only generalised (country →
WHO region, occupation → ISCO group, organisation → its name, or "other" when fewer than k
learners share it, year of birth → a 10-year age band). If some combination still has fewer
than k learners, attributes are generalised further, the least damage first: age bands widen to
20 years, then whole attributes become "*" (the most identifying first); the learners left in
small groups are suppressed. Only the quasi-identifiers an export actually writes are counted.
"""

from __future__ import annotations

import datetime
import functools
import hashlib
import hmac
import itertools
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, ValidationFailed

ANY = "*"
OTHER = "other"
QUASI_IDENTIFIERS = ("who_region", "occupation_group", "organisation", "age_band")
# Order in which attributes are given up: the most identifying first.
GENERALISE_FIRST = ("organisation", "age_band", "occupation_group", "who_region")
# Share of learners that may be suppressed before a coarser generalisation is preferred.
MAX_SUPPRESSED_SHARE = 0.05
AGE_BAND_YEARS = 10
WIDE_AGE_BAND_YEARS = 20

Row = tuple[str, ...]


def pseudonym(secret: str, value: str) -> str:
    """The keyed hash of `value` under a project's `secret`, as 64 hex digits."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


def _band(low: int, years: int) -> str:
    start = low - low % years
    return f"{start}-{start + years - 1}"


def age_band(birth_year: int | None, on_year: int) -> str:
    """The 10-year band ("30-39") of someone born in `birth_year`, in `on_year`; "" if unknown."""
    if not birth_year or birth_year > on_year:
        return ""
    return _band(on_year - birth_year, AGE_BAND_YEARS)


def widen_age_band(band: str) -> str:
    """The 20-year band holding a 10-year band: "30-39" → "20-39"."""
    low, _sep, _high = band.partition("-")
    return _band(int(low), WIDE_AGE_BAND_YEARS) if low.isdigit() else band


# Each attribute's generalisation steps after its own value; the last step is always ANY.
LEVELS: dict[str, tuple[Callable[[str], str], ...]] = {
    "who_region": (lambda value: ANY,),
    "occupation_group": (lambda value: ANY,),
    "organisation": (lambda value: ANY,),
    "age_band": (widen_age_band, lambda value: ANY),
}
# What the report says each widening step did (the width of the bands, in years).
WIDENED_TO: dict[str, tuple[int, ...]] = {"age_band": (WIDE_AGE_BAND_YEARS,)}


@dataclass
class Anonymised:
    """The generalised quasi-identifiers of every learner kept, and what was done to them."""

    rows: dict[Any, Row]
    suppressed: set[Any] = field(default_factory=set)
    report: dict[str, Any] = field(default_factory=dict)


def _recode_rare(values: list[str], k: int) -> tuple[list[str], int]:
    counts = Counter(values)
    rare = {value for value, count in counts.items() if count < k and value not in (ANY, OTHER)}
    return [OTHER if value in rare else value for value in values], len(rare)


Node = tuple[int, ...]


def _node_order(attributes: Sequence[str]) -> list[Node]:
    """Every choice of generalisation level per attribute, least damage first: fewest
    attributes given up, then fewest widened, then the most identifying ones touched first."""
    weight = {name: i for i, name in enumerate(GENERALISE_FIRST)}
    nodes = list(itertools.product(*(range(len(LEVELS[a]) + 1) for a in attributes)))

    def cost(node: Node) -> tuple[int, int, list[int]]:
        removed = sum(
            1 for a, level in zip(attributes, node, strict=True) if level == len(LEVELS[a])
        )
        widened = sum(
            1 for a, level in zip(attributes, node, strict=True) if 0 < level < len(LEVELS[a])
        )
        touched = sorted(weight[a] for a, level in zip(attributes, node, strict=True) if level)
        return (removed, widened, touched)

    return sorted(nodes, key=cost)


def _generalise(row: Row, attributes: Sequence[str], node: Node) -> Row:
    values = []
    for value, name, level in zip(row, attributes, node, strict=True):
        for step in LEVELS[name][:level]:
            value = step(value) if value != ANY else ANY
        values.append(value)
    return tuple(values)


def k_anonymise(
    people: dict[Any, Row], k: int, attributes: Sequence[str] = QUASI_IDENTIFIERS
) -> Anonymised:
    """Generalise and suppress `people` (key → values of `attributes`, in that order) until
    every combination of those quasi-identifiers is shared by at least `k` of those kept."""
    if k < 2:
        raise ValidationFailed(fields={"k": [_("k must be at least 2.")]})
    if len(people) < k:
        raise ValidationFailed(
            ErrorCode.K_NOT_MET,
            _("There are fewer consenting learners (%(count)s) than k (%(k)s).")
            % {"count": len(people), "k": k},
        )
    unknown = set(attributes) - set(LEVELS)
    if unknown:
        raise ValueError(f"not quasi-identifiers: {sorted(unknown)}")
    keys = list(people)
    columns = [[people[key][i] or ANY for key in keys] for i in range(len(attributes))]
    recoded = 0
    if "organisation" in attributes:
        index = list(attributes).index("organisation")
        columns[index], recoded = _recode_rare(columns[index], k)
    originals: list[Row] = list(zip(*columns, strict=True)) if columns else [()] * len(keys)
    # Work on the distinct combinations and their counts, not on every learner.
    distinct = Counter(originals)
    allowed = int(len(keys) * MAX_SUPPRESSED_SHARE)
    order = _node_order(attributes)
    chosen: Node = order[-1]
    for node in order:
        counts: Counter[Row] = Counter()
        for row, count in distinct.items():
            counts[_generalise(row, attributes, node)] += count
        if sum(c for c in counts.values() if c < k) <= allowed:
            chosen = node
            break
    generalised = {row: _generalise(row, attributes, chosen) for row in distinct}
    group_sizes: defaultdict[Row, int] = defaultdict(int)
    for row, count in distinct.items():
        group_sizes[generalised[row]] += count
    kept: dict[Any, Row] = {}
    suppressed: set[Any] = set()
    for key, row in zip(keys, originals, strict=True):
        if group_sizes[generalised[row]] >= k:
            kept[key] = generalised[row]
        else:
            suppressed.add(key)
    kept_counts = Counter(kept.values())
    report = {
        "k": k,
        "quasi_identifiers": list(attributes),
        "learners_considered": len(keys),
        "learners_kept": len(kept),
        "learners_suppressed": len(suppressed),
        "organisations_recoded_as_other": recoded,
        "attributes_removed": [
            name
            for name, level in zip(attributes, chosen, strict=True)
            if level == len(LEVELS[name])
        ],
        "attributes_widened": {
            name: WIDENED_TO[name][level - 1]
            for name, level in zip(attributes, chosen, strict=True)
            if 0 < level < len(LEVELS[name])
        },
        "groups": len(kept_counts),
        "smallest_group": min(kept_counts.values()) if kept_counts else 0,
    }
    return Anonymised(rows=kept, suppressed=suppressed, report=report)


# Statements: the time, the verb and the activity are quasi-identifiers too. A public
# certificate gives its holder's course and completion time, so a row whose (learner's values,
# verb, activity, time) is shared by fewer than k learners would tie a pseudonym to a name.
# Times are written as the first day of their day, week or month; activities done by fewer
# than k learners become "other"; the time is coarsened further, the whole export at once,
# while more than MAX_SUPPRESSED_SHARE of the rows would be suppressed, then given up (unless
# that keeps no more rows); rows still in groups of fewer than k learners are left out.
PRECISIONS = ("day", "week", "month")
TIME_REMOVED = ""


@functools.lru_cache(maxsize=4096)  # called for every statement of an export, on few days
def period_start(day: datetime.date, precision: str) -> datetime.date:
    """The first day of the day, week (Monday) or month holding `day`."""
    if precision == "week":
        return day - datetime.timedelta(days=day.weekday())
    if precision == "month":
        return day.replace(day=1)
    return day


@functools.lru_cache(maxsize=4096)
def counting_day(day: datetime.date, precision: str) -> datetime.date:
    """The day a statement is counted under when times are asked at `precision`: the latest
    first day of its periods at that precision and every coarser one, which lies in each of
    them (a week crossing into a new month is counted in two parts), so the counts at every
    coarser step come from these without the day itself."""
    return max(period_start(day, step) for step in PRECISIONS[PRECISIONS.index(precision) :])


StatementKey = tuple[Row, str, str, datetime.date | None]


def _add_learners(held: set[Any] | None, more: set[Any] | None, k: int) -> set[Any] | None:
    """The union of two learner sets, or None once it holds k learners or more (None already
    stands for "k or more", so sets never grow past k)."""
    if held is None or more is None:
        return None
    union = held | more
    return None if len(union) >= k else union


@dataclass
class StatementPlan:
    """How each statement is written: its activity (or "other"), its time at `precision`
    (TIME_REMOVED: not at all), and whether its group is large enough to be kept."""

    rare_activities: set[str]
    precision: str
    allowed: set[StatementKey]
    report: dict[str, Any]

    def key(self, group: Row, verb: str, activity: str, day: datetime.date | None) -> StatementKey:
        if activity in self.rare_activities:
            activity = OTHER
        when = None if day is None or not self.precision else period_start(day, self.precision)
        return (group, verb, activity, when)


class StatementGroups:
    """Counts the rows and (up to k) the learners of each combination of a statement's
    quasi-identifiers at the finest level: the learner's generalised values, the verb, the
    activity and the day (each "" or None when the export does not write it)."""

    def __init__(self, k: int) -> None:
        self.k = k
        self.cells: dict[StatementKey, list[Any]] = {}
        self.rows = 0

    def add(
        self, learner: int, group: Row, verb: str, activity: str, day: datetime.date | None
    ) -> None:
        self.rows += 1
        key = (group, verb, activity, day)
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = [0, set()]
        cell[0] += 1
        learners = cell[1]
        if learners is not None and learner not in learners:
            learners.add(learner)
            if len(learners) >= self.k:
                cell[1] = None

    def _rare_activities(self) -> set[str]:
        learners: dict[str, set[Any] | None] = {}
        for (_group, _verb, activity, _day), (_rows, held) in self.cells.items():
            learners[activity] = _add_learners(learners.get(activity, set()), held, self.k)
        return {activity for activity, held in learners.items() if held is not None}

    def plan(self, precision: str, writes_activity: bool) -> StatementPlan:
        """The finest time precision from `precision` (TIME_REMOVED if time is not written)
        that suppresses at most MAX_SUPPRESSED_SHARE of the rows (else the one suppressing
        fewest), and the groups kept."""
        rare = self._rare_activities() if writes_activity else set()
        steps = [*PRECISIONS[PRECISIONS.index(precision) :], TIME_REMOVED] if precision else [""]
        allowed_rows = int(self.rows * MAX_SUPPRESSED_SHARE)
        best: tuple[int, StatementPlan] | None = None
        for step in steps:
            plan = StatementPlan(rare, step, set(), {})
            groups: dict[StatementKey, list[Any]] = {}
            for (group, verb, activity, day), (rows, held) in self.cells.items():
                key = plan.key(group, verb, activity, day)
                cell = groups.setdefault(key, [0, set()])
                cell[0] += rows
                cell[1] = _add_learners(cell[1], held, self.k)
            small = sum(rows for rows, held in groups.values() if held is not None)
            plan.allowed = {key for key, (_rows, held) in groups.items() if held is None}
            plan.report = {
                "time_precision_requested": precision,
                "time_precision": step,
                "activities_recoded_as_other": len(rare),
                "rows_suppressed": small,
            }
            if small <= allowed_rows:
                return plan
            # When no step is good enough, the one suppressing least, the finest of equals:
            # a coarser time that keeps no more rows is a loss for nothing.
            if best is None or small < best[0]:
                best = (small, plan)
        assert best is not None
        return best[1]
