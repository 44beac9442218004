"""Word forms: a word is stemmed as written (accents kept), its stem folded, so that the query
and the documents it should find agree whatever accents either carries."""

import pytest

from praxis.core.shorter_queries import found_without_some_words, shorter_queries
from praxis.core.text_search import (
    Vocabulary,
    document_stems,
    fold,
    read,
    stems,
    words,
    written_words,
)


def test_portuguese_forms_with_accents_share_a_stem() -> None:
    # Snowball's Portuguese stemmer knows "-ações" and "-ação" by their accents only.
    assert "vacin" in stems("vacinações", ("pt",))
    assert "vacin" in stems("Vacinação", ("pt",))
    assert "vacin" in document_stems("Vacinação infantil", "pt").split()


def test_a_portuguese_query_is_stemmed_as_typed_and_its_alternatives_are_folded() -> None:
    (group,) = read("vacinações", languages=["pt-BR"]).groups
    assert group[0] == "vacinacoes"
    assert "vacin" in group
    assert all(alternative == alternative.casefold() for alternative in group)
    assert not any(char in alternative for alternative in group for char in "çõã")


@pytest.mark.parametrize(
    ("written", "languages", "stem"),
    [
        ("vacunación", ("es",), "vacun"),
        ("vacunacion", ("es",), "vacun"),
        ("vacunas", ("es",), "vacun"),
        ("vaccinés", ("fr",), "vaccin"),
        ("vaccines", (), "vaccin"),
        ("Прививки", (), "прививк"),
        ("القفازات", (), "قفاز"),
        ("القُفّازات", (), "قفاز"),
    ],
)
def test_other_languages_keep_their_stems(
    written: str, languages: tuple[str, ...], stem: str
) -> None:
    assert stem in stems(written, languages)


def test_a_document_and_a_query_in_spanish_meet_with_or_without_accents() -> None:
    document = set(document_stems("La vacunación infantil", "es").split())
    for typed in ("vacunación", "vacunacion", "vacunas"):
        (group,) = read(typed, languages=["es"]).groups
        assert document & set(group), typed


def test_words_are_paired_with_their_written_forms() -> None:
    assert written_words("Vacinação, ÉTÉ ﬁn") == [
        ("vacinacao", "vacinação"),
        ("ete", "été"),
        ("fin", "ﬁn"),
    ]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Terms of the health vocabulary are words of their own, whatever surrounds them.
        ("手卫生重要性", ["手卫生", "重要性"]),
        ("新生儿疫苗接种", ["新生儿", "疫苗", "接种"]),
        # A character alone between two terms is a particle, not required.
        ("手套和口罩", ["手套", "口罩"]),
        # Short runs whole; a long run without a term by its pairs.
        ("机构", ["机构"]),
        ("医疗机构中的", ["医疗", "疗机", "机构", "构中", "中的"]),
    ],
)
def test_chinese_is_read_as_the_terms_it_holds(typed: str, expected: list[str]) -> None:
    assert words(typed) == expected


def test_a_chinese_run_read_as_several_words_is_kept_whole_to_rank() -> None:
    assert read("手套口罩 gloves").phrases == ["手套口罩"]
    assert read("手套").phrases == []


def test_ascii_text_folds_as_any_text_does() -> None:
    for code in range(128):
        char = chr(code)
        kept = char.isprintable() or char.isspace()
        assert fold(f"A{char}b") == (f"a{char.lower()}b" if kept else "ab")
    assert fold("Hand\x00 HYGIENE\tnow\x7f") == "hand hygiene\tnow"
    # One letter beyond ASCII takes the whole text through decomposition: the same answer.
    assert fold("Higiène\x00 DE Manos") == "higiene de manos"
    assert fold("Higiene\x00 DE Manos") == fold("Higiène\x00 DE Manos")


def test_a_chinese_query_is_shortened_by_its_words_terms_whole_and_pairs_side_by_side() -> None:
    vocabulary = Vocabulary.of(["手卫生：五个时刻", "冷链管理", "培训班"])
    without_one, alone = shorter_queries("手卫生培训", vocabulary)
    assert without_one == [("手卫生", ["培训"]), ("培训", ["手卫生"])]
    # Alone: the health term first.
    assert alone[0] == ("手卫生", ["培训"])
    # An odd character is kept with the pair before it; a particle between terms is no word.
    without_one, _alone = shorter_queries("冷链管理培训班", vocabulary)
    assert sorted(left for _query, left in without_one) == [["冷链"], ["培训班"], ["管理"]]
    # "护士" is held by no text, so it is the first left out.
    assert shorter_queries("护士的手卫生", vocabulary)[0] == [
        ("手卫生", ["护士"]),
        ("护士", ["手卫生"]),
    ]
    # One word: nothing shorter.
    assert shorter_queries("手卫生", vocabulary) == ([], [])
    # Words joined by a particle ("和", "以及", "的") are paired apart from it.
    without_one, _alone = shorter_queries("接种计划和冷链管理培训以及农村卫生院", vocabulary)
    assert {left[0] for _query, left in without_one} == {
        "接种计划",
        "冷链",
        "管理",
        "培训",
        "农村",
        "卫生院",
    }


def test_a_shorter_query_is_searched_once() -> None:
    vocabulary = Vocabulary.of(["salud mental", "publica"])
    asked: list[str] = []

    def search(query: str) -> list[str]:
        asked.append(query)
        return []

    # Without one of two words is the other alone: each is searched once, then nothing found.
    assert found_without_some_words("salud publica", vocabulary, search, len) is None
    assert sorted(asked) == ["publica", "salud"]
