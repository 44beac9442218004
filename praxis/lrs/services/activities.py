"""The Activities resource's memory: every definition a statement gives is merged into one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from praxis.lrs.models import Activity

LANGUAGE_MAPS = ("name", "description")


def activities_in(statement: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every activity object in a statement that carries a definition."""
    target = statement.get("object", {})
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        yield target
    for items in ((statement.get("context") or {}).get("contextActivities") or {}).values():
        yield from items
    if kind == "SubStatement":
        yield from activities_in(target)


def merge_definition(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    merged = {**old, **new}
    for key in LANGUAGE_MAPS:
        if isinstance(old.get(key), dict) and isinstance(new.get(key), dict):
            merged[key] = {**old[key], **new[key]}
    return merged


def remember_activities(statements: Iterable[dict[str, Any]], now: datetime) -> None:
    """Merge the definitions in `statements` into the Activity rows, in the caller's transaction."""
    seen: dict[str, dict[str, Any]] = {}
    for statement in statements:
        for item in activities_in(statement):
            if isinstance(item.get("definition"), dict) and item["definition"]:
                seen[item["id"]] = merge_definition(seen.get(item["id"], {}), item["definition"])
    if not seen:
        return
    existing = {a.activity_id: a for a in Activity.objects.filter(activity_id__in=list(seen))}
    changed = []
    for activity_id, definition in seen.items():
        if (row := existing.get(activity_id)) is not None:
            merged = merge_definition(row.definition, definition)
            if merged != row.definition:
                row.definition, row.updated = merged, now
                changed.append(row)
    Activity.objects.bulk_update(changed, ["definition", "updated"])
    Activity.objects.bulk_create(
        [
            Activity(activity_id=activity_id, definition=definition, updated=now)
            for activity_id, definition in seen.items()
            if activity_id not in existing
        ],
        # A concurrent request may describe the same new activity first; its row stands.
        ignore_conflicts=True,
    )
