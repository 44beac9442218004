"""The three statement formats of GET /xapi/statements: exact, ids and canonical."""

from __future__ import annotations

from typing import Any

LANGUAGE_MAPS = {"display", "name", "description"}


def ids_format(statement: dict[str, Any]) -> dict[str, Any]:
    """Agents, groups, activities and verbs reduced to their identifiers."""
    out = dict(statement)
    out["actor"] = _actor_ids(statement["actor"])
    out["verb"] = {"id": statement["verb"]["id"]}
    out["object"] = _object_ids(statement["object"])
    if "authority" in statement:
        out["authority"] = _actor_ids(statement["authority"])
    if context := statement.get("context"):
        context = dict(context)
        for role in ("instructor", "team"):
            if role in context:
                context[role] = _actor_ids(context[role])
        if activities := context.get("contextActivities"):
            context["contextActivities"] = {
                kind: [_object_ids(a) for a in (items if isinstance(items, list) else [items])]
                for kind, items in activities.items()
            }
        out["context"] = context
    return out


def _actor_ids(actor: dict[str, Any]) -> dict[str, Any]:
    kept = {
        k: v
        for k, v in actor.items()
        if k in {"objectType", "mbox", "mbox_sha1sum", "openid", "account"}
    }
    if actor.get("objectType") == "Group" and not any(
        k in actor for k in ("mbox", "mbox_sha1sum", "openid", "account")
    ):
        kept["member"] = [_actor_ids(m) for m in actor.get("member", [])]
    return kept


def _object_ids(target: dict[str, Any]) -> dict[str, Any]:
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        return {"id": target["id"]}
    if kind in {"Agent", "Group"}:
        return _actor_ids(target)
    if kind == "SubStatement":
        sub = ids_format({**target})
        return sub
    return target


def canonical_format(value: Any, languages: list[str]) -> Any:
    """Every language map reduced to the one entry that best suits the Accept-Language list."""
    if isinstance(value, list):
        return [canonical_format(item, languages) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if (
            key in LANGUAGE_MAPS
            and isinstance(item, dict)
            and item
            and all(isinstance(text, str) for text in item.values())
        ):
            out[key] = _pick(item, languages)
        elif key == "extensions":
            out[key] = item
        else:
            out[key] = canonical_format(item, languages)
    return out


def _pick(language_map: dict[str, str], languages: list[str]) -> dict[str, str]:
    lowered = {tag.lower(): tag for tag in language_map}
    for wanted in languages:
        wanted = wanted.lower()
        if wanted in lowered:
            return {lowered[wanted]: language_map[lowered[wanted]]}
        for tag in lowered:
            if tag.split("-")[0] == wanted.split("-")[0]:
                return {lowered[tag]: language_map[lowered[tag]]}
    first = next(iter(language_map))
    return {first: language_map[first]}


def accepted_languages(header: str) -> list[str]:
    weighted = []
    for part in header.split(","):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and tag != "*":
            weighted.append((quality, tag))
    return [tag for _, tag in sorted(weighted, key=lambda pair: -pair[0])]
