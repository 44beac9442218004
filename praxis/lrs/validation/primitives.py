"""The value types of xAPI: IRIs, UUIDs, language maps, timestamps, durations, mailto IRIs."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from praxis.lrs.validation.errors import StatementInvalid

UUID_RE = re.compile(
    r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
)
IRI_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
SHA1_RE = re.compile(r"^[0-9a-fA-F]{40}$")
SHA2_RE = re.compile(r"^[0-9a-fA-F]{56,128}$")
MAILTO_RE = re.compile(r"^mailto:[^@\s]+@[^@\s]+$")
# RFC 5646 language tags (a pragmatic subset: primary language, script, region, variants,
# extensions, private use), plus the grandfathered "i-" and "x-" forms.
LANGUAGE_TAG_RE = re.compile(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?|x(?:-[A-Za-z0-9]{1,8})+|i-[A-Za-z]{2,8})$"
)
TIMESTAMP_RE = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?$"
)
DURATION_RE = re.compile(
    r"^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?!$)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$|^P\d+(?:\.\d+)?W$"
)


def fail(path: str, problem: str) -> StatementInvalid:
    return StatementInvalid(f"{path}: {problem}")


def require_object(value: Any, path: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise fail(path, "must be a JSON object")
    return value


def only_keys(value: dict[str, Any], allowed: set[str], path: str) -> None:
    unknown = set(value) - allowed
    if unknown:
        raise fail(path, f"unexpected properties {sorted(unknown)}")


def require_string(value: Any, path: str) -> str:
    if not isinstance(value, str):
        raise fail(path, "must be a string")
    return value


def require_bool(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise fail(path, "must be true or false")
    return value


def require_number(value: Any, path: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fail(path, "must be a number")
    return float(value)


def require_uuid(value: Any, path: str) -> str:
    if not isinstance(value, str) or not UUID_RE.match(value):
        raise fail(path, "must be a UUID")
    return value


def require_iri(value: Any, path: str) -> str:
    if not isinstance(value, str) or not IRI_RE.match(value):
        raise fail(path, "must be an absolute IRI")
    return value


def require_language_tag(value: Any, path: str) -> str:
    if not isinstance(value, str) or not LANGUAGE_TAG_RE.match(value):
        raise fail(path, "must be an RFC 5646 language tag")
    return value


def require_language_map(value: Any, path: str) -> None:
    mapping = require_object(value, path)
    for tag, text in mapping.items():
        require_language_tag(tag, f"{path} key")
        require_string(text, f"{path}.{tag}")


def require_extensions(value: Any, path: str) -> None:
    for key in require_object(value, path):
        require_iri(key, f"{path} key")


def parse_timestamp(value: Any, path: str, *, need_zone: bool = False) -> datetime:
    """An ISO 8601 date and time; xAPI 2.0 wants an offset, and nobody may send -00:00."""
    if not isinstance(value, str):
        raise fail(path, "must be an ISO 8601 timestamp")
    match = TIMESTAMP_RE.match(value)
    if not match or match.group(8) in {"-00", "-0000", "-00:00"}:
        raise fail(path, "must be an ISO 8601 timestamp")
    if need_zone and not match.group(8):
        raise fail(path, "must give a time zone")
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    fraction = (match.group(7) or "0")[:6].ljust(6, "0")
    zone = match.group(8) or "Z"
    try:
        if zone == "Z":
            tz_text = "+00:00"
        else:
            digits = zone[1:].replace(":", "")
            tz_text = f"{zone[0]}{digits[:2]}:{digits[2:4] or '00'}"
        return datetime.fromisoformat(
            f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
            f".{fraction}{tz_text}"
        )
    except ValueError as error:
        raise fail(path, "must be an ISO 8601 timestamp") from error


def require_duration(value: Any, path: str) -> None:
    if not isinstance(value, str) or not DURATION_RE.match(value):
        raise fail(path, "must be an ISO 8601 duration")
