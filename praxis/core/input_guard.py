"""Input no database can store, refused once, before any view runs.

PostgreSQL refuses the NUL character in text (SQLite stores it), a lone UTF-16 surrogate
cannot be encoded at all, and JSON nested thousands of levels deep exhausts Python's recursion
limit in whichever parser or validator meets it first. `InputGuardMiddleware` looks at the path,
the query string, form fields and JSON bodies and answers such a request with a 400 in the shape
its caller expects: the JSON API's error, the xAPI error (a view may carry its own renderer as
`view.render_bad_input`), or the error page.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.http.multipartparser import MultiPartParserError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from praxis.core.errors import ErrorCode, ValidationFailed
from praxis.core.patterns import client_pattern

#: Levels of arrays and objects a JSON document may nest (a statement's extensions, a question
#: bank, a credential all stay far below).
JSON_MAX_DEPTH = 64

# A JSON string literal, unrolled so that long strings match in one pass.
_JSON_STRING = client_pattern(rb'"[^"\\]*(?:\\.[^"\\]*)*"', dot_all=True)
# An array or object with no array or object inside.
_INNERMOST = client_pattern(rb"\[[^\[\]{}]*\]|\{[^\[\]{}]*\}")
_OPENING = client_pattern(rb"[\[{]")
# \u0000 itself, not an escaped backslash followed by "u0000": an even run of backslashes
# (escaped ones) before the escape, with no other backslash before them.
_NUL_ESCAPE = client_pattern(rb"(?:^|[^\\])(?:\\\\)*\\u0000")
_SURROGATE_ESCAPE = client_pattern(rb"\\u[dD][89a-fA-F]")

NUL_MESSAGE = _("The request contains the NUL character, which cannot be stored.")
SURROGATE_MESSAGE = _("The request contains text that is not valid Unicode.")
DEPTH_MESSAGE = _("The JSON in the request is nested too deeply.")
MULTIPART_MESSAGE = _("The request's form data cannot be read.")


class TooDeeplyNested(ValueError):
    """JSON nested past the allowed depth (a ValueError, as json.loads raises for bad JSON)."""


def json_too_deep(raw: bytes | str, max_depth: int = JSON_MAX_DEPTH) -> bool:
    """Whether the JSON text `raw` nests arrays and objects more than `max_depth` levels.

    Well-formed text is parsed (CPython's parser refuses runaway nesting with RecursionError
    rather than crashing) and its depth measured without recursion; other text is measured
    as text (`_text_too_deep`). Unbalanced text that could lead a parser deeper than the limit
    counts as too deep; other malformed text is left to the parser.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if data.count(b"[") + data.count(b"{") <= max_depth:
        return False
    try:
        parsed = json.loads(data)
    except RecursionError:
        return True
    except ValueError:
        return _text_too_deep(data, max_depth)
    return _nested_past(parsed, max_depth)


def _nested_past(value: Any, max_depth: int) -> bool:
    # A level at a time: the arrays and objects at each depth, until none are left.
    level = [value]
    depth = 1
    while level:
        if depth > max_depth:
            return True
        inner: list[Any] = []
        for item in level:
            if isinstance(item, dict):
                inner.extend(item.values())
            elif isinstance(item, list):
                inner.extend(item)
        level = [child for child in inner if isinstance(child, dict | list)]
        depth += 1
    return False


def _text_too_deep(data: bytes, max_depth: int) -> bool:
    # Without parsing: strings are blanked out, then the innermost arrays and objects are
    # removed one level per pass. A pass per level over the whole text: for malformed text only.
    skeleton = _JSON_STRING.sub(b'""', data)
    for _level in range(max_depth):
        skeleton, removed = _INNERMOST.subn(b"0", skeleton)
        if not removed:  # balanced and shallow, or unbalanced: count what is left open
            return len(_OPENING.findall(skeleton)) > max_depth
    return _OPENING.search(skeleton) is not None


def loads(raw: bytes | str, max_depth: int = JSON_MAX_DEPTH) -> Any:
    """json.loads that refuses documents nested past `max_depth` with `TooDeeplyNested`."""
    if json_too_deep(raw, max_depth):
        raise TooDeeplyNested(str(DEPTH_MESSAGE))
    return json.loads(raw)


def _has_lone_surrogate(raw: bytes) -> bool:
    if not _SURROGATE_ESCAPE.search(raw):
        return False
    try:
        json.dumps(json.loads(raw), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except ValueError:  # malformed: the view says so in its own words
        return False
    return False


def _field_with_nul(data: Any, path: str = "") -> str:
    """The dotted path of the first key or string holding NUL (as the API names fields)."""
    if isinstance(data, dict):
        items: Iterable[tuple[str, Any]] = ((str(key), value) for key, value in data.items())
    elif isinstance(data, list):
        items = ((str(index), value) for index, value in enumerate(data))
    else:
        return path if isinstance(data, str) and "\x00" in data else ""
    for name, value in items:
        here = f"{path}.{name}" if path else name
        if "\x00" in name:
            return here
        if found := _field_with_nul(value, here):
            return found
    return ""


def json_body_problem(raw: bytes) -> ValidationFailed | None:
    """Why a JSON body cannot be accepted whatever it means, or None."""
    if json_too_deep(raw):
        return ValidationFailed(ErrorCode.TOO_DEEPLY_NESTED, DEPTH_MESSAGE)
    if b"\x00" in raw or _NUL_ESCAPE.search(raw):
        try:
            field = _field_with_nul(json.loads(raw))
        except ValueError:
            field = ""
        fields: dict[str, list[str | Promise]] = {field: [NUL_MESSAGE]} if field else {}
        return ValidationFailed(ErrorCode.INVALID_CHARACTER, NUL_MESSAGE, fields=fields)
    if _has_lone_surrogate(raw):
        return ValidationFailed(ErrorCode.INVALID_CHARACTER, SURROGATE_MESSAGE)
    return None


def _text_problem(texts: Iterable[str]) -> ValidationFailed | None:
    for text in texts:
        if "\x00" in text:
            return ValidationFailed(ErrorCode.INVALID_CHARACTER, NUL_MESSAGE)
    return None


def _pairs(data: Any) -> Iterable[str]:
    for key, values in data.lists():
        yield key
        yield from (value for value in values if isinstance(value, str))


def request_problem(request: HttpRequest) -> ValidationFailed | None:
    """The first reason this request carries input that cannot be stored, or None."""
    problem = _text_problem([request.path_info, *_pairs(request.GET)])
    if problem or request.method not in {"POST", "PUT", "PATCH", "DELETE"}:
        return problem
    content_type = request.content_type or ""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    small = limit is None or length <= limit
    if content_type == "multipart/form-data":
        if small:
            request.body  # noqa: B018 -- read first, so that views may still read the raw body
        try:
            return _text_problem(_pairs(request.POST))  # large files are streamed to disk
        except MultiPartParserError:
            # No boundary, or one Django refuses: a 400 like every other, not a traceback.
            return ValidationFailed(ErrorCode.MALFORMED_BODY, MULTIPART_MESSAGE)
    if not small:
        return None  # too large to read here; the view refuses it as such
    if content_type == "application/x-www-form-urlencoded":
        return _text_problem(_pairs(request.POST))
    if content_type == "application/json" or content_type.endswith("+json"):
        return json_body_problem(request.body)
    return None
