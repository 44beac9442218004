"""The value types of xAPI: IRIs, UUIDs, language maps, timestamps, durations, mailto IRIs."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from praxis.core.json_input import strict_json
from praxis.core.patterns import client_pattern
from praxis.lrs.validation.errors import StatementInvalid

# The longest value of each kind the LRS accepts, checked before any pattern runs. Identifiers
# are also bounded in UTF-8 bytes, so that they fit in the columns and indexes that hold them on
# every database (a PostgreSQL index entry holds at most 2,704 bytes).
MAX_IRI = 2048
MAX_VERB_IRI = 512
MAX_AGENT_KEY = 512
MAX_LANGUAGE_TAG = 255
MAX_TIMESTAMP = 64
MAX_DURATION = 64
MAX_DEPTH = 32
DIGITS = frozenset("0123456789")
HEX_DIGITS = frozenset("0123456789abcdefABCDEF")

IRI_RE = client_pattern(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`\x00-\x1f]+$")
SHA1_RE = client_pattern(r"^[0-9a-fA-F]{40}$")
SHA2_RE = client_pattern(r"^[0-9a-fA-F]{56,128}$")
MAILTO_RE = client_pattern(r"^mailto:[^@\s]+@[^@\s]+$")
# RFC 5646 language tags (a pragmatic subset: primary language, script, region, variants,
# extensions, private use), plus the grandfathered "i-" and "x-" forms.
LANGUAGE_TAG_RE = client_pattern(
    r"^(?:(?:[A-Za-z]{2,3}(?:-[A-Za-z]{3}){0,3}|[A-Za-z]{4,8})"
    r"(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*"
    r"(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-x(?:-[A-Za-z0-9]{1,8})+)?|x(?:-[A-Za-z0-9]{1,8})+|i-[A-Za-z]{2,8})$"
)
TIMESTAMP_RE = client_pattern(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?"
    r"(Z|[+-]\d{2}(?::?\d{2})?)?$"
)
# "P" alone and a "T" with nothing after it are refused apart (RE2 has no look-ahead).
DURATION_RE = client_pattern(
    r"^P(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$|^P\d+(?:\.\d+)?W$"
)


def read_json(raw: str | bytes, what: str = "the body") -> Any:
    """Parse JSON sent by a client; StatementInvalid when it is not JSON or nests past what the
    parser follows."""
    try:
        return strict_json(raw)
    except (ValueError, UnicodeDecodeError) as error:
        raise StatementInvalid(f"{what} is not valid JSON") from error


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


# Batches repeat the same verbs, activities, language tags, durations and agents statement after
# statement: each pattern's verdict on a value is kept (for values already within their length
# limits), so the pattern runs once per distinct value rather than once per statement.
@lru_cache(maxsize=2048)
def is_iri(value: str) -> bool:
    return bool(IRI_RE.match(value))


@lru_cache(maxsize=256)
def is_language_tag(value: str) -> bool:
    return bool(LANGUAGE_TAG_RE.match(value))


@lru_cache(maxsize=256)
def is_duration(value: str) -> bool:
    return bool(DURATION_RE.match(value))


@lru_cache(maxsize=2048)
def is_mailto(value: str) -> bool:
    return bool(MAILTO_RE.match(value))


def require_uuid(value: Any, path: str) -> str:
    """Hex digits grouped 8-4-4-4-12 by hyphens, in either case. Every statement brings a new
    one, so no verdict is kept: comparing characters costs less than running a pattern."""
    if (
        not isinstance(value, str)
        or len(value) != 36
        or value[8] != "-"
        or value[13] != "-"
        or value[18] != "-"
        or value[23] != "-"
        or not HEX_DIGITS.issuperset(
            value[:8] + value[9:13] + value[14:18] + value[19:23] + value[24:]
        )
    ):
        raise fail(path, "must be a UUID")
    return value


def within(value: str, limit: int) -> bool:
    """Whether `value` has at most `limit` characters and `limit` bytes in UTF-8."""
    return len(value) <= limit and len(value.encode("utf-8", "surrogatepass")) <= limit


def require_iri(value: Any, path: str, *, limit: int = MAX_IRI) -> str:
    if not isinstance(value, str) or not within(value, limit):
        raise fail(path, f"must be an absolute IRI of at most {limit} bytes")
    if not is_iri(value):
        raise fail(path, "must be an absolute IRI")
    return value


def require_language_tag(value: Any, path: str) -> str:
    if not isinstance(value, str) or len(value) > MAX_LANGUAGE_TAG or not is_language_tag(value):
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
    if not isinstance(value, str) or len(value) > MAX_TIMESTAMP:
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
        moment = datetime.fromisoformat(
            f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}"
            f".{fraction}{tz_text}"
        )
        # Stored in UTC: a moment whose UTC date falls outside years 1 to 9999 cannot be.
        moment.astimezone(UTC)
    except (ValueError, OverflowError) as error:
        raise fail(path, "must be an ISO 8601 timestamp between the years 1 and 9999") from error
    return moment


def require_duration(value: Any, path: str) -> None:
    if (
        not isinstance(value, str)
        or len(value) > MAX_DURATION
        or value == "P"
        or value.endswith("T")
        or not is_duration(value)
    ):
        raise fail(path, f"must be an ISO 8601 duration of at most {MAX_DURATION} characters")


def require_plain_json(value: Any, path: str) -> None:
    """Refuse JSON nested deeper than MAX_DEPTH, or holding in a key or string a NUL character or
    half a surrogate pair, which no database's text can keep. Walks without recursion.

    The walk goes a level at a time and gathers every key and string, which are then checked
    together (one search and one encoding of their concatenation); only when that finds a
    problem does `_first_problem` walk again, depth first, to report the one it meets first.
    """
    texts: list[str] = []
    level = [value]
    depth = 0
    while level:
        if depth > MAX_DEPTH:
            _first_problem(value, path)
        inner: list[Any] = []
        for item in level:
            if isinstance(item, str):
                texts.append(item)
            elif isinstance(item, dict):
                texts.extend(item)
                inner.extend(item.values())
            elif isinstance(item, list):
                inner.extend(item)
        level = inner
        depth += 1
    text = "".join(texts)
    if "\x00" in text:
        _first_problem(value, path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        _first_problem(value, path)


def _first_problem(value: Any, path: str) -> None:
    """Raise for the first problem `require_plain_json` looks for, walking depth first."""
    pending: list[tuple[Any, int]] = [(value, 0)]
    while pending:
        item, depth = pending.pop()
        if depth > MAX_DEPTH:
            raise fail(path, f"nests JSON deeper than {MAX_DEPTH} levels")
        if isinstance(item, str):
            _require_storable_text(item, path)
        elif isinstance(item, dict):
            for key, inner in item.items():
                _require_storable_text(key, path)
                pending.append((inner, depth + 1))
        elif isinstance(item, list):
            pending.extend((inner, depth + 1) for inner in item)


def _require_storable_text(text: str, path: str) -> None:
    if "\x00" in text:
        raise fail(path, "holds a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise fail(path, "holds text that is not valid Unicode") from error


def hundredths(duration: str) -> str:
    """The duration with its seconds cut to hundredths ("PT1.2345S" gives "PT1.23S"), as xAPI
    2.0 allows and compares; one pass over the text, whatever its length."""
    if not duration.endswith("S"):
        return duration
    end = len(duration) - 1
    start = end
    while start and duration[start - 1] in DIGITS:
        start -= 1
    dot = start - 1
    if dot < 1 or duration[dot] != "." or duration[dot - 1] not in DIGITS:
        return duration
    return duration[: start + min(2, end - start)] + "S"
