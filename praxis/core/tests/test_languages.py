import pytest
from django.utils import translation

from praxis.core.languages import (
    best_match,
    canonical_tag,
    languages_match,
    matching_tags,
    preference_rank,
    primary_language,
)
from praxis.core.models import in_language


@pytest.mark.parametrize(
    ("tag", "canonical"),
    [
        ("zh-hans", "zh-Hans"),
        ("ZH-HANT", "zh-Hant"),
        ("pt-br", "pt-BR"),
        ("en", "en"),
        ("es-419", "es-419"),
        ("sr-latn-rs", "sr-Latn-RS"),
        ("en-US-x-twain", "en-US-x-twain"),
        ("zh_hans", "zh-Hans"),
        ("", ""),
    ],
)
def test_tags_are_written_in_their_canonical_case(tag: str, canonical: str) -> None:
    assert canonical_tag(tag) == canonical


@pytest.mark.parametrize(
    ("wanted", "offered"),
    [
        ("zh", "zh-hans"),
        ("zh", "zh-Hant"),
        ("zh-Hans", "zh"),
        ("zh-hans", "ZH-HANS"),
        ("pt", "pt-BR"),
        ("EN", "en-gb"),
    ],
)
def test_languages_match_by_bcp47_prefix(wanted: str, offered: str) -> None:
    assert languages_match(wanted, offered)


@pytest.mark.parametrize(
    ("wanted", "offered"),
    [("zh-Hans", "zh-Hant"), ("pt-BR", "pt-PT"), ("en", "es"), ("", "en"), ("en", ""), ("e", "en")],
)
def test_different_languages_do_not_match(wanted: str, offered: str) -> None:
    assert not languages_match(wanted, offered)


def test_matching_tags_keeps_the_offered_order() -> None:
    assert matching_tags(["zh", "fr"], ["en", "fr-CA", "zh-Hant", "ar"]) == ["fr-CA", "zh-Hant"]
    assert primary_language("zh-Hans-CN") == "zh"


def test_preference_rank_follows_the_readers_order() -> None:
    assert preference_rank(["zh", "en"], "zh-Hans") == 0
    assert preference_rank(["fr", "en"], "en-GB") == 1
    assert preference_rank(["fr", "en"], "ar") == 2


def test_best_match_prefers_the_same_tag_then_a_related_one() -> None:
    assert best_match("zh-hans", ["zh", "zh-Hans", "en"]) == "zh-Hans"
    assert best_match("zh-hans", ["en", "zh"]) == "zh"
    assert best_match("zh", ["en", "zh-hant"]) == "zh-hant"
    assert best_match("fr", ["en", "es"]) is None


def test_a_name_in_chinese_serves_a_simplified_chinese_reader() -> None:
    with translation.override("zh-hans"):
        assert in_language({"en": "Hand hygiene", "zh": "手部卫生"}, "x") == "手部卫生"
    with translation.override("fr"):
        assert in_language({"en": "Hand hygiene", "zh": "手部卫生"}, "x") == "Hand hygiene"
        assert in_language({}, "x") == "x"
