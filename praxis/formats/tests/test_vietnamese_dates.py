"""Dates in Vietnamese as Praxis shows them: "ngày 20 tháng 12 năm 2026", in lower case after
a weekday and mid-sentence; the other languages keep their own."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse
from django.utils import translation

EVENING = datetime(2026, 12, 20, 9, 5, tzinfo=ZoneInfo("UTC"))
# Each date format as the templates ask for it, with a weekday where they give one.
SHOWN = Template(
    '{{ day|date:"DATE_FORMAT" }}|{{ moment|date:"DATETIME_FORMAT" }}|'
    '{{ day|date:"YEAR_MONTH_FORMAT" }}|{{ day|date:"MONTH_DAY_FORMAT" }}|'
    '{{ day|date:"l" }}, {{ day|date:"DATE_FORMAT" }}'
)


def _shown(language: str, day: date) -> list[str]:
    with translation.override(language):
        return SHOWN.render(Context({"day": day, "moment": EVENING})).split("|")


def test_vietnamese_dates_read_as_in_running_text() -> None:
    assert _shown("vi", date(2026, 12, 20)) == [
        "ngày 20 tháng 12 năm 2026",
        "09:05 ngày 20 tháng 12 năm 2026",
        "Tháng 12 năm 2026",
        "ngày 20 tháng 12",
        "Chủ nhật, ngày 20 tháng 12 năm 2026",
    ]


def test_a_vietnamese_day_and_month_take_no_leading_zero() -> None:
    assert _shown("vi", date(2027, 3, 5))[0] == "ngày 5 tháng 3 năm 2027"
    assert _shown("vi", date(2027, 3, 5))[3] == "ngày 5 tháng 3"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            [
                "Dec. 20, 2026",
                "Dec. 20, 2026, 9:05 a.m.",
                "December 2026",
                "December 20",
                "Sunday, Dec. 20, 2026",
            ],
        ),
        (
            "fr",
            [
                "20 décembre 2026",
                "20 décembre 2026 09:05",
                "décembre 2026",
                "20 décembre",
                "dimanche, 20 décembre 2026",
            ],
        ),
        ("pt", ["20 de dezembro de 2026"]),
        ("ru", ["20 декабря 2026 г."]),
    ],
)
def test_other_languages_keep_their_own_dates(language: str, expected: list[str]) -> None:
    assert _shown(language, date(2026, 12, 20))[: len(expected)] == expected


@pytest.mark.django_db
def test_the_calendar_heads_its_month_and_days_in_vietnamese(client: Client) -> None:
    url = reverse("events:calendar")
    month = client.get(url, {"date": "2026-12-20"}, HTTP_ACCEPT_LANGUAGE="vi").text
    assert "<h2>Tháng 12 năm 2026 " in month
    assert ">Chủ nhật, ngày 20 tháng 12</span>" in month
    assert "Tháng 12 2026" not in month and "20 Tháng 12" not in month
    week = client.get(url, {"span": "week", "date": "2026-12-16"}, HTTP_ACCEPT_LANGUAGE="vi")
    assert "<h2>Từ ngày 14 tháng 12 năm 2026 đến ngày 20 tháng 12 năm 2026 " in week.text


@pytest.mark.django_db
def test_the_calendar_in_french_is_unchanged(client: Client) -> None:
    month = client.get(
        reverse("events:calendar"), {"date": "2026-12-20"}, HTTP_ACCEPT_LANGUAGE="fr"
    ).text
    assert "<h2>décembre 2026 " in month
    assert ">dim 20 décembre</span>" in month


def test_a_vietnamese_date_in_figures_is_written_with_slashes() -> None:
    moment = Template('{{ day|date:"SHORT_DATE_FORMAT" }}|{{ day|date:"SHORT_DATETIME_FORMAT" }}')
    with translation.override("vi"):
        shown = moment.render(Context({"day": EVENING}))
    assert shown == "20/12/2026|09:05 20/12/2026"
