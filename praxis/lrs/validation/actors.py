"""Agents, Groups and their inverse functional identifiers."""

from __future__ import annotations

from typing import Any

from praxis.lrs.validation.primitives import (
    MAX_AGENT_KEY,
    SHA1_RE,
    fail,
    is_mailto,
    only_keys,
    require_iri,
    require_object,
    require_plain_json,
    require_string,
    within,
)

IFIS = ("mbox", "mbox_sha1sum", "openid", "account")
AGENT_KEYS = {"objectType", "name", *IFIS}
GROUP_KEYS = AGENT_KEYS | {"member"}


def _check_ifis(agent: dict[str, Any], path: str) -> int:
    # Agents also arrive alone, as query parameters that filter on their identifier.
    require_plain_json(agent, path)
    present = [ifi for ifi in IFIS if ifi in agent]
    if "mbox" in agent and (
        not isinstance(agent["mbox"], str)
        or not within(agent["mbox"], MAX_AGENT_KEY)
        or not is_mailto(agent["mbox"])
    ):
        raise fail(f"{path}.mbox", f"must be a mailto: IRI of at most {MAX_AGENT_KEY} bytes")
    if "mbox_sha1sum" in agent and (
        not isinstance(agent["mbox_sha1sum"], str)
        or len(agent["mbox_sha1sum"]) != 40
        or not SHA1_RE.match(agent["mbox_sha1sum"])
    ):
        raise fail(f"{path}.mbox_sha1sum", "must be a SHA-1 hex digest")
    if "openid" in agent:
        require_iri(agent["openid"], f"{path}.openid")
    if "account" in agent:
        account = require_object(agent["account"], f"{path}.account")
        only_keys(account, {"homePage", "name"}, f"{path}.account")
        if "homePage" not in account or "name" not in account:
            raise fail(f"{path}.account", "needs homePage and name")
        require_iri(account["homePage"], f"{path}.account.homePage")
        require_string(account["name"], f"{path}.account.name")
    if "name" in agent:
        require_string(agent["name"], f"{path}.name")
    if not within(agent_key(agent), MAX_AGENT_KEY):
        raise fail(path, f"its identifier is longer than {MAX_AGENT_KEY} bytes")
    return len(present)


def validate_agent(value: Any, path: str) -> dict[str, Any]:
    agent = require_object(value, path)
    only_keys(agent, AGENT_KEYS, path)
    if agent.get("objectType", "Agent") != "Agent":
        raise fail(f"{path}.objectType", "must be Agent")
    if _check_ifis(agent, path) != 1:
        raise fail(path, "an Agent needs exactly one inverse functional identifier")
    return agent


def validate_group(value: Any, path: str) -> dict[str, Any]:
    group = require_object(value, path)
    only_keys(group, GROUP_KEYS, path)
    if group.get("objectType") != "Group":
        raise fail(f"{path}.objectType", "must be Group")
    ifi_count = _check_ifis(group, path)
    if ifi_count > 1:
        raise fail(path, "a Group has at most one inverse functional identifier")
    if "member" in group:
        members = group["member"]
        if not isinstance(members, list):
            raise fail(f"{path}.member", "must be an array of Agents")
        for index, member in enumerate(members):
            validate_agent(member, f"{path}.member[{index}]")
    if ifi_count == 0 and not group.get("member"):
        raise fail(f"{path}.member", "an anonymous Group needs members")
    return group


def validate_actor(value: Any, path: str) -> dict[str, Any]:
    actor = require_object(value, path)
    if actor.get("objectType") == "Group":
        return validate_group(actor, path)
    return validate_agent(actor, path)


def agent_key(agent: dict[str, Any]) -> str:
    """The inverse functional identifier of an agent or identified group as one string."""
    if account := agent.get("account"):
        return f"account|{account['homePage']}|{account['name']}"
    for ifi in ("mbox", "mbox_sha1sum", "openid"):
        if value := agent.get(ifi):
            return f"{ifi}|{value}"
    return ""
