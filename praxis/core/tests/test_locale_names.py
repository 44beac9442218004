"""Names in the interface's languages: every country once, under its own name; a month after
its day in the case the language gives it."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django_countries import countries


@pytest.mark.parametrize(
    "language", ["zh-hans", "ar", "es", "fr", "ru", "hi", "ur", "sw", "bn", "id"]
)
def test_no_two_countries_share_a_name(language: str) -> None:
    with translation.override(language):
        names = [str(name) for _code, name in countries]
    assert len(names) == len(set(names))


def test_chinese_names_the_countries_it_used_to_get_wrong() -> None:
    with translation.override("zh-hans"):
        names = {code: str(name) for code, name in countries}
    assert names["WS"] == "萨摩亚"  # not American Samoa's name
    assert names["AS"] == "美属萨摩亚群岛"
    assert names["NP"] == "尼泊尔"
    assert names["TJ"] == "塔吉克斯坦"
    assert names["BA"] == "波斯尼亚和黑塞哥维那"


@pytest.mark.parametrize(
    ("language", "germany", "kenya"),
    [
        ("hi", "जर्मनी", "केन्या"),
        ("ur", "جرمنی", "کینیا"),
        ("bn", "জার্মানি", "কেনিয়া"),
        ("sw", "Ujerumani", "Kenya"),
        ("id", "Jerman", "Kenya"),
        ("fr", "Allemagne", "Kenya"),
        ("en", "Germany", "Kenya"),
    ],
)
def test_countries_are_named_in_languages_django_countries_does_not_carry(
    language: str, germany: str, kenya: str
) -> None:
    # Bengali, Hindi, Indonesian, Swahili and Urdu take CLDR's names; the others keep
    # django-countries' own.
    with translation.override(language):
        names = {code: str(name) for code, name in countries}
    assert (names["DE"], names["KE"]) == (germany, kenya)


@pytest.mark.parametrize(("language", "expected"), [("ru", "10 марта"), ("uk", "10 березня")])
def test_a_day_and_month_take_the_genitive(language: str, expected: str) -> None:
    with translation.override(language):
        assert date_format(date(2027, 3, 10), "MONTH_DAY_FORMAT") == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("pt", "20 de dezembro de 2026"),  # Portuguese writes its months in lower case
        ("fr", "20 décembre 2026"),
        ("hi", "दिसंबर"),
        ("en", "Dec. 20, 2026"),
    ],
)
def test_a_date_names_its_month_as_the_language_writes_it(language: str, expected: str) -> None:
    with translation.override(language):
        assert expected in date_format(date(2026, 12, 20), "DATE_FORMAT")
