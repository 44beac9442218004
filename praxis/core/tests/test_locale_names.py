"""Names in the interface's languages: every country once, under its own name; a month after
its day in the case the language gives it."""

from datetime import date

import pytest
from django.utils import translation
from django.utils.formats import date_format
from django_countries import countries


@pytest.mark.parametrize("language", ["zh-hans", "ar", "es", "fr", "ru"])
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


@pytest.mark.parametrize(("language", "expected"), [("ru", "10 марта"), ("uk", "10 березня")])
def test_a_day_and_month_take_the_genitive(language: str, expected: str) -> None:
    with translation.override(language):
        assert date_format(date(2027, 3, 10), "MONTH_DAY_FORMAT") == expected
