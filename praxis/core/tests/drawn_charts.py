"""The words of the charts drawn on the server (praxis.core.charts) as a browser shows them."""

from __future__ import annotations

from typing import TypedDict

from playwright.sync_api import Page


class ChartText(TypedDict):
    words: str
    size: float
    height: float
    inside: bool


# Each chart text's size as drawn on the screen: its font size times the chart's scale (1 when
# the chart is not scaled to the screen), the height of its box, and whether it lies within the
# chart (give or take the two pixels that a letter such as J reaches before its start).
RENDERED_TEXT = """charts => charts.flatMap(chart => [...chart.querySelectorAll("text")].map(
  text => ({
    words: text.textContent,
    size: parseFloat(getComputedStyle(text).fontSize) * text.getScreenCTM().a,
    height: text.getBoundingClientRect().height,
    inside: text.getBoundingClientRect().left >= chart.getBoundingClientRect().left - 2.5
        && text.getBoundingClientRect().right <= chart.getBoundingClientRect().right + 2.5,
  })
))"""


def chart_texts(page: Page) -> list[ChartText]:
    """Every text of every chart on the page, in the order drawn."""
    texts: list[ChartText] = page.locator("svg.chart").evaluate_all(RENDERED_TEXT)
    return texts
