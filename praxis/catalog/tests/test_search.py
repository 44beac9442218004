"""Search over the catalogue in the six languages, on SQLite (FTS5) and PostgreSQL."""

import pytest
from django.db.models import QuerySet

from praxis.catalog.models import Course
from praxis.catalog.queries import catalogue
from praxis.catalog.search import fold, reindex_course, search, terms
from praxis.catalog.tests.factories import CourseFactory, TopicFactory

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
    queryset = queryset if queryset is not None else Course.objects.all()
    return [course.slug for course in search(queryset, query).order_by("-search_rank", "slug")]  # type: ignore[misc]  # an annotation the plugin cannot see


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
