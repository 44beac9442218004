import pytest
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.functional import Promise

from praxis.core.errors import ValidationFailed
from praxis.core.languages import (
    LanguageTagField,
    LanguageTagFormField,
    LanguageTagInput,
    LanguageTagProblem,
    autonym,
    best_match,
    canonical_tag,
    clean_language_tag,
    describe_interface_languages,
    direction_of,
    isolated,
    language_name,
    languages_match,
    matching_tags,
    preference_rank,
    primary_language,
    readers_of,
    script_of,
    standard_tag,
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


def test_a_reader_reads_their_languages_then_the_interface_then_their_saved_one() -> None:
    class Reader:
        languages = ["sw"]
        preferred_language = "fr"

    assert readers_of(Reader(), "en") == ["sw", "en", "fr"]
    assert readers_of(Reader(), "fr") == ["sw", "fr"]
    assert readers_of(object(), "ar") == ["ar"]  # a visitor


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


# Any language of the registry: checked, canonical, with its direction and names


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("zh-hans", "zh-Hans"),
        ("PT-br", "pt-BR"),
        ("pt_BR", "pt-BR"),
        ("sw", "sw"),
        ("es-419", "es-419"),
        ("bn", "bn"),
        (" ur ", "ur"),
        ("iw", "he"),  # deprecated, replaced by its preferred value
        ("en-Latn", "en"),  # the script English is always written in says nothing
        ("sr-latn", "sr-Latn"),
        ("de-CH-1901", "de-CH-1901"),
    ],
)
def test_a_registered_tag_is_kept_in_canonical_form(given: str, stored: str) -> None:
    assert standard_tag(given) == stored


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("", "invalid_language_tag"),
        ("   ", "invalid_language_tag"),
        ("a" * 36, "invalid_language_tag"),
        ("en-" + "-".join(["abcdefgh"] * 400), "invalid_language_tag"),
        ("en--US", "invalid_language_tag"),
        ("-en", "invalid_language_tag"),
        ("en_", "invalid_language_tag"),
        ("<script>", "invalid_language_tag"),
        ("abcdefghi", "invalid_language_tag"),
        ("English", "invalid_language_tag"),  # a name, not a tag
        ("xx", "unknown_language"),
        ("en-Xyzw", "unknown_language"),
        ("und", "unknown_language"),
        ("zxx", "unknown_language"),
        ("x-private", "unknown_language"),
        (None, "invalid_language_tag"),
        (12, "invalid_language_tag"),
        (["en"], "invalid_language_tag"),
    ],
)
def test_a_tag_that_is_empty_huge_malformed_unknown_or_not_text_is_refused(
    given: object, code: str
) -> None:
    with pytest.raises(LanguageTagProblem) as refused:
        standard_tag(given)
    assert refused.value.code == code
    # A message for people, looked up in the reader's language when shown.
    assert isinstance(refused.value.message, Promise)


@pytest.mark.parametrize(
    ("tag", "direction", "script"),
    [
        ("ur", "rtl", "Arab"),
        ("fa", "rtl", "Arab"),
        ("ps", "rtl", "Arab"),
        ("he", "rtl", "Hebr"),
        ("dv", "rtl", "Thaa"),
        ("ar", "rtl", "Arab"),
        ("yi", "rtl", "Hebr"),
        ("syr", "rtl", "Syrc"),
        ("ckb", "rtl", "Arab"),
        ("pa-Arab", "rtl", "Arab"),
        ("pa", "ltr", "Guru"),
        ("bn", "ltr", "Beng"),
        ("hi", "ltr", "Deva"),
        ("zh-Hans", "ltr", "Hans"),
        ("sw", "ltr", "Latn"),
        ("az-Arab", "rtl", "Arab"),
        ("not a tag", "ltr", ""),
    ],
)
def test_script_and_direction_follow_from_the_tag(tag: str, direction: str, script: str) -> None:
    assert script_of(tag) == script
    assert direction_of(tag) == direction


def test_a_language_is_named_in_the_readers_language_and_in_itself() -> None:
    assert language_name("bn", "en") == "Bangla"
    assert language_name("sw", "fr") == "Swahili"
    assert language_name("pt-BR", "es") == "Portugués (Brasil)"
    assert autonym("bn") == "বাংলা"
    assert autonym("ur") == "اردو"
    with translation.override("ar"):
        assert language_name("ur") == "الأوردية"


def test_the_tag_field_stores_and_finds_tags_in_canonical_case() -> None:
    field = LanguageTagField()
    assert field.get_prep_value("zh-hans") == "zh-Hans"
    assert field.max_length == 35
    with pytest.raises(ValidationError) as refused:
        field.clean("xx-yy-zz-", None)
    assert refused.value.error_list[0].code == "invalid_language_tag"


def test_the_form_field_cleans_to_the_canonical_tag_and_offers_suggestions() -> None:
    field = LanguageTagFormField()
    assert field.clean("pt_br") == "pt-BR"
    with pytest.raises(ValidationError) as refused:
        field.clean("qq-QQQ")
    assert refused.value.error_list[0].code in {"invalid_language_tag", "unknown_language"}
    html = LanguageTagInput().render("language", "bn", {"id": "id_language"})
    assert 'list="id_language-suggestions"' in html
    assert '<datalist id="id_language-suggestions">' in html
    assert '<option value="bn">' in html


def test_an_interface_language_django_does_not_know_is_named_from_the_registry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    saved = dict(LANG_INFO)
    monkeypatch.delitem(LANG_INFO, "ps", raising=False)
    try:
        describe_interface_languages(["ps", "fr"])
        assert LANG_INFO["ps"] == {
            "bidi": True,
            "code": "ps",
            "name": "Pashto",
            "name_local": "پښتو",
        }
        assert LANG_INFO["fr"] == saved["fr"]  # Django's own entry is kept
    finally:
        LANG_INFO.clear()
        LANG_INFO.update(saved)


@pytest.mark.parametrize(
    ("given", "code"),
    [
        ("", "invalid_language_tag"),
        ("x" * 10_000, "invalid_language_tag"),
        (7, "invalid_language_tag"),
        ("qx", "unknown_language"),
    ],
)
def test_a_service_refuses_a_bad_tag_on_the_field_named(given: object, code: str) -> None:
    with pytest.raises(ValidationFailed) as refused:
        clean_language_tag(given, field="languages")
    assert refused.value.code == code
    assert list(refused.value.fields) == ["languages"]
    assert clean_language_tag("ZH_hant") == "zh-Hant"


@pytest.mark.parametrize(
    ("text", "direction", "expected"),
    [
        # An English title in an Arabic sentence, and an Arabic one in an English sentence.
        ("Night shifts", "rtl", "\u2068Night shifts\u2069"),
        ("نقص القفازات", "ltr", "\u2068نقص القفازات\u2069"),
        # Read by its first letter, as dir="auto" reads it: a number first changes nothing.
        ("2026: خطة", "ltr", "\u20682026: خطة\u2069"),
        # Written the sentence's way, or with no letter at all: as it is.
        ("Night shifts", "ltr", "Night shifts"),
        ("نقص القفازات", "rtl", "نقص القفازات"),
        ("12:30", "rtl", "12:30"),
        ("", "rtl", ""),
    ],
)
def test_a_text_running_the_other_way_is_isolated(text: str, direction: str, expected: str) -> None:
    assert isolated(text, direction) == expected
