"""Small SVG charts drawn on the server: no script, no style attribute, a few hundred bytes.

Every chart is paired with a data table in the page; the SVG is named by its caption.

The charts have no viewBox: their lengths are CSS pixels and their positions along the width are
percentages of it. So they fill any width without being scaled, and their text keeps its size on
a phone's narrow screen as on a wide one. Each bar's label has a line of its own above the bar,
which leaves the bar the whole width however narrow the screen. The competency charts are drawn
the same way, with the same size of text and the same labels (praxis.core.charts).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from praxis.core.charts import FONT, chart_label, percent

LABEL_LINE = 17  # a bar's label, above it
BAR = 14
GAP = 9  # between one bar and the next label
ROW = LABEL_LINE + BAR + GAP
# The longest bar takes this share of the width; the rest is room for its number.
BAR_SPAN = 75  # percent

COLUMN_HEIGHT = 150
COLUMN_TOP = 24  # room above the columns for the top of the scale
# Month labels under the columns: at most so many, each with a quarter of the width or more,
# so that they never overlap however narrow the chart.
MOST_TICKS = 4
LEGEND_LINE = 20
COLOURS = ("#2a6f97", "#e07a1f", "#5a8f29")


def _no_data() -> SafeString:
    """What an empty chart shows instead of an axis scaled to nothing."""
    return format_html('<p class="chart-empty muted">{}</p>', _("No data yet"))


def _svg(labelled_by: str, height: int, body: SafeString) -> SafeString:
    # Drawn left to right in every language: its labels start at x = 0, which a right-to-left
    # page would otherwise take as their end, drawing them outside the chart.
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}" width="100%" height="{}"'
        ' font-size="{}" direction="ltr" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        labelled_by,
        height,
        FONT,
        body,
    )


def bar_chart(
    labelled_by: str, labels: Sequence[str], values: Sequence[float | None]
) -> SafeString:
    """Horizontal bars, one per label, each under its label; a None value (a suppressed cell) or
    a negative one (a loss, shown by its number) draws no bar. With no value at all, it says so;
    with every value suppressed, it names each group beside its "–", as its table does, rather
    than saying there is no data."""
    suppressed = bool(labels) and all(v is None for v in values)
    if not suppressed and not any(v for v in values if v is not None):
        return _no_data()
    top = max((v for v in values if v is not None), default=0) or 1
    if top < 0:
        top = 1
    rows = []
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        share = 0.0 if value is None else max(0.0, BAR_SPAN * value / top)
        rows.append(
            format_html(
                '<text x="0" y="{}"><title>{}</title>{}</text>'
                '<rect x="0" y="{}" width="{}" height="{}" fill="{}"></rect>'
                '<text x="{}" dx="{}" y="{}">{}</text>',
                i * ROW + FONT,
                label,
                chart_label(label),
                i * ROW + LABEL_LINE,
                percent(share),
                BAR,
                COLOURS[0],
                percent(share),
                4 if share > 0 else 0,
                i * ROW + LABEL_LINE + BAR - 2,
                "–" if value is None else _number(value),
            )
        )
    return _svg(labelled_by, len(labels) * ROW, SafeString("".join(rows)))


def _ticks(count: int) -> list[int]:
    """Which of `count` columns are labelled: every k-th, leaving each label k columns."""
    every = math.ceil(count / MOST_TICKS)
    return [i for i in range(0, count, every) if i + every <= count]


def column_chart(
    labelled_by: str,
    labels: Sequence[str],
    series: Sequence[Sequence[float | None]],
    names: Sequence[str] = (),
) -> SafeString:
    """Vertical columns over time, one group per label and one colour per series, each series'
    colour named under the columns when `names` are given. With no value at all, it says so."""
    if not labels or not any(v for values in series for v in values if v is not None):
        return _no_data()
    top = max((v for s in series for v in s if v is not None), default=0) or 1
    group = 100 / len(labels)
    width = group / (len(series) + 1)
    base = COLUMN_TOP + COLUMN_HEIGHT
    shapes = []
    for i in range(len(labels)):
        for j, values in enumerate(series):
            value = values[i]
            if value is None:
                continue
            h = round(COLUMN_HEIGHT * value / top, 1)
            shapes.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    percent(i * group + j * width),
                    round(base - h, 1),
                    percent(width),
                    h,
                    COLOURS[j % len(COLOURS)],
                )
            )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}">{}</text>',
        ((percent(i * group), base + 18, labels[i]) for i in _ticks(len(labels))),
    )
    # The top of the scale: a faint line at the tallest column's height, its number above it.
    axis = format_html(
        '<text x="0" y="{}">{}</text>'
        '<line x1="0" y1="{}" x2="100%" y2="{}" stroke="#bbb" stroke-dasharray="3 3"></line>'
        '<line x1="0" y1="{}" x2="100%" y2="{}" stroke="#555"></line>',
        COLUMN_TOP - 6,
        _number(top),
        COLUMN_TOP,
        COLUMN_TOP,
        base,
        base,
    )
    legend_top = base + 26
    legend = format_html_join(
        "",
        '<rect x="0" y="{}" width="12" height="12" fill="{}"></rect><text x="18" y="{}">{}</text>',
        (
            (
                legend_top + j * LEGEND_LINE,
                COLOURS[j % len(COLOURS)],
                legend_top + j * LEGEND_LINE + 11,
                chart_label(name),
            )
            for j, name in enumerate(names)
        ),
    )
    height = legend_top + len(names) * LEGEND_LINE
    return _svg(labelled_by, height, SafeString(f"{axis}{''.join(shapes)}{ticks}{legend}"))


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{value:,.0f}"
