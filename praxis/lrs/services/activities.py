"""The Activities resource's memory: every definition a statement gives is merged into one."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from praxis.lrs.models import Activity
from praxis.lrs.services.rows import rows_where_in

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
            definition = item.get("definition")
            if isinstance(definition, dict) and definition:
                earlier = seen.get(item["id"])
                seen[item["id"]] = (
                    definition if earlier is None else merge_definition(earlier, definition)
                )
    if not seen:
        return
    # Plain values rather than model instances: most activities are described again as they
    # were, and only the changed ones become instances to update.
    stored = {
        activity_id: (pk, definition)
        for pk, activity_id, definition in rows_where_in(
            Activity, "activity_id", list(seen), ("id", "activity_id", "definition")
        )
    }
    changed = []
    for activity_id, definition in seen.items():
        if (known := stored.get(activity_id)) is not None:
            pk, old = known
            merged = merge_definition(old, definition)
            if merged != old:
                changed.append(
                    Activity(pk=pk, activity_id=activity_id, definition=merged, updated=now)
                )
    if changed:
        Activity.objects.bulk_update(changed, ["definition", "updated"])
    fresh = [
        Activity(activity_id=activity_id, definition=definition, updated=now)
        for activity_id, definition in seen.items()
        if activity_id not in stored
    ]
    if fresh:
        # A concurrent request may describe the same new activity first; its row stands.
        Activity.objects.bulk_create(fresh, ignore_conflicts=True)
