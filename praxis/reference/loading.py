"""Reading the shipped CSV files; used by the data migration and its tests."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"

# Indonesia left the South-East Asia Region for the Western Pacific Region on this day (WHA78).
INDONESIA_MOVE = datetime.date(2025, 5, 23)


def occupation_rows() -> Iterator[dict[str, str]]:
    with (DATA / "isco08_health.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            yield {"isco08": row["isco08"], "title": row["title"], "group": row["who_hw_group"]}


def membership_rows() -> Iterator[dict[str, Any]]:
    with (DATA / "who_member_states.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            base = {"country": row["iso2"], "iso3": row["iso3"]}
            if row["iso3"] == "IDN":
                yield {**base, "region": "SEAR", "valid_from": None, "valid_to": INDONESIA_MOVE}
                yield {**base, "region": "WPR", "valid_from": INDONESIA_MOVE, "valid_to": None}
            else:
                yield {**base, "region": row["who_region"], "valid_from": None, "valid_to": None}


def ensure_loaded(occupation_model: Any, membership_model: Any) -> None:
    """Load the reference rows unless they are there; the data migration and tests share it."""
    if not occupation_model.objects.exists():
        occupation_model.objects.bulk_create(occupation_model(**row) for row in occupation_rows())
    if not membership_model.objects.exists():
        membership_model.objects.bulk_create(membership_model(**row) for row in membership_rows())
