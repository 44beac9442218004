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
