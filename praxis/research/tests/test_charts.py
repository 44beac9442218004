"""The analytics charts: labels kept inside the drawing, and empty charts said to be empty."""

import html
import re

from praxis.research.charts import LABEL, bar_chart, column_chart


def test_empty_charts_say_there_is_no_data_yet_instead_of_drawing_an_axis() -> None:
    for chart in [
        bar_chart("t", [], []),
        bar_chart("t", ["Kenya", "Fiji"], [None, 0]),
        column_chart("t", [], [[]]),
        column_chart("t", ["2026-01", "2026-02"], [[0, 0], [None, None]]),
    ]:
        assert "No data yet" in chart
        assert "<svg" not in chart


def test_long_bar_labels_start_inside_the_drawing_and_are_shortened() -> None:
    label = "Lao People's Democratic Republic, Vientiane Capital"
    chart = bar_chart("t", [label], [5])
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)"', chart)]
    assert min(xs) >= 0
    assert f"<title>{label.replace(chr(39), '&#x27;')}</title>" in chart  # the full label on hover
    found = re.search(r"</title>([^<]*)</text>", chart)
    assert found is not None
    shown = html.unescape(found.group(1))
    assert shown.endswith("…") and len(shown) * 6.5 <= LABEL  # about 6.5 px a character at 12 px


def test_charts_with_data_draw_bars_and_columns() -> None:
    assert "<rect" in bar_chart("t", ["Kenya"], [3])
    assert "<rect" in column_chart("t", ["2026-01"], [[4]])


def test_the_columns_colours_are_named_under_them() -> None:
    chart = column_chart("t", ["2026-01"], [[4], [2]], ["Enrolments", "Completions"])
    assert ">Enrolments</text>" in chart and ">Completions</text>" in chart
    assert chart.count('fill="#2a6f97"') == 2 and chart.count('fill="#e07a1f"') == 2
    assert ">Enrolments</text>" not in column_chart("t", ["2026-01"], [[4], [2]])
