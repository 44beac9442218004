"""A small horizontal bar chart of competency levels, drawn on the server as SVG geometry."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LEVEL = 5
BAR_HEIGHT = 18
GAP = 8
LABEL_WIDTH = 70
PLOT_WIDTH = 250


@dataclass(frozen=True)
class Bar:
    label: str
    name: str
    level: int
    target: int | None
    y: int
    text_y: int
    width: int
    target_x: int | None


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int
    ticks: list[tuple[int, int]]


def level_chart(rows: list[tuple[str, str, int, int | None]]) -> Chart:
    """Rows of (code, name, level held, level needed or None), one bar each."""
    step = PLOT_WIDTH / MAX_LEVEL
    bars = []
    for index, (code, name, level, target) in enumerate(rows):
        y = GAP + index * (BAR_HEIGHT + GAP)
        bars.append(
            Bar(
                code,
                name,
                level,
                target,
                y,
                y + BAR_HEIGHT - 4,
                round(min(level, MAX_LEVEL) * step),
                LABEL_WIDTH + round(min(target, MAX_LEVEL) * step) if target else None,
            )
        )
    height = GAP + len(rows) * (BAR_HEIGHT + GAP) + 16
    ticks = [(level, LABEL_WIDTH + round(level * step)) for level in range(MAX_LEVEL + 1)]
    return Chart(bars, LABEL_WIDTH + PLOT_WIDTH + 10, height, LABEL_WIDTH, ticks)
