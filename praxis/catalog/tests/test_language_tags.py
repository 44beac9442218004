"""Course pages declare the content's language in canonical BCP 47 case (zh-Hans)."""

import pytest
from django.test import Client

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.search import reindex_course
from praxis.catalog.tests.factories import CourseFactory, TranslationGroupFactory

pytestmark = pytest.mark.django_db


def test_course_page_declares_simplified_chinese_in_canonical_case(client: Client) -> None:
    CourseFactory.create(slug="ipc-zh", language="zh-hans", title="感染预防与控制")
    page = client.get("/courses/ipc-zh/", HTTP_ACCEPT_LANGUAGE="zh-hans").text
    assert '<html lang="zh-Hans"' in page
    assert 'lang="zh-Hans"' in page.split("<main", 1)[1]
    assert 'lang="zh-hans"' not in page


def test_a_course_in_any_language_shows_its_name_direction_and_canonical_tag(
    client: Client,
) -> None:
    CourseFactory.create(slug="ipc-ur", language="ur", title="انفیکشن سے بچاؤ")
    page = client.get("/courses/ipc-ur/").text
    main = page.split("<main", 1)[1]
    assert '<header lang="ur" dir="rtl">' in main
    assert "<dd>Urdu</dd>" in main
    arabic = client.get("/courses/ipc-ur/", HTTP_ACCEPT_LANGUAGE="ar").text
    assert "<dd>الأوردية</dd>" in arabic


def test_a_learner_who_speaks_bengali_finds_the_bengali_course_first(client: Client) -> None:
    group = TranslationGroupFactory.create()
    for tag, title in [
        ("en", "Hand hygiene basics"),
        ("bn", "হাতের পরিচ্ছন্নতা"),
        ("fr", "Hygiène des mains"),
    ]:
        reindex_course(
            CourseFactory.create(
                slug=f"hand-hygiene-{tag}", language=tag, title=title, translation_group=group
            )
        )
    learner = UserFactory.create(languages=["bn", "en"])
    client.force_login(learner)

    def cards(page: str) -> list[str]:
        return [tag for tag in ("bn", "en", "fr") if f'/courses/hand-hygiene-{tag}/" dir' in page]

    # The course is listed once, in her first language; the others are linked from its card.
    catalogue = client.get("/courses/").text
    assert cards(catalogue) == ["bn"]
    assert 'href="/courses/hand-hygiene-fr/" hreflang="fr"' in catalogue
    # Someone else, in the same English interface, who speaks French sees it in French.
    client.force_login(UserFactory.create(languages=["fr"]))
    assert cards(client.get("/courses/").text) == ["fr"]
    client.force_login(learner)
    # An English word finds the course, shown to her in Bengali.
    results = client.get("/search/", {"q": "hygiene"}).text
    assert "হাতের পরিচ্ছন্নতা" in results and "Hand hygiene basics" not in results


def test_the_language_filter_lists_the_languages_courses_are_written_in(client: Client) -> None:
    CourseFactory.create(slug="sw-course", language="sw", title="Usafi wa mikono")
    CourseFactory.create(slug="pt-course", language="pt-BR", title="Higiene das mãos")
    page = client.get("/courses/").text
    options = page.split('id="id_language"', 1)[1].split("</select>", 1)[0]
    assert '<option value="pt-BR">Portuguese (Brazil)</option>' in options
    assert '<option value="sw">Swahili</option>' in options
    assert 'value="ar"' not in options  # no course in Arabic
    filtered = client.get("/courses/", {"language": "pt-BR"}).text
    assert "Higiene das mãos" in filtered
    assert "Usafi wa mikono" not in filtered


@pytest.mark.parametrize(
    ("value", "status"),
    [("bn", 200), ("pt-br", 200), ("xx", 200), ("en--", 400), ("a" * 300, 400), ("", 200)],
)
def test_the_api_filters_by_any_registered_language(
    api_client: SchemaCheckedClient, value: str, status: int
) -> None:
    CourseFactory.create(slug="bn-course", language="bn", title="হাতের পরিচ্ছন্নতা")
    response = api_client.get("/api/v1/courses", {"language": value} if value else {})
    assert response.status_code == status
    if value == "bn":
        item = response.json()["items"][0]
        assert item["language"] == {"code": "bn", "name": "Bangla", "direction": "ltr"}
    if value == "xx":  # well-formed but in no registry: no filter, as in the HTML catalogue
        assert len(response.json()["items"]) == 1
    if status == 400:
        assert response.json()["error"]["code"] == "invalid_input"
