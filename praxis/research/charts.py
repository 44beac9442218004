"""Small SVG charts drawn on the server: no script, no style attribute, a few hundred bytes.

Every chart is paired with a data table in the page; the SVG is named by its caption.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH = 480
BAR = 18
GAP = 6
LABEL = 190
LABEL_CHARACTERS = 28  # what fits in LABEL at the chart's font size
COLUMN_HEIGHT = 160
RIGHT_MARGIN = 40  # room for the last column's label


def _no_data() -> SafeString:
    """What an empty chart shows instead of an axis scaled to nothing."""
    return format_html('<p class="chart-empty muted">{}</p>', _("No data yet"))


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARACTERS else label[: LABEL_CHARACTERS - 1] + "…"


def bar_chart(
    labelled_by: str, labels: Sequence[str], values: Sequence[float | None]
) -> SafeString:
    """Horizontal bars, one per label; a None value (a suppressed cell) or a negative one (a
    loss, shown by its number) draws no bar. With no value at all, it says so."""
    if not any(v for v in values if v is not None):
        return _no_data()
    top = max((v for v in values if v is not None), default=0) or 1
    if top < 0:
        top = 1
    height = len(labels) * (BAR + GAP) + GAP
    span = WIDTH - LABEL - 50
    bars = format_html_join(
        "",
        '<text x="{}" y="{}" font-size="12"><title>{}</title>{}</text>'
        '<rect x="{}" y="{}" width="{}" height="{}" fill="#2a6f97"></rect>'
        '<text x="{}" y="{}" font-size="12">{}</text>',
        (
            (
                0,
                GAP + i * (BAR + GAP) + 13,
                label,
                _short(label),
                LABEL,
                GAP + i * (BAR + GAP),
                0 if value is None else max(0.0, round(span * value / top, 1)),
                BAR,
                LABEL + 4 + (0 if value is None else max(0.0, round(span * value / top, 1))),
                GAP + i * (BAR + GAP) + 13,
                "–" if value is None else _number(value),
            )
            for i, (label, value) in enumerate(zip(labels, values, strict=True))
        ),
    )
    # Drawn left to right in every language: its labels start at x = 0, which a right-to-left
    # page would otherwise take as their end, drawing them outside the chart.
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}" viewBox="0 0 {} {}" width="100%"'
        ' direction="ltr" xmlns="http://www.w3.org/2000/svg">{}</svg>',
        labelled_by,
        WIDTH,
        height,
        bars,
    )


LEGEND_HEIGHT = 20
LEGEND_ENTRY = 160  # the width given to each series' name under the columns


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
    colours = ("#2a6f97", "#e07a1f", "#5a8f29")
    top = max((v for s in series for v in s if v is not None), default=0) or 1
    group = max(1.0, (WIDTH - 40) / max(1, len(labels)))
    width = max(1.0, group / (len(series) + 1))
    shapes = []
    for i, label in enumerate(labels):
        for j, values in enumerate(series):
            value = values[i]
            if value is None:
                continue
            h = round(COLUMN_HEIGHT * value / top, 1)
            shapes.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>',
                    round(30 + i * group + j * width, 1),
                    round(10 + COLUMN_HEIGHT - h, 1),
                    round(width, 1),
                    h,
                    colours[j % len(colours)],
                )
            )
        if len(labels) <= 12 or i % max(1, len(labels) // 6) == 0:
            shapes.append(
                format_html(
                    '<text x="{}" y="{}" font-size="11">{}</text>',
                    round(30 + i * group, 1),
                    COLUMN_HEIGHT + 26,
                    label,
                )
            )
    axis = format_html(
        '<line x1="28" y1="{}" x2="{}" y2="{}" stroke="#555"></line>'
        '<text x="0" y="20" font-size="11">{}</text>',
        COLUMN_HEIGHT + 10,
        WIDTH,
        COLUMN_HEIGHT + 10,
        _number(top),
    )
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"></rect>'
        '<text x="{}" y="{}" font-size="11">{}</text>',
        (
            (
                30 + j * LEGEND_ENTRY,
                COLUMN_HEIGHT + 38,
                colours[j % len(colours)],
                44 + j * LEGEND_ENTRY,
                COLUMN_HEIGHT + 47,
                _short(name),
            )
            for j, name in enumerate(names)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{}" viewBox="0 0 {} {}" width="100%"'
        ' direction="ltr" xmlns="http://www.w3.org/2000/svg">{}{}{}</svg>',
        labelled_by,
        WIDTH + RIGHT_MARGIN,
        COLUMN_HEIGHT + 34 + (LEGEND_HEIGHT if names else 0),
        axis,
        SafeString("".join(shapes)),
        legend,
    )


def _number(value: float) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{value:,.0f}"
