"""The competency level chart: drawn at its own size, each bar under its label, long names
shortened, Arabic names in their own direction, and levels placed along the width."""

import html
import re

from django.template.loader import render_to_string

from praxis.assessments.chart import level_chart
from praxis.core.charts import FONT, LABEL_CHARACTERS

ARABIC = "نظافة اليدين: اللحظات الخمس في الرعاية الصحية اليومية"


def drawn(rows: list[tuple[str, str, int, int | None]]) -> str:
    return render_to_string(
        "assessments/_chart.html",
        {"chart": level_chart(rows), "chart_id": "levels", "caption": "Level held"},
    )


def labels(chart: str) -> list[str]:
    """The bars' labels as drawn, without their hover titles and without the invisible marks
    that set each part's direction apart."""
    found = re.findall(r"<text[^>]*><title>[^<]*</title>([^<]*)</text>", chart)
    return [re.sub("[\u2068\u2069]", "", html.unescape(label)) for label in found]


def test_the_chart_is_drawn_at_its_own_size_not_scaled_to_the_screen() -> None:
    # Without a viewBox the text is as large on a phone as on a wide screen.
    chart = drawn([("PA1.15", "Support people", 3, None)])
    assert "viewBox" not in chart
    assert 'width="100%"' in chart
    assert f'font-size="{FONT}"' in chart and FONT >= 12
    assert "font-size" not in chart.replace(f'font-size="{FONT}"', "", 1)


def test_each_bar_is_under_a_label_of_its_code_and_name() -> None:
    chart = drawn([("4", "Collaboration", 3, None), ("6", "Personal conduct", 2, None)])
    assert labels(chart) == ["4 Collaboration", "6 Personal conduct"]
    label_ys = [int(y) for y in re.findall(r'<text x="0" y="(\d+)"><title>', chart)]
    bar_ys = [int(y) for y in re.findall(r'<rect x="0" y="(\d+)"', chart)]
    assert all(label_y < bar_y for label_y, bar_y in zip(label_ys, bar_ys, strict=True))
    assert label_ys[1] > bar_ys[0]


def test_long_names_are_shortened_with_the_whole_name_on_hover() -> None:
    name = "Support people through treatment and care across every setting of care"
    chart = drawn([("PA1.15", name, 3, None)])
    assert f"<title>PA1.15 {name}</title>" in chart
    shown = labels(chart)[0]
    assert shown.startswith("PA1.15 Support") and shown.endswith("…")
    assert len(shown) <= LABEL_CHARACTERS


def test_wide_characters_count_twice_when_a_name_is_shortened() -> None:
    chart = drawn([("EPHF9", "公共卫生应急准备与响应的循证实践和社区参与培训课程", 5, None)])
    shown = labels(chart)[0]
    assert shown.endswith("…") and len(shown) <= len("EPHF9 ") + LABEL_CHARACTERS // 2


def test_an_arabic_name_keeps_its_own_direction_after_its_code() -> None:
    # In a chart drawn left to right the code comes first; the name, set apart, reads from the
    # right, its ellipsis at its left end.
    chart = drawn([("6", ARABIC, 2, None)])
    assert 'direction="ltr"' in chart
    assert re.search(r"</title>\u20686\u2069 \u2068نظافة اليدين[^<\u2069]*…\u2069</text>", chart)


def test_levels_are_placed_along_the_width_leaving_room_for_the_number() -> None:
    chart = drawn([("1", "People-centredness", 5, None), ("3", "Communication", 2, 4)])
    assert re.findall(r'<rect x="0" y="\d+" width="([^"]+)"', chart) == ["90%", "36%"]
    assert '<text x="90%" dx="4" y="29">5</text>' in chart
    assert re.findall(r'<line x1="([^"]+)"[^>]*stroke="#b3261e"', chart) == ["72%"]


def test_a_number_after_its_bar_clears_the_line_of_the_level_needed() -> None:
    chart = drawn([("3", "Communication", 2, 2), ("6", "Personal conduct", 0, 3)])
    assert '<text x="36%" dx="7"' in chart
    assert '<text x="0" dx="0"' in chart


def test_the_scale_stays_inside_the_chart() -> None:
    chart = drawn([("3", "Communication", 2, None)])
    scale = re.findall(r'<text x="([^"]+)" y="\d+" text-anchor="(\w+)">(\d)</text>', chart)
    assert scale[0] == ("0", "start", "0")  # the first number starts at the left edge
    assert scale[-1] == ("90%", "middle", "5")


def test_a_target_with_no_requirement_draws_no_chart() -> None:
    assert "<svg" not in drawn([])
