"""Statement validation: every structural rule of xAPI 1.0.3 and, for 2.0 requests, of 2.0."""

from __future__ import annotations

from typing import Any

from praxis.lrs.validation.actors import agent_key, validate_actor, validate_agent, validate_group
from praxis.lrs.validation.primitives import (
    MAX_VERB_IRI,
    SHA2_RE,
    fail,
    only_keys,
    parse_timestamp,
    require_bool,
    require_duration,
    require_extensions,
    require_iri,
    require_language_map,
    require_language_tag,
    require_number,
    require_object,
    require_plain_json,
    require_string,
    require_uuid,
)

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
STATEMENT_KEYS = {
    "id", "actor", "verb", "object", "result", "context", "timestamp", "stored", "authority",
    "version", "attachments",
}  # fmt: skip
SUBSTATEMENT_KEYS = {
    "objectType", "actor", "verb", "object", "result", "context", "timestamp", "attachments",
}  # fmt: skip
INTERACTION_TYPES = {
    "true-false", "choice", "fill-in", "long-fill-in", "matching", "performance", "sequencing",
    "likert", "numeric", "other",
}  # fmt: skip
COMPONENT_LISTS = {
    "choices": {"choice", "sequencing"},
    "scale": {"likert"},
    "source": {"matching"},
    "target": {"matching"},
    "steps": {"performance"},
}
DEFINITION_KEYS = {
    "name", "description", "type", "moreInfo", "extensions", "interactionType",
    "correctResponsesPattern", *COMPONENT_LISTS,
}  # fmt: skip
CONTEXT_ACTIVITY_KINDS = {"parent", "grouping", "category", "other"}


class Validator:
    """Checks one statement; `v2` applies the rules xAPI 2.0 adds."""

    def __init__(self, *, v2: bool = False) -> None:
        self.v2 = v2

    def statement(self, value: Any, path: str = "statement") -> dict[str, Any]:
        statement = require_object(value, path)
        require_plain_json(statement, path)
        only_keys(statement, STATEMENT_KEYS, path)
        for required in ("actor", "verb", "object"):
            if required not in statement:
                raise fail(path, f"needs {required}")
        if "id" in statement:
            require_uuid(statement["id"], f"{path}.id")
        self._core(statement, path, nested=False)
        if "stored" in statement:
            parse_timestamp(statement["stored"], f"{path}.stored")
        if "authority" in statement:
            self.authority(statement["authority"], f"{path}.authority")
        if "version" in statement:
            version = require_string(statement["version"], f"{path}.version")
            prefixes = ("1.0", "2.0")
            if not any(
                version == p or (version.startswith(p + ".") and version[4:].isdigit())
                for p in prefixes
            ):
                raise fail(f"{path}.version", "is not a supported xAPI version")
        return statement

    def _core(self, statement: dict[str, Any], path: str, *, nested: bool) -> None:
        validate_actor(statement["actor"], f"{path}.actor")
        verb = self.verb(statement["verb"], f"{path}.verb")
        target = self.object(statement["object"], f"{path}.object", top=not nested)
        if verb["id"] == VOIDED and target.get("objectType") != "StatementRef":
            raise fail(f"{path}.object", "a voiding statement's object must be a StatementRef")
        if "result" in statement:
            self.result(statement["result"], f"{path}.result")
        if "context" in statement:
            self.context(statement["context"], f"{path}.context", target)
        if "timestamp" in statement:
            parse_timestamp(statement["timestamp"], f"{path}.timestamp", need_zone=self.v2)
        if "attachments" in statement:
            self.attachments(statement["attachments"], f"{path}.attachments")

    def verb(self, value: Any, path: str) -> dict[str, Any]:
        verb = require_object(value, path)
        only_keys(verb, {"id", "display"}, path)
        if "id" not in verb:
            raise fail(path, "needs id")
        require_iri(verb["id"], f"{path}.id", limit=MAX_VERB_IRI)
        if "display" in verb:
            require_language_map(verb["display"], f"{path}.display")
        return verb

    def object(self, value: Any, path: str, *, top: bool) -> dict[str, Any]:
        target = require_object(value, path)
        kind = target.get("objectType", "Activity")
        if kind == "Activity":
            self.activity(target, path)
        elif kind == "Agent":
            validate_agent(target, path)
        elif kind == "Group":
            validate_group(target, path)
        elif kind == "StatementRef":
            only_keys(target, {"objectType", "id"}, path)
            require_uuid(target.get("id"), f"{path}.id")
        elif kind == "SubStatement" and top:
            only_keys(target, SUBSTATEMENT_KEYS, path)
            for required in ("actor", "verb", "object"):
                if required not in target:
                    raise fail(path, f"needs {required}")
            self._core(target, path, nested=True)
        else:
            raise fail(f"{path}.objectType", "is not an allowed object type here")
        return target

    def activity(self, value: Any, path: str) -> None:
        target = require_object(value, path)
        only_keys(target, {"objectType", "id", "definition"}, path)
        if "objectType" in target and target["objectType"] != "Activity":
            raise fail(f"{path}.objectType", "must be Activity")
        require_iri(target.get("id"), f"{path}.id")
        if "definition" in target:
            self.definition(target["definition"], f"{path}.definition")

    def definition(self, value: Any, path: str) -> None:
        definition = require_object(value, path)
        only_keys(definition, DEFINITION_KEYS, path)
        for key in ("name", "description"):
            if key in definition:
                require_language_map(definition[key], f"{path}.{key}")
        if "type" in definition:
            require_iri(definition["type"], f"{path}.type")
        if "moreInfo" in definition:
            require_iri(definition["moreInfo"], f"{path}.moreInfo")
        if "extensions" in definition:
            require_extensions(definition["extensions"], f"{path}.extensions")
        interaction = definition.get("interactionType")
        if "interactionType" in definition and (
            not isinstance(interaction, str) or interaction not in INTERACTION_TYPES
        ):
            raise fail(f"{path}.interactionType", "is not an interaction type")
        if "correctResponsesPattern" in definition:
            if interaction is None:
                raise fail(path, "correctResponsesPattern needs an interactionType")
            patterns = definition["correctResponsesPattern"]
            if not isinstance(patterns, list):
                raise fail(f"{path}.correctResponsesPattern", "must be an array of strings")
            for index, pattern in enumerate(patterns):
                require_string(pattern, f"{path}.correctResponsesPattern[{index}]")
        for key, types in COMPONENT_LISTS.items():
            if key not in definition:
                continue
            if interaction not in types:
                raise fail(f"{path}.{key}", "is not allowed for this interaction type")
            self.components(definition[key], f"{path}.{key}")

    def components(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise fail(path, "must be an array")
        seen: set[str] = set()
        for index, item in enumerate(value):
            component = require_object(item, f"{path}[{index}]")
            only_keys(component, {"id", "description"}, f"{path}[{index}]")
            identifier = require_string(component.get("id"), f"{path}[{index}].id")
            if not identifier.strip() or identifier in seen:
                raise fail(f"{path}[{index}].id", "must be a unique, non-empty string")
            seen.add(identifier)
            if "description" in component:
                require_language_map(component["description"], f"{path}[{index}].description")

    def result(self, value: Any, path: str) -> None:
        result = require_object(value, path)
        allowed = {"score", "success", "completion", "response", "duration", "extensions"}
        only_keys(result, allowed, path)
        if "score" in result:
            self.score(result["score"], f"{path}.score")
        for key in ("success", "completion"):
            if key in result:
                require_bool(result[key], f"{path}.{key}")
        if "response" in result:
            require_string(result["response"], f"{path}.response")
        if "duration" in result:
            require_duration(result["duration"], f"{path}.duration")
        if "extensions" in result:
            require_extensions(result["extensions"], f"{path}.extensions")

    def score(self, value: Any, path: str) -> None:
        score = require_object(value, path)
        only_keys(score, {"scaled", "raw", "min", "max"}, path)
        numbers = {key: require_number(score[key], f"{path}.{key}") for key in score}
        if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
            raise fail(f"{path}.scaled", "must be between -1 and 1")
        low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
        if low is not None and high is not None and low >= high:
            raise fail(path, "min must be less than max")
        if raw is not None and (
            (low is not None and raw < low) or (high is not None and raw > high)
        ):
            raise fail(f"{path}.raw", "must lie between min and max")

    def context(self, value: Any, path: str, target: dict[str, Any]) -> None:
        context = require_object(value, path)
        allowed = {
            "registration", "instructor", "team", "contextActivities", "revision", "platform",
            "language", "statement", "extensions",
        }  # fmt: skip
        if self.v2:
            allowed |= {"contextAgents", "contextGroups"}
        only_keys(context, allowed, path)
        if "registration" in context:
            require_uuid(context["registration"], f"{path}.registration")
        if "instructor" in context:
            validate_actor(context["instructor"], f"{path}.instructor")
        if "team" in context:
            validate_group(context["team"], f"{path}.team")
        if "contextActivities" in context:
            self.context_activities(context["contextActivities"], f"{path}.contextActivities")
        not_activity = target.get("objectType", "Activity") != "Activity"
        for key in ("revision", "platform"):
            if key in context:
                require_string(context[key], f"{path}.{key}")
                if not_activity:
                    raise fail(f"{path}.{key}", "is only allowed when the object is an Activity")
        if "language" in context:
            require_language_tag(context["language"], f"{path}.language")
        if "statement" in context:
            reference = require_object(context["statement"], f"{path}.statement")
            only_keys(reference, {"objectType", "id"}, f"{path}.statement")
            if reference.get("objectType") != "StatementRef":
                raise fail(f"{path}.statement.objectType", "must be StatementRef")
            require_uuid(reference.get("id"), f"{path}.statement.id")
        if "extensions" in context:
            require_extensions(context["extensions"], f"{path}.extensions")
        for key, kind, check in (
            ("contextAgents", "contextAgent", validate_agent),
            ("contextGroups", "contextGroup", validate_group),
        ):
            if key in context:
                self.context_actors(context[key], f"{path}.{key}", kind, check)

    def context_actors(self, value: Any, path: str, kind: str, check: Any) -> None:
        if not isinstance(value, list):
            raise fail(path, "must be an array")
        member = "agent" if kind == "contextAgent" else "group"
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            entry = require_object(item, where)
            only_keys(entry, {"objectType", member, "relevantTypes"}, where)
            if entry.get("objectType") != kind:
                raise fail(f"{where}.objectType", f"must be {kind}")
            if member not in entry:
                raise fail(where, f"needs {member}")
            check(entry[member], f"{where}.{member}")
            if "relevantTypes" in entry:
                types = entry["relevantTypes"]
                if not isinstance(types, list) or not types:
                    raise fail(f"{where}.relevantTypes", "must be a non-empty array of IRIs")
                for position, iri in enumerate(types):
                    require_iri(iri, f"{where}.relevantTypes[{position}]")

    def context_activities(self, value: Any, path: str) -> None:
        activities = require_object(value, path)
        only_keys(activities, CONTEXT_ACTIVITY_KINDS, path)
        for kind, entries in activities.items():
            items = entries if isinstance(entries, list) else [entries]
            for index, item in enumerate(items):
                self.activity(item, f"{path}.{kind}[{index}]")

    def attachments(self, value: Any, path: str) -> None:
        if not isinstance(value, list):
            raise fail(path, "must be an array")
        allowed = {
            "usageType", "display", "description", "contentType", "length", "sha2", "fileUrl",
        }  # fmt: skip
        for index, item in enumerate(value):
            where = f"{path}[{index}]"
            attachment = require_object(item, where)
            only_keys(attachment, allowed, where)
            for required in ("usageType", "display", "contentType", "length", "sha2"):
                if required not in attachment:
                    raise fail(where, f"needs {required}")
            require_iri(attachment["usageType"], f"{where}.usageType")
            require_language_map(attachment["display"], f"{where}.display")
            if "description" in attachment:
                require_language_map(attachment["description"], f"{where}.description")
            require_string(attachment["contentType"], f"{where}.contentType")
            length = attachment["length"]
            if isinstance(length, bool) or not isinstance(length, int) or length < 0:
                raise fail(f"{where}.length", "must be a non-negative integer")
            sha2 = attachment["sha2"]
            if not isinstance(sha2, str) or len(sha2) > 128 or not SHA2_RE.match(sha2):
                raise fail(f"{where}.sha2", "must be a SHA-2 hex digest")
            if "fileUrl" in attachment:
                require_iri(attachment["fileUrl"], f"{where}.fileUrl")

    def authority(self, value: Any, path: str) -> None:
        authority = validate_actor(value, path)
        if authority.get("objectType") == "Group" and (
            len(authority.get("member", [])) != 2 or agent_key(authority)
        ):
            raise fail(path, "a Group authority is an anonymous pair (OAuth consumer and user)")
