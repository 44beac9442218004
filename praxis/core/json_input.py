"""Reading JSON a client sends, as JSON defines it.

Python's reader also takes `NaN`, `Infinity` and `-Infinity`, which JSON has not, and reads a
number too large for a double (`1e400`) as infinity: a browser's `JSON.parse` refuses the first,
and a database's JSON column keeps neither. Those are refused here, as is nesting deeper than
the reader follows, so that they are answered as bad input rather than failing where they are
stored."""

from __future__ import annotations

import json
import math
from typing import Any


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _finite(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large a number")
    return number


def strict_json(raw: str | bytes) -> Any:
    """`raw` read as JSON; ValueError when it is not JSON as JSON defines it."""
    try:
        return json.loads(raw, parse_constant=_no_constant, parse_float=_finite)
    except RecursionError as error:
        raise ValueError("nested too deep") from error
