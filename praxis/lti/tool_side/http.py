"""The calls Praxis makes to a learning platform's servers: its key set, its token URL and
its line items' scores. One opener, so that tests can reach a platform in the same process."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

TIMEOUT = 10  # seconds
LONGEST_ANSWER = 100_000

opener = urllib.request.build_opener()


class Unreachable(Exception):
    """The platform could not be reached, or answered with a server error: worth trying
    again later."""


class Refused(Exception):
    """The platform answered with a client error (4xx): trying again will not help."""

    def __init__(self, status: int, body: str) -> None:
        super().__init__(f"{status}: {body[:500]}")
        self.status = status


def call(
    url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, bytes]:
    """The platform's answer to a GET (or a POST of `data`) at `url`: (status, body)."""
    request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310 (registered https URL)
    try:
        with opener.open(request, timeout=TIMEOUT) as response:
            body = response.read(LONGEST_ANSWER + 1)
            status = int(response.status)
    except urllib.error.HTTPError as error:
        body = error.read(LONGEST_ANSWER) if error.fp else b""
        if error.code >= 500:
            raise Unreachable(f"{error.code} from {url}") from error
        raise Refused(error.code, body.decode("utf-8", "replace")) from error
    except (OSError, ValueError) as error:  # URLError, timeouts, refused connections
        raise Unreachable(str(error)) from error
    if len(body) > LONGEST_ANSWER:
        raise Refused(status, "answer too long")
    return status, body


def json_answer(body: bytes) -> dict[str, Any]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(200, "not JSON") from error
    if not isinstance(data, dict):
        raise Refused(200, "not a JSON object")
    return data
