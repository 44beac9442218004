"""Pseudonyms and k-anonymity for research exports.

A pseudonym is HMAC-SHA256 of the learner's UUID under the project's secret: stable within a
project, unlinkable between projects. The quasi-identifiers leave only generalised (country →
WHO region, occupation → ISCO group, organisation → its name, or "other" when fewer than k
learners share it); if some combination still has fewer than k learners, whole attributes are
generalised to "*" (the least first) and the learners left in small groups are suppressed.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, ValidationFailed

ANY = "*"
OTHER = "other"
QUASI_IDENTIFIERS = ("who_region", "occupation_group", "organisation")
# Order in which whole attributes are given up: the most identifying first.
GENERALISE_FIRST = ("organisation", "occupation_group", "who_region")
# Share of learners that may be suppressed before a coarser generalisation is preferred.
MAX_SUPPRESSED_SHARE = 0.05

Row = tuple[str, str, str]


def pseudonym(secret: str, value: str) -> str:
    """The keyed hash of `value` under a project's `secret`, as 64 hex digits."""
    return hmac.new(secret.encode(), value.encode(), hashlib.sha256).hexdigest()


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


def _node_order() -> list[tuple[bool, ...]]:
    """Every choice of attributes to give up, fewest first, most identifying first."""
    weight = {name: i for i, name in enumerate(GENERALISE_FIRST)}
    nodes = list(itertools.product((False, True), repeat=len(QUASI_IDENTIFIERS)))

    def cost(node: tuple[bool, ...]) -> tuple[int, list[int]]:
        given_up = sorted(weight[n] for n, g in zip(QUASI_IDENTIFIERS, node, strict=True) if g)
        return (len(given_up), given_up)

    return sorted(nodes, key=cost)


def k_anonymise(people: dict[Any, Row], k: int) -> Anonymised:
    """Generalise and suppress `people` (key → (region, occupation group, organisation)) until
    every combination of quasi-identifiers is shared by at least `k` of those kept."""
    if k < 2:
        raise ValidationFailed(fields={"k": [_("k must be at least 2.")]})
    if len(people) < k:
        raise ValidationFailed(
            ErrorCode.K_NOT_MET,
            _("There are fewer consenting learners (%(count)s) than k (%(k)s).")
            % {"count": len(people), "k": k},
        )
    keys = list(people)
    columns = [[people[key][i] or ANY for key in keys] for i in range(len(QUASI_IDENTIFIERS))]
    org_index = QUASI_IDENTIFIERS.index("organisation")
    columns[org_index], recoded = _recode_rare(columns[org_index], k)
    allowed = int(len(keys) * MAX_SUPPRESSED_SHARE)
    chosen: tuple[bool, ...] = (True,) * len(QUASI_IDENTIFIERS)
    for node in _node_order():
        rows = _apply(columns, node)
        small = sum(c for c in Counter(rows).values() if c < k)
        if small <= allowed:
            chosen = node
            break
    rows = _apply(columns, chosen)
    counts = Counter(rows)
    kept: dict[Any, Row] = {}
    suppressed: set[Any] = set()
    for key, row in zip(keys, rows, strict=True):
        if counts[row] >= k:
            kept[key] = row
        else:
            suppressed.add(key)
    kept_counts = Counter(kept.values())
    report = {
        "k": k,
        "learners_considered": len(keys),
        "learners_kept": len(kept),
        "learners_suppressed": len(suppressed),
        "organisations_recoded_as_other": recoded,
        "attributes_removed": [
            name for name, gone in zip(QUASI_IDENTIFIERS, chosen, strict=True) if gone
        ],
        "groups": len(kept_counts),
        "smallest_group": min(kept_counts.values()) if kept_counts else 0,
    }
    return Anonymised(rows=kept, suppressed=suppressed, report=report)


def _apply(columns: list[list[str]], node: tuple[bool, ...]) -> list[Row]:
    generalised = [
        [ANY] * len(column) if gone else column for column, gone in zip(columns, node, strict=True)
    ]
    return [(a, b, c) for a, b, c in zip(*generalised, strict=True)]
