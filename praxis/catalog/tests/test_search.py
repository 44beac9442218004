"""Search over the catalogue in the six languages, on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test import Client
from django.test.utils import CaptureQueriesContext

from conftest import SchemaCheckedClient
from praxis.catalog.listing import catalogue, courses_matching
from praxis.catalog.models import Course
from praxis.catalog.search import fold, ranked, reindex_course, search, terms
from praxis.catalog.tests.factories import CourseFactory, TopicFactory, TranslationGroupFactory

pytestmark = pytest.mark.django_db

HAND_HYGIENE = {
    "en": ("Hand hygiene in health facilities", "Clean hands save lives."),
    "fr": (
        "Hygiène des mains dans les établissements de santé",
        "Des mains propres sauvent des vies.",
    ),
    "es": ("Higiene de manos en los centros de salud", "Las manos limpias salvan vidas."),
    "ru": ("Гигиена рук в медицинских учреждениях", "Чистые руки спасают жизни."),
    "ar": ("نظافة اليدين في المرافق الصحية", "الأيدي النظيفة تنقذ الأرواح."),
    "zh-hans": ("医疗机构中的手卫生", "清洁的双手拯救生命。"),
}


def indexed(**fields: object) -> Course:
    course = CourseFactory.create(**fields)
    reindex_course(course)
    return course


@pytest.fixture
def courses() -> dict[str, Course]:
    return {
        language: indexed(
            language=language, title=title, summary=summary, objectives=[], slug=f"hands-{language}"
        )
        for language, (title, summary) in HAND_HYGIENE.items()
    }


def found(query: str, queryset: QuerySet[Course] | None = None) -> list[str]:
    """The slugs of the courses a search lists, best first, as every course search ranks them;
    a query without words lists every course."""
    queryset = queryset if queryset is not None else Course.objects.all()
    if not terms(query):
        return [course.slug for course in search(queryset, query).order_by("slug")]
    slugs = dict(Course.objects.values_list("id", "slug"))
    return [slugs[i] for i in ranked(queryset, query, None, (), 100).ids]


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("hands", "en"),
        ("établissements", "fr"),
        ("salvan", "es"),
        ("медицинских", "ru"),
        ("المرافق", "ar"),
        ("医疗机构", "zh-hans"),
    ],
)
def test_a_word_in_each_language_finds_the_course_in_that_language(
    courses: dict[str, Course], query: str, language: str
) -> None:
    assert found(query) == [f"hands-{language}"]


def test_a_health_term_finds_its_translations_in_every_language(
    courses: dict[str, Course],
) -> None:
    # "手卫生" is hand hygiene in the health vocabulary (praxis.core.health_terms).
    assert sorted(found("手卫生")) == sorted(f"hands-{language}" for language in HAND_HYGIENE)


def test_french_matches_without_accents(courses: dict[str, Course]) -> None:
    assert found("etablissements") == ["hands-fr"]


def test_arabic_matches_with_vowel_marks_in_the_query(courses: dict[str, Course]) -> None:
    assert found("الصِّحِّيَّة") == ["hands-ar"]


def test_chinese_two_character_word_matches(courses: dict[str, Course]) -> None:
    assert found("卫生") == ["hands-zh-hans"]


def test_russian_matches_another_form_of_the_word(courses: dict[str, Course]) -> None:
    # "гигиену" (accusative) is not a substring of "гигиена": stemming or the shared stem finds it.
    assert "hands-ru" in found("гигиен")


def test_every_word_of_the_query_must_match(courses: dict[str, Course]) -> None:
    assert found("hands lives") == ["hands-en"]
    assert found("hands tuberculosis") == []


def test_topic_names_in_any_language_are_searched(courses: dict[str, Course]) -> None:
    topic = TopicFactory.create(
        slug="ipc", names={"en": "Infection control", "ru": "Инфекционный контроль"}
    )
    courses["es"].topics.add(topic)
    reindex_course(courses["es"])
    assert found("инфекционный") == ["hands-es"]


def test_objectives_are_searched() -> None:
    indexed(slug="triage", title="Triage", objectives=["Sort patients by urgency of need"])
    assert found("urgency") == ["triage"]


def test_a_title_match_ranks_above_a_summary_match() -> None:
    indexed(slug="summary-only", title="Ward rounds", summary="Includes a note on malaria.")
    indexed(slug="in-title", title="Malaria case management", summary="Diagnosis and treatment.")
    assert found("malaria") == ["in-title", "summary-only"]


@pytest.mark.parametrize(
    "query", ["", "   ", "?!.,;:", '"', "'", "*", "-", "OR AND NOT", "(", "%_"]
)
def test_a_query_without_words_or_with_operators_never_errors(
    courses: dict[str, Course], query: str
) -> None:
    assert len(found(query)) in {0, len(HAND_HYGIENE)}


def test_a_search_reads_what_postgresql_makes_of_its_words_once(
    courses: dict[str, Course],
) -> None:
    # On PostgreSQL the lexemes of each word and term in every text-search configuration are
    # read from the server once, then sent as one value: the same search again makes one
    # statement fewer, and finds the same. SQLite reads nothing of the kind.
    with CaptureQueriesContext(connection) as first:
        found_first = found("hand hygiene")
    with CaptureQueriesContext(connection) as again:
        found_again = found("hand hygiene")
    assert sorted(found_first) == sorted(f"hands-{language}" for language in HAND_HYGIENE)
    assert found_again == found_first
    assert len(first) - len(again) == (1 if connection.vendor == "postgresql" else 0)
    # A word that some configurations drop as a stop word ("des" in French) is still matched
    # as written through the others.
    assert found("des mains propres") == ["hands-fr"]


def test_a_query_of_two_thousand_characters_does_not_error(courses: dict[str, Course]) -> None:
    # Only the start of an overlong query is searched.
    assert found("hands " * 333 + "xx") == ["hands-en"]
    assert found("x" * 2000) == []


def test_reindexing_replaces_the_old_text(courses: dict[str, Course]) -> None:
    course = courses["en"]
    course.title = "Oxygen therapy"
    course.save()
    reindex_course(course)
    assert found("oxygen") == ["hands-en"]
    assert "hands-en" not in found("hygiene")


def test_terms_are_folded_and_deduplicated() -> None:
    assert terms("Hygiène, HYGIENE! santé") == ["hygiene", "sante"]
    assert fold("Ёлка ёж") == "ёлка ёж"  # Cyrillic letters keep their marks


def test_catalogue_search_shows_published_courses_only(courses: dict[str, Course]) -> None:
    indexed(slug="hands-draft", title="Hand hygiene", objectives=[], status=Course.Status.DRAFT)
    page = catalogue("en", q="hand")
    assert [entry.course.slug for entry in page.items] == ["hands-en"]


@pytest.mark.parametrize("typed", ["vacinações", "vacinacoes", "Vacinação", "vacinacao"])
def test_a_portuguese_reader_finds_a_portuguese_course_by_another_form_with_or_without_accents(
    typed: str,
) -> None:
    indexed(slug="vacinacao", language="pt", title="Vacinação infantil", objectives=[])
    indexed(slug="measles", language="en", title="Measles outbreak response", objectives=[])
    matches = search(Course.objects.all(), typed, languages=["pt"])
    assert [course.slug for course in matches] == ["vacinacao"]


def test_the_catalogue_ranks_a_search_as_the_combined_search_does() -> None:
    group = TranslationGroupFactory.create()
    indexed(slug="hands-en", language="en", title="Hand hygiene", translation_group=group)
    indexed(slug="manos-es", language="es", title="Higiene de manos", translation_group=group)
    indexed(slug="in-summary", language="en", title="Ward rounds", summary="Hand hygiene first.")
    indexed(
        slug="in-objectives",
        language="en",
        title="Infection control",
        summary="Standard precautions.",
        objectives=["Perform hand hygiene at the five moments"],
    )
    indexed(
        slug="in-spanish", language="es", title="Sala de urgencias", summary="Higiene de manos."
    )
    listed = [e.course.slug for e in catalogue(["es"], q="hand hygiene", size=50).items]
    # The Spanish reader: the courses in Spanish first, the translation of the best match
    # leading (and standing for its English original); then title over summary over the rest.
    assert listed == ["manos-es", "in-spanish", "in-summary", "in-objectives"]
    combined = [c.slug for c in courses_matching(["es"], "hand hygiene", None, limit=50)]
    assert combined == listed
    english = [e.course.slug for e in catalogue(["en"], q="hand hygiene", size=50).items]
    assert english == ["hands-en", "in-summary", "in-objectives", "in-spanish"]


def test_a_searched_catalogue_pages_its_results_and_a_page_past_the_end_shows_the_last() -> None:
    for n in range(5):
        indexed(slug=f"malaria-{n}", title=f"Malaria {n}", summary="Malaria case management.")
    indexed(slug="other", title="Measles")
    first = catalogue("en", q="malaria", size=2)
    assert (first.total, first.pages, len(first.items)) == (5, 3, 2)
    second = catalogue("en", q="malaria", page=2, size=2)
    last = catalogue("en", q="malaria", page=9, size=2)
    assert last.number == 3 and len(last.items) == 1
    shown = [e.course.slug for page in (first, second, last) for e in page.items]
    assert sorted(shown) == [f"malaria-{n}" for n in range(5)]


def test_chinese_terms_are_found_apart_and_rank_below_the_run_typed_whole() -> None:
    indexed(slug="apart", language="zh-hans", title="口罩与手套的使用", summary="")
    indexed(slug="whole", language="zh-hans", title="手套口罩使用指南", summary="")
    indexed(slug="gloves-only", language="zh-hans", title="手套的选择", summary="")
    # "手套" (gloves) and "口罩" (masks), two terms typed as one run: a course holding both
    # apart is found, below the one holding the run as typed.
    assert found("手套口罩") == ["whole", "apart"]


def test_a_chinese_query_is_not_split_across_its_terms() -> None:
    indexed(slug="importance", language="zh-hans", title="手卫生的重要性", summary="")
    indexed(slug="other", language="zh-hans", title="医疗机构中的分诊", summary="")
    # Read as "手卫生" and "重要性", not as pairs such as "生重" that no text holds.
    assert found("手卫生重要性") == ["importance"]


def test_the_combined_search_scores_the_most_recent_matches_only_the_catalogue_all(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    oldest = indexed(slug="malaria-old", title="Malaria", summary="Malaria, malaria.")
    indexed(slug="malaria-mid", title="Malaria case management", summary="")
    indexed(slug="malaria-new", title="Ward rounds", summary="Malaria first.")
    monkeypatch.setattr("praxis.catalog.listing.SCORED_CANDIDATES", 2)
    combined = [c.slug for c in courses_matching("en", "malaria", None)]
    # The best match is among the courses added first: past the bound, it is not scored.
    assert combined == ["malaria-mid", "malaria-new"]
    listed = [e.course.slug for e in catalogue("en", q="malaria").items]
    assert listed[0] == oldest.slug and len(listed) == 3


def test_a_catalogue_search_that_finds_nothing_leaves_out_a_word_and_says_so(
    client: Client, api_client: SchemaCheckedClient
) -> None:
    indexed(slug="hands", title="Hand hygiene in the ward", summary="Clean hands.", objectives=[])
    indexed(slug="trainers", title="Training of trainers", summary="Teaching.", objectives=[])
    page = catalogue("en", q="hand hygiene training")
    assert [entry.course.slug for entry in page.items] == ["hands"]
    assert page.left_out == ["training"]
    assert catalogue("en", q="hand hygiene").left_out == []
    html = client.get("/courses/", {"q": "hand hygiene training"}).content.decode()
    assert "No result holds every word you typed. These results leave out:" in html
    assert '<s dir="auto">training</s>' in html
    answer = api_client.get("/api/v1/courses", {"q": "hand hygiene training"}).json()
    assert [course["slug"] for course in answer["items"]] == ["hands"]
    assert answer["left_out"] == ["training"]
    # The filters still hold: no French course holds any of the words.
    french = catalogue("en", q="hand hygiene training", language="fr")
    assert french.total == 0 and french.left_out == []
