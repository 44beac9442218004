"""A small horizontal bar chart of competency levels, drawn on the server as SVG geometry.

It is drawn as the research analytics charts are (praxis.core.charts): no viewBox, lengths in CSS
pixels and positions along the width in percentages of it, so its text keeps its size on a
phone. Each bar's label, the competency's code and name, has a line of its own above the bar.
"""

from __future__ import annotations

from dataclasses import dataclass

from praxis.core.charts import FONT, LABEL_CHARACTERS, isolated, percent, shortened, text_width

MAX_LEVEL = 5
LABEL_LINE = 17  # a bar's label, above it
BAR = 14
GAP = 9  # between one bar and the next label
ROW = LABEL_LINE + BAR + GAP
# Level 5 reaches this share of the width; the rest is room for the number after the bar.
BAR_SPAN = 90  # percent
SCALE_LINE = FONT + 8  # the levels 0 to 5 under the bars
TARGET_STROKE = 3
TARGET_REACH = 3  # how far the line of the level needed passes above and below its bar


@dataclass(frozen=True)
class Bar:
    title: str  # the whole label, shown on hover
    label: str  # as drawn: shortened, each part in its own direction
    level: int
    label_y: int
    y: int
    number_y: int
    number_dx: int
    width: str
    target_x: str | None
    target_top: int
    target_bottom: int


@dataclass(frozen=True)
class Tick:
    level: int
    x: str
    anchor: str


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    height: int
    font: int
    bar_height: int
    target_stroke: int
    grid_bottom: int
    scale_y: int
    ticks: list[Tick]


def _x(level: int) -> str:
    return percent(BAR_SPAN * min(level, MAX_LEVEL) / MAX_LEVEL)


def _number_dx(level: int, target: int | None) -> int:
    """How far after its bar a level's number starts: clear of the line of the level needed
    when that line marks the bar's end."""
    if level <= 0:
        return 0
    return 4 + TARGET_STROKE if target == level else 4


def _label(code: str, name: str) -> str:
    """The code, then as much of the name as a phone's line holds; each set apart in its own
    direction, so that an Arabic name reads from the right, its ellipsis at its left end."""
    code = shortened(code, LABEL_CHARACTERS // 2)
    if not code:
        return isolated(shortened(name))
    room = LABEL_CHARACTERS - text_width(code) - 1
    return f"{isolated(code)} {isolated(shortened(name, room))}"


def level_chart(rows: list[tuple[str, str, int, int | None]]) -> Chart:
    """Rows of (code, name, level held, level needed or None), one bar each."""
    bars = [
        Bar(
            title=f"{code} {name}".strip(),
            label=_label(code, name),
            level=level,
            label_y=index * ROW + FONT,
            y=index * ROW + LABEL_LINE,
            number_y=index * ROW + LABEL_LINE + BAR - 2,
            number_dx=_number_dx(level, target),
            width=_x(level),
            target_x=_x(target) if target else None,
            target_top=index * ROW + LABEL_LINE - TARGET_REACH,
            target_bottom=index * ROW + LABEL_LINE + BAR + TARGET_REACH,
        )
        for index, (code, name, level, target) in enumerate(rows)
    ]
    grid_bottom = len(rows) * ROW
    # The first level's number starts at its line and the others are centred on theirs, so that
    # none passes the chart's left edge.
    ticks = [
        Tick(level, _x(level), "start" if level == 0 else "middle")
        for level in range(MAX_LEVEL + 1)
    ]
    return Chart(
        bars=bars,
        height=grid_bottom + SCALE_LINE,
        font=FONT,
        bar_height=BAR,
        target_stroke=TARGET_STROKE,
        grid_bottom=grid_bottom,
        scale_y=grid_bottom + SCALE_LINE - 6,
        ticks=ticks,
    )
