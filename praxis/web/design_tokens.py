"""The design system's colour tokens, read from the stylesheet that declares them."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from praxis.core.patterns import client_pattern

STYLESHEET = Path(__file__).parent / "static" / "praxis" / "site.css"
_ROOT = client_pattern(r":root\{(?P<body>.*?)\}", dot_all=True)
_COLOUR = client_pattern(r"--(?P<name>[a-z-]+):(?P<value>#[0-9a-fA-F]{6})")


@cache
def colour_tokens() -> dict[str, str]:
    """Each colour token of the stylesheet's first `:root` block, name → #rrggbb."""
    found = _ROOT.search(STYLESHEET.read_text(encoding="utf-8"))
    body = found["body"] if found is not None else None
    if body is None:
        return {}
    tokens = {}
    for match in _COLOUR.finditer(body):
        name, value = match["name"], match["value"]
        if name is not None and value is not None:  # both groups are required by the pattern
            tokens[name] = value.lower()
    return tokens
