"""The analytics charts: labels kept inside the drawing at their own size, and empty charts said
to be empty."""

import html
import re

from django.utils.safestring import SafeString

from praxis.core.charts import FONT, LABEL_CHARACTERS
from praxis.research.charts import bar_chart, column_chart


def texts(chart: SafeString) -> list[str]:
    """The words a chart shows, in order: its text elements without their hover titles and
    without the invisible marks that set a label's direction apart."""
    drawn = re.findall(r"<text[^>]*>(?:<title>[^<]*</title>)?([^<]*)</text>", chart)
    return [html.unescape(t).strip("\u2068\u2069") for t in drawn]


def test_empty_charts_say_there_is_no_data_yet_instead_of_drawing_an_axis() -> None:
    for chart in [
        bar_chart("t", [], []),
        bar_chart("t", ["Kenya", "Fiji"], [None, 0]),
        column_chart("t", [], [[]]),
        column_chart("t", ["2026-01", "2026-02"], [[0, 0], [None, None]]),
    ]:
        assert "No data yet" in chart
        assert "<svg" not in chart


def test_a_chart_whose_every_group_is_suppressed_names_them_rather_than_saying_no_data() -> None:
    # Its table lists the groups with "–": "No data yet" above it said otherwise.
    chart = bar_chart("t", ["Kenya", "Fiji"], [None, None])
    assert "No data yet" not in chart
    assert texts(chart) == ["Kenya", "–", "Fiji", "–"]


def test_long_bar_labels_start_inside_the_drawing_and_are_shortened() -> None:
    label = "Lao People's Democratic Republic, Vientiane Capital"
    chart = bar_chart("t", [label], [5])
    xs = [float(x) for x in re.findall(r'<text x="([\d.]+)"', chart)]
    assert min(xs) >= 0
    assert f"<title>{label.replace(chr(39), '&#x27;')}</title>" in chart  # the full label on hover
    shown = texts(chart)[0]
    assert shown.endswith("…") and len(shown) <= LABEL_CHARACTERS
    assert len(shown) * FONT * 0.55 <= 250  # about 0.55 em a character: a phone's chart width


def test_wide_characters_count_twice_when_a_label_is_shortened() -> None:
    chart = bar_chart("t", ["公共卫生应急准备与响应的循证实践和社区参与培训课程"], [5])
    shown = texts(chart)[0]
    assert shown.endswith("…") and len(shown) <= LABEL_CHARACTERS // 2


def test_an_arabic_label_keeps_its_own_direction_in_a_chart_drawn_left_to_right() -> None:
    # Isolated, a shortened Arabic label reads from the right, its ellipsis at its left end.
    chart = bar_chart("t", ["نظافة اليدين: اللحظات الخمس في الرعاية الصحية اليومية"], [5])
    assert 'direction="ltr"' in chart
    assert re.search(r"</title>\u2068نظافة اليدين[^<]*…\u2069</text>", chart)


def test_charts_are_drawn_at_their_own_size_not_scaled_to_the_screen() -> None:
    # Without a viewBox the text is as large on a phone as on a wide screen.
    for chart in [bar_chart("t", ["Kenya"], [3]), column_chart("t", ["2026-01"], [[4]])]:
        assert "viewBox" not in chart
        assert f'font-size="{FONT}"' in chart and FONT >= 12


def test_bars_are_as_long_as_their_values_and_leave_room_for_the_number() -> None:
    chart = bar_chart("t", ["Kenya", "Fiji", "Chad"], [8, 4, None])
    assert re.findall(r'<rect x="0" y="[\d.]+" width="([^"]+)"', chart) == ["75%", "37.5%", "0"]
    assert '<text x="75%" dx="4"' in chart
    assert texts(chart) == ["Kenya", "8", "Fiji", "4", "Chad", "–"]  # a suppressed cell: –


def test_charts_with_data_draw_bars_and_columns() -> None:
    assert "<rect" in bar_chart("t", ["Kenya"], [3])
    assert "<rect" in column_chart("t", ["2026-01"], [[4]])


def test_month_labels_are_thinned_so_that_each_has_a_quarter_of_the_width() -> None:
    def months_shown(count: int) -> list[str]:
        months = [f"{2026 + m // 12}-{m % 12 + 1:02}" for m in range(count)]
        return [t for t in texts(column_chart("t", months, [[1] * count])) if t in months]

    assert months_shown(3) == ["2026-01", "2026-02", "2026-03"]
    assert months_shown(12) == ["2026-01", "2026-04", "2026-07", "2026-10"]
    # The last label would have less than a quarter of the width: it is left out.
    assert months_shown(13) == ["2026-01", "2026-05", "2026-09"]


def test_the_columns_colours_are_named_under_them() -> None:
    chart = column_chart("t", ["2026-01"], [[4], [2]], ["Enrolments", "Completions"])
    assert texts(chart)[-2:] == ["Enrolments", "Completions"]
    assert chart.count('fill="#2a6f97"') == 2 and chart.count('fill="#e07a1f"') == 2
    assert "Enrolments" not in texts(column_chart("t", ["2026-01"], [[4], [2]]))
