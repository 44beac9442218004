"""What the charts drawn on the server share (research analytics, a learner's competencies):
the size of their words, how long a label may be on a phone, and how a label keeps its own
direction in a chart drawn left to right.

These charts have no viewBox: lengths are CSS pixels and positions along the width percentages of
it, so their text keeps its size on a phone's narrow screen as on a wide one.
"""

from __future__ import annotations

import unicodedata

FONT = 13  # px, for labels and numbers alike
# What fits on a line of a phone's chart, about 250 px; a wide (CJK) character counts twice.
LABEL_CHARACTERS = 34
FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


def text_width(text: str) -> int:
    """How many narrow characters' room `text` takes: two for a wide (CJK) one, one otherwise."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def shortened(text: str, room: int = LABEL_CHARACTERS) -> str:
    """`text`, cut with an ellipsis where it would take more than `room` narrow characters."""
    if text_width(text) <= room:
        return text
    used = 0
    for end, character in enumerate(text):
        used += text_width(character)
        if used > room - 1:
            return text[:end] + "…"
    return text


def isolated(text: str) -> str:
    """`text` set apart in its own direction by invisible marks: in a chart drawn left to right an
    Arabic label still reads from the right, its ellipsis or closing bracket at its left end."""
    return FIRST_STRONG_ISOLATE + text + POP_DIRECTIONAL_ISOLATE


def chart_label(text: str) -> str:
    """`text` as a chart shows it on a line of its own: shortened, and in its own direction."""
    return isolated(shortened(text))


def percent(share: float) -> str:
    """A position or length along the chart's width, `share` being a percentage of it."""
    return "0" if share <= 0 else f"{round(share, 2):g}%"
