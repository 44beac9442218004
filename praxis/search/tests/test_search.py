"""One search across the ecosystem: what people type finds what they mean, in six languages,
and never what they may not see. Runs on SQLite (FTS5) and on PostgreSQL when DATABASE_URL
points to one."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from pytest_django import DjangoCaptureOnCommitCallbacks

from conftest import SchemaCheckedClient
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Course
from praxis.catalog.search import forget_course, reindex_course
from praxis.catalog.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    LessonFactory,
    TranslationGroupFactory,
)
from praxis.community import queries as community_queries
from praxis.community import search as community_search
from praxis.community.models import Community
from praxis.community.services.posting import reply, start_thread
from praxis.community.tests.factories import (
    CommunityFactory,
    MembershipFactory,
    PostFactory,
    ThreadFactory,
)
from praxis.events.models import Event
from praxis.events.tests.factories import EventFactory, SessionFactory
from praxis.organisations.models import Role
from praxis.organisations.queries import organisations_matching
from praxis.organisations.tests.factories import MembershipFactory as OrgMembershipFactory
from praxis.organisations.tests.factories import OrganisationFactory
from praxis.search.queries import search_everything

pytestmark = pytest.mark.django_db


def course(**fields: Any) -> Course:
    created = CourseFactory.create(objectives=[], **fields)
    reindex_course(created)
    return created


def thread(community: Community, title: str, body: str, language: str = "en") -> Any:
    created = ThreadFactory.create(community=community, title=title, language=language)
    PostFactory.create(thread=created, body=body, body_html=f"<p>{body}</p>")
    community_search.index_thread(created)
    return created


def closed_community_on_gloves() -> Community:
    """A community by invitation only, indexed, with a thread on gloves."""
    closed = CommunityFactory.create(access=Community.Access.INVITATION, name="Ward leads")
    community_search.index_community(closed)
    thread(closed, "Glove shortages this winter", "Our supplier ran out of gloves.")
    return closed


@pytest.fixture(autouse=True)
def fresh_vocabulary() -> None:
    cache.clear()


@pytest.fixture
def ecosystem() -> dict[str, Any]:
    hands = TranslationGroupFactory.create()
    open_community = CommunityFactory.create(name="Infection prevention on the ward")
    community_search.index_community(open_community)
    return {
        "hands_en": course(
            slug="hands-en",
            language="en",
            title="Hand hygiene in health facilities",
            summary="Clean hands save lives.",
            translation_group=hands,
        ),
        "hands_es": course(
            slug="hands-es",
            language="es",
            title="Higiene de manos en los centros de salud",
            summary="Las manos limpias salvan vidas.",
            translation_group=hands,
        ),
        "measles": course(
            slug="measles-es",
            language="es",
            title="La vacuna contra el sarampión",
            summary="Cómo conservar y aplicar la vacuna.",
        ),
        "newborn": course(
            slug="newborn-es",
            language="es",
            title="Cuidados esenciales del recién nacido",
            summary="Los primeros días de vida.",
        ),
        "triage_es": course(
            slug="triage-es",
            language="es",
            title="Triaje de urgencias: a quién atender primero",
            summary="Clasificar a los pacientes según la urgencia.",
        ),
        "gloves": thread(
            open_community,
            "Gloves for blood draws?",
            "Same policy here: gloves for blood and body fluids, hand hygiene for the rest.",
        ),
        "community": open_community,
    }


def titles(results: Any, kind: str) -> list[str]:
    return [result.title for result in results.groups.get(kind, [])]


def anyone(query: str, language: str = "en") -> Any:
    """A search by someone who declared no spoken language: the interface's comes first."""
    return search_everything(UserFactory.create(languages=[]), query, language)


def test_a_misspelt_spanish_query_finds_the_course_and_suggests_the_spelling(
    ecosystem: dict[str, Any],
) -> None:
    results = anyone("higene de manos", "es")
    assert titles(results, "courses")[0] == "Higiene de manos en los centros de salud"
    assert results.suggestion == "higiene de manos"


def test_a_doubled_letter_is_forgiven(ecosystem: dict[str, Any]) -> None:
    results = anyone("vacunna", "es")
    assert titles(results, "courses") == ["La vacuna contra el sarampión"]
    assert results.suggestion == "vacuna"


def test_another_form_of_the_word_finds_the_course(ecosystem: dict[str, Any]) -> None:
    results = anyone("vacunación", "es")
    assert titles(results, "courses") == ["La vacuna contra el sarampión"]
    assert results.suggestion == ""


def test_a_health_term_finds_its_synonym_with_or_without_accents(
    ecosystem: dict[str, Any],
) -> None:
    assert titles(anyone("bebé", "es"), "courses") == ["Cuidados esenciales del recién nacido"]
    assert titles(anyone("BEBE", "es"), "courses") == ["Cuidados esenciales del recién nacido"]


def test_an_english_query_in_the_spanish_interface_finds_the_spanish_translation(
    ecosystem: dict[str, Any],
) -> None:
    # The course is listed once, in the reader's language.
    spanish = titles(anyone("hand hygiene", "es"), "courses")
    assert spanish[0] == "Higiene de manos en los centros de salud"
    assert "Hand hygiene in health facilities" not in spanish
    english = titles(anyone("hand hygiene", "en"), "courses")
    assert english[0] == "Hand hygiene in health facilities"
    assert "Higiene de manos en los centros de salud" not in english


def test_triage_finds_triaje(ecosystem: dict[str, Any]) -> None:
    assert "Triaje de urgencias: a quién atender primero" in titles(anyone("triage"), "courses")


def test_guantes_finds_the_thread_about_gloves(ecosystem: dict[str, Any]) -> None:
    assert titles(anyone("guantes", "es"), "threads") == ["Gloves for blood draws?"]
    assert titles(anyone("قفازات", "ar"), "threads") == ["Gloves for blood draws?"]


def test_arabic_letter_variants_and_vowel_marks_are_one() -> None:
    community = CommunityFactory.create(languages=["ar"])
    thread(community, "استخدام القفازات في المستشفى", "نظافة اليدين أولاً", language="ar")
    # Alef with hamza typed as a bare alef, taa marbuta as haa, vowel marks added.
    assert titles(anyone("المُسْتَشفى"), "threads") == ["استخدام القفازات في المستشفى"]
    assert titles(anyone("نظافه"), "threads") == ["استخدام القفازات في المستشفى"]
    assert titles(anyone("أستخدام"), "threads") == ["استخدام القفازات في المستشفى"]


def test_chinese_is_matched_by_characters() -> None:
    course(slug="hands-zh", language="zh-hans", title="医疗机构中的手卫生", summary="清洁的双手")
    assert titles(anyone("手卫生"), "courses") == ["医疗机构中的手卫生"]
    assert titles(anyone("机构"), "courses") == ["医疗机构中的手卫生"]


@pytest.mark.parametrize(
    ("language", "title", "typed"),
    [
        # Stemmed by the content's language: another form of the word finds it.
        ("pt-BR", "Enfermeiras na vacinação infantil", "enfermeira"),
        ("de", "Hygiene in Krankenhäusern", "Krankenhaus"),
        ("id", "Pencegahan infeksi di puskesmas", "mencegah"),
        # No stemmer: the word itself, whatever its case or accents.
        ("tr", "Çocukluk çağı aşıları", "COCUKLUK"),
        ("sw", "Chanjo kwa watoto wachanga", "chanjo"),
        ("bn", "শিশুদের টিকা", "টিকা"),
        ("hi", "बच्चों का टीकाकरण", "टीकाकरण"),
        ("ur", "بچوں کی ویکسین", "ویکسین"),
    ],
)
def test_courses_in_the_newer_content_languages_are_found(
    language: str, title: str, typed: str
) -> None:
    course(slug=f"course-{language}", language=language, title=title, summary="")
    course(slug="unrelated", language="en", title="Measles outbreak response", summary="")

    # Searched by a speaker of the language in its interface (a query is stemmed in the
    # searcher's languages), who declared no other language.
    assert titles(anyone(typed, language.split("-")[0]), "courses") == [title]


def test_results_cover_every_kind_grouped(ecosystem: dict[str, Any]) -> None:
    measles = ecosystem["measles"]
    LessonFactory.create(module__course=measles, title="Measles vaccine cold chain")
    event = EventFactory.create(title="Measles vaccination week", summary="Campaign planning.")
    SessionFactory.create(event=event, title="Measles outbreaks in schools")
    OrganisationFactory.create(name="Measles and Rubella Partnership")
    results = anyone("measles")
    assert titles(results, "lessons") == ["Measles vaccine cold chain"]
    assert titles(results, "events") == ["Measles vaccination week"]
    assert titles(results, "sessions") == ["Measles outbreaks in schools"]
    assert titles(results, "partners") == ["Measles and Rubella Partnership"]
    assert [kind for kind, _label, _items in results.by_kind()] == [
        "lessons",
        "events",
        "sessions",
        "partners",
    ]


def test_a_partner_is_found_by_its_name_in_another_language_and_every_word_must_match(
    ecosystem: dict[str, Any],
) -> None:
    OrganisationFactory.create(
        name="Ministry of Health",
        names={"ar": "وزارة الصحة", "es": "Ministerio de Salud"},
        description="Primary care across the country.",
    )
    OrganisationFactory.create(name="Cholera Research Institute", short_name="CRI")
    # Folded as any text is: without accents, Arabic letter forms made one.
    assert titles(anyone("وزارة"), "partners") == ["Ministry of Health"]
    assert titles(anyone("MINISTERIO salud"), "partners") == ["Ministry of Health"]
    # A word in the description, another in the name: both held, by different fields.
    assert titles(anyone("ministry primary"), "partners") == ["Ministry of Health"]
    assert titles(anyone("cri"), "partners") == ["Cholera Research Institute"]
    # Every group must be held: one word by this partner, the other only by another.
    assert organisations_matching([["ministry"], ["cholera"]]) == []
    assert [o.name for o in organisations_matching([["ministry", "cholera"], ["health"]])] == [
        "Ministry of Health"
    ]


def test_between_equal_matches_the_course_more_people_follow_comes_first(
    client: Client, settings: Any
) -> None:
    # Each search found afresh: enrolling keeps what was found until it is next found.
    settings.SEARCH_RESULTS_SECONDS = 0
    now = timezone.now()
    older = course(
        title="Cold chain for vaccines",
        summary="Keep vaccines cold.",
        published_at=now - timedelta(days=300),
    )
    newer = course(
        title="Cold chain for vaccines",
        summary="Keep vaccines cold.",
        published_at=now - timedelta(days=3),
    )
    assert [c.title for c in [older, newer]] == ["Cold chain for vaccines"] * 2
    found = search_everything(UserFactory.create(), "cold chain", "en").groups["courses"]
    assert [r.url for r in found][:2] == [f"/courses/{newer.slug}/", f"/courses/{older.slug}/"]
    for _ in range(3):
        EnrolmentFactory.create(course=older)
    found = search_everything(UserFactory.create(), "cold chain", "en").groups["courses"]
    assert [r.url for r in found][:2] == [f"/courses/{older.slug}/", f"/courses/{newer.slug}/"]
    listed = client.get("/courses/", {"q": "cold chain"}).content.decode()
    assert listed.index(f"/courses/{older.slug}/") < listed.index(f"/courses/{newer.slug}/")


def test_drafts_and_unpublished_events_stay_hidden() -> None:
    course(slug="draft", title="Cholera treatment centres", status=Course.Status.DRAFT)
    EventFactory.create(title="Cholera preparedness", status=Event.Status.DRAFT)
    results = anyone("cholera")
    assert results.empty


def test_an_organisers_draft_event_is_found_by_them_alone() -> None:
    partner = OrganisationFactory.create(name="Ministry of Health")
    EventFactory.create(title="Cholera preparedness", status=Event.Status.PUBLISHED)
    EventFactory.create(
        title="Cholera vaccination drive", status=Event.Status.DRAFT, organiser=partner
    )
    organiser = OrgMembershipFactory.create(organisation=partner, role=Role.ADMIN).user
    learner = UserFactory.create()
    both = ["Cholera preparedness", "Cholera vaccination drive"]
    assert sorted(titles(search_everything(organiser, "cholera", "en"), "events")) == both
    assert titles(search_everything(learner, "cholera", "en"), "events") == ["Cholera preparedness"]
    # A learner's events are those every visitor finds: kept, not looked up again.
    with CaptureQueriesContext(connection) as again:
        found = search_everything(learner, "cholera", "en")
    assert titles(found, "events") == ["Cholera preparedness"]
    assert not any("events_event" in query["sql"] for query in again.captured_queries)
    assert sorted(titles(search_everything(organiser, "cholera", "en"), "events")) == both
    assert titles(search_everything(AnonymousUser(), "cholera", "en"), "events") == [
        "Cholera preparedness"
    ]


def test_threads_of_an_invitation_only_community_are_found_by_members_only() -> None:
    closed = closed_community_on_gloves()
    member = MembershipFactory.create(community=closed).user
    assert titles(search_everything(member, "gloves", "en"), "threads") == [
        "Glove shortages this winter"
    ]
    outsider = UserFactory.create()
    assert search_everything(outsider, "gloves", "en").empty
    assert search_everything(outsider, "ward leads", "en").empty


def test_a_search_asked_again_is_answered_from_what_was_found(
    ecosystem: dict[str, Any], django_assert_num_queries: Any
) -> None:
    first = search_everything(AnonymousUser(), "guantes", "es")
    with django_assert_num_queries(0):
        again = search_everything(AnonymousUser(), "guantes", "es")
    assert titles(again, "threads") == titles(first, "threads") == ["Gloves for blood draws?"]
    assert titles(again, "courses") == titles(first, "courses")
    # A signed-in person's communities and events are looked up for them; courses, lessons and
    # partners, which everybody finds alike, are not looked up again.
    person = UserFactory.create(languages=["es"])
    search_everything(person, "guantes", "es")
    with CaptureQueriesContext(connection) as signed_in:
        assert titles(search_everything(person, "guantes", "es"), "threads") == [
            "Gloves for blood draws?"
        ]
    assert not any("catalog_course" in query["sql"] for query in signed_in.captured_queries)


def test_what_changes_shows_in_the_next_search(ecosystem: dict[str, Any]) -> None:
    visitor = AnonymousUser()
    assert search_everything(visitor, "cholera", "en").empty
    event = EventFactory.create(title="Cholera preparedness", status=Event.Status.PUBLISHED)
    partner = OrganisationFactory.create(name="Cholera Research Institute")
    found = search_everything(visitor, "cholera", "en")
    assert titles(found, "events") == ["Cholera preparedness"]
    assert titles(found, "partners") == ["Cholera Research Institute"]

    event.status = Event.Status.DRAFT
    event.save()
    partner.name = "Diarrhoeal Disease Research Institute"
    partner.save()
    assert search_everything(visitor, "cholera", "en").empty

    community = ecosystem["community"]
    assert titles(search_everything(visitor, "gloves", "en"), "threads") == [
        "Gloves for blood draws?"
    ]
    community.access = Community.Access.INVITATION
    community.save()
    assert titles(search_everything(visitor, "gloves", "en"), "threads") == []


def test_what_a_member_finds_is_never_shown_to_another_searcher(
    ecosystem: dict[str, Any],
) -> None:
    closed = closed_community_on_gloves()
    member = MembershipFactory.create(community=closed).user
    both = ["Glove shortages this winter", "Gloves for blood draws?"]
    assert sorted(titles(search_everything(member, "gloves", "en"), "threads")) == both
    assert titles(search_everything(AnonymousUser(), "gloves", "en"), "threads") == [
        "Gloves for blood draws?"
    ]
    outsider = UserFactory.create()
    assert titles(search_everything(outsider, "gloves", "en"), "threads") == [
        "Gloves for blood draws?"
    ]
    assert sorted(titles(search_everything(member, "gloves", "en"), "threads")) == both


def test_people_reading_the_same_communities_share_what_a_search_finds_there(
    ecosystem: dict[str, Any],
) -> None:
    closed = closed_community_on_gloves()
    first, second = UserFactory.create_batch(2)
    assert titles(search_everything(first, "gloves", "en"), "threads") == [
        "Gloves for blood draws?"
    ]
    with CaptureQueriesContext(connection) as again:
        assert titles(search_everything(second, "gloves", "en"), "threads") == [
            "Gloves for blood draws?"
        ]
    assert not any("community_thread" in query["sql"] for query in again.captured_queries)
    # Joining a community changes what they read, and so what they find there, at once; the
    # other person still finds only what they may read.
    MembershipFactory.create(community=closed, user=second)
    both = ["Glove shortages this winter", "Gloves for blood draws?"]
    assert sorted(titles(search_everything(second, "gloves", "en"), "threads")) == both
    assert titles(search_everything(first, "gloves", "en"), "threads") == [
        "Gloves for blood draws?"
    ]


def test_a_deleted_course_leaves_the_results(ecosystem: dict[str, Any]) -> None:
    measles = ecosystem["measles"]
    forget_course(measles.pk)
    Course.objects.filter(pk=measles.pk).delete()
    assert titles(anyone("sarampión"), "courses") == []


def test_a_new_course_joins_the_vocabulary_once_committed(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    course(slug="first", title="Malaria diagnosis")
    assert anyone("dengue fevr").suggestion == ""
    with django_capture_on_commit_callbacks(execute=True):
        course(slug="second", title="Dengue fever case management")
    assert anyone("dengue fevr").suggestion == "dengue fever"


def test_a_reply_leaves_the_words_kept_and_a_new_threads_title_joins_them(
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    ward = CommunityFactory.create(name="Sterile services")
    community_search.index_community(ward)
    author = MembershipFactory.create(community=ward).user
    with django_capture_on_commit_callbacks(execute=True):
        started = start_thread(author, ward, title="Autoclave cycles", body="Which cycle?")
    assert anyone("autoclave maintanance").suggestion == ""

    with django_capture_on_commit_callbacks(execute=True):
        reply(author, started, "The long cycle for wrapped instruments.")
    # The reply is found, and the threads' titles were not read again for the vocabulary.
    with CaptureQueriesContext(connection) as statements:
        assert titles(anyone("wrapped instruments"), "threads") == ["Autoclave cycles"]
    read = [statement["sql"] for statement in statements.captured_queries]
    assert not [sql for sql in read if sql.startswith('SELECT "community_thread"."title"')]

    with django_capture_on_commit_callbacks(execute=True):
        start_thread(author, ward, title="Autoclave maintenance", body="Every month?")
    assert anyone("autoclave maintanance").suggestion == "autoclave maintenance"


def test_rebuilding_the_indexes_keeps_results(ecosystem: dict[str, Any]) -> None:
    output = io.StringIO()
    call_command("rebuild_search_index", stdout=output)
    assert "Courses indexed: 5" in output.getvalue()
    assert titles(anyone("triaje"), "courses") == ["Triaje de urgencias: a quién atender primero"]
    assert titles(anyone("gloves"), "threads") == ["Gloves for blood draws?"]


@pytest.mark.parametrize(
    "query",
    [
        *('"', "*", "NEAR", "a OR b", "title:", "NEAR(a b)", "-", "\u202e\u200b", "%_\\"),
        *('手套 OR "疫苗"', "个人防护装备*:", "'手' & !卫"),
    ],
)
def test_search_syntax_and_odd_characters_are_plain_text(
    ecosystem: dict[str, Any], client: Client, query: str
) -> None:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert b"Search" in response.content


def test_a_nul_character_is_refused_with_a_message(client: Client) -> None:
    response = client.get("/search/", {"q": "\x00hands"})
    assert response.status_code == 400
    assert b"NUL character" in response.content


def test_the_page_groups_results_and_offers_a_correction(
    ecosystem: dict[str, Any], client: Client
) -> None:
    page = client.get("/search/", {"q": "higene de manos"}, HTTP_ACCEPT_LANGUAGE="es")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Higiene de manos en los centros de salud" in text
    assert "?q=higiene%20de%20manos" in text


def test_a_visitors_search_page_is_kept_and_shows_a_change_at_once(
    ecosystem: dict[str, Any], client: Client, django_assert_num_queries: Any
) -> None:
    assert b"Cholera preparedness" not in client.get("/search/", {"q": "cholera"}).content
    EventFactory.create(title="Cholera preparedness")
    assert b"Cholera preparedness" in client.get("/search/", {"q": "cholera"}).content
    with django_assert_num_queries(0):
        again = client.get("/search/", {"q": "cholera"})
    assert b"Cholera preparedness" in again.content
    # Other parameters change nothing: the same page, whose forms come back to the search
    # written the one normal way, never to what another visitor's address held.
    with django_assert_num_queries(0):
        tracked = client.get("/search/", {"q": "cholera", "from": "newsletter"})
    assert b"Cholera preparedness" in tracked.content
    assert b"newsletter" not in tracked.content
    assert b'value="/search/?q=cholera"' in tracked.content


def test_a_new_thread_is_found_at_once_and_what_the_catalogue_found_stays_kept(
    ecosystem: dict[str, Any],
    client: Client,
    django_capture_on_commit_callbacks: DjangoCaptureOnCommitCallbacks,
) -> None:
    ward = Community.objects.get(name="Infection prevention on the ward")
    author = MembershipFactory.create(community=ward).user
    first = client.get("/search/", {"q": "hand hygiene"}).content.decode()
    assert "Hand hygiene in health facilities" in first
    assert "Hand hygiene audits on night shifts" not in first

    with django_capture_on_commit_callbacks(execute=True):
        start_thread(
            author,
            ward,
            title="Hand hygiene audits on night shifts",
            body="Who audits the night shift?",
        )
    with CaptureQueriesContext(connection) as statements:
        page = client.get("/search/", {"q": "hand hygiene"}).content.decode()
    assert "Hand hygiene audits on night shifts" in page
    assert "Hand hygiene in health facilities" in page
    # The communities were searched afresh; the courses and lessons found before, and the
    # catalogue's words the query is corrected towards, were kept: no table of the catalogue
    # (its indexes, courses, lessons) was read.
    read = " ".join(statement["sql"] for statement in statements.captured_queries)
    assert community_search.SQLITE_TABLE in read or community_search.POSTGRES_TABLE in read
    assert "catalog_" not in read

    # A course published is found at once too.
    with django_capture_on_commit_callbacks(execute=True):
        course(slug="hands-midwives", language="en", title="Hand hygiene for midwives")
    assert (
        "Hand hygiene for midwives"
        in client.get("/search/", {"q": "hand hygiene"}).content.decode()
    )


def test_a_signed_in_search_page_is_the_readers_own(
    ecosystem: dict[str, Any], client: Client
) -> None:
    assert client.get("/search/", {"q": "gloves"}).status_code == 200
    reader = UserFactory.create(full_name="Wanjiru Kamau")
    client.force_login(reader)
    page = client.get("/search/", {"q": "gloves"}).content.decode()
    assert "Gloves for blood draws?" in page
    assert "/accounts/logout/" in page


def test_the_results_rendered_for_one_reader_are_never_shown_to_another(
    ecosystem: dict[str, Any], client: Client
) -> None:
    closed = closed_community_on_gloves()
    member = MembershipFactory.create(community=closed).user
    outsider = UserFactory.create()
    for reader, shown in ((member, True), (outsider, False), (member, True), (outsider, False)):
        client.force_login(reader)
        page = client.get("/search/", {"q": "gloves"}).content.decode()
        assert "Gloves for blood draws?" in page
        assert ("Glove shortages this winter" in page) is shown


def test_an_empty_search_shows_the_form_only(client: Client) -> None:
    page = client.get("/search/", {"q": "   "})
    assert page.status_code == 200
    assert b"Nothing matches" not in page.content


def test_a_huge_search_is_refused_with_a_message(client: Client) -> None:
    page = client.get("/search/", {"q": "hands " * 200})
    assert page.status_code == 400
    assert b"field-error" in page.content


def test_the_api_answers_by_kind(
    ecosystem: dict[str, Any], api_client: SchemaCheckedClient
) -> None:
    response = api_client.get("/api/v1/search", {"q": "hand hygiene", "language": "es"})
    assert response.status_code == 200
    body = response.json()
    assert body["courses"][0]["title"] == "Higiene de manos en los centros de salud"
    assert body["threads"][0]["title"] == "Gloves for blood draws?"


def test_the_api_keeps_a_visitors_answer_and_answers_a_member_for_them(
    ecosystem: dict[str, Any], api_client: SchemaCheckedClient, django_assert_num_queries: Any
) -> None:
    closed = closed_community_on_gloves()
    member = MembershipFactory.create(community=closed).user
    asked = {"q": "gloves", "language": "en"}
    first = api_client.get("/api/v1/search", asked).json()
    with django_assert_num_queries(0):
        again = api_client.get("/api/v1/search", asked).json()
    assert [t["title"] for t in again["threads"]] == [t["title"] for t in first["threads"]]
    assert [t["title"] for t in again["threads"]] == ["Gloves for blood draws?"]
    api_client.force_login(member)
    mine = api_client.get("/api/v1/search", asked).json()
    assert sorted(t["title"] for t in mine["threads"]) == [
        "Glove shortages this winter",
        "Gloves for blood draws?",
    ]
    api_client.logout()
    assert [t["title"] for t in api_client.get("/api/v1/search", asked).json()["threads"]] == [
        "Gloves for blood draws?"
    ]


def test_the_api_refuses_a_huge_query_with_a_code(api_client: SchemaCheckedClient) -> None:
    response = api_client.get("/api/v1/search", {"q": "x" * 501})
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "invalid_input"


def test_the_api_gives_nothing_for_punctuation(api_client: SchemaCheckedClient) -> None:
    response = api_client.get("/api/v1/search", {"q": '"*:'})
    assert response.status_code == 200
    assert all(response.json()[kind] == [] for kind in ("courses", "threads", "partners"))


@pytest.mark.parametrize("typed", ["vacinações", "vacinacoes"])
def test_a_portuguese_course_is_found_by_the_plural_with_or_without_accents(typed: str) -> None:
    course(slug="vacinacao-pt", language="pt", title="Vacinação infantil", summary="")
    course(slug="unrelated", language="en", title="Measles outbreak response", summary="")
    assert titles(anyone(typed, "pt"), "courses") == ["Vacinação infantil"]


@pytest.mark.parametrize(
    ("interface", "typed", "word"),
    [("pt", "vacinações", "vacinação"), ("es", "vacunaciones", "vacunación")],
)
def test_lessons_threads_events_and_sessions_are_stemmed_in_the_readers_language(
    interface: str, typed: str, word: str
) -> None:
    # Texts in English (so not stemmed in the reader's language when indexed): the query is
    # stemmed in the reader's language, and that stem finds the word.
    measles = course(slug="measles", language="en", title="Measles", summary="Outbreaks.")
    LessonFactory.create(module__course=measles, title=f"The {word} schedule")
    community = CommunityFactory.create(name="Immunisation")
    thread(community, f"Questions on {word}", "Cold boxes and schedules.")
    event = EventFactory.create(title=f"Week of {word}", summary="Campaign planning.")
    SessionFactory.create(event=event, title=f"Planning the {word} days")
    results = anyone(typed, interface)
    assert titles(results, "lessons") == [f"The {word} schedule"]
    assert titles(results, "threads") == [f"Questions on {word}"]
    assert titles(results, "events") == [f"Week of {word}"]
    assert titles(results, "sessions") == [f"Planning the {word} days"]
    # The community's own search too, for a reader whose interface is in that language.
    found = community_queries.search_everything(
        UserFactory.create(languages=[interface]), typed, all_languages=True
    )
    assert [t.title for t in found.threads] == [f"Questions on {word}"]


def test_lessons_of_a_course_in_several_languages_are_those_of_the_readers_version() -> None:
    group = TranslationGroupFactory.create()
    english = course(slug="hands-en", language="en", title="Hand hygiene", translation_group=group)
    spanish = course(
        slug="manos-es", language="es", title="Higiene de manos", translation_group=group
    )
    alone = course(slug="ward", language="en", title="Ward rounds")
    LessonFactory.create(module__course=english, title="The five moments of hand hygiene")
    LessonFactory.create(module__course=spanish, title="Los cinco momentos de la higiene de manos")
    LessonFactory.create(module__course=alone, title="Hand hygiene on the ward round")
    # The Spanish reader: the Spanish course's lesson, then the lesson of a course in English
    # alone; never the English original's beside its translation.
    assert titles(anyone("hand hygiene", "es"), "lessons") == [
        "Los cinco momentos de la higiene de manos",
        "Hand hygiene on the ward round",
    ]
    assert sorted(titles(anyone("hand hygiene", "en"), "lessons")) == [
        "Hand hygiene on the ward round",
        "The five moments of hand hygiene",
    ]
    # A reader of neither language is shown the original.
    assert "The five moments of hand hygiene" in titles(anyone("hand hygiene", "ru"), "lessons")


def test_a_health_term_of_several_words_is_found_in_another_form_of_its_words() -> None:
    # "гигиена рук" (hand hygiene) is written in the lesson's title in the genitive, "гигиены
    # рук"; its words' stems find it, in the lessons, threads and events alike.
    hands = course(slug="ruki", language="ru", title="Уход за ранами", summary="Перевязки.")
    LessonFactory.create(module__course=hands, title="Пять моментов для гигиены рук")
    LessonFactory.create(module__course=hands, title="Гигиена полости рта")
    community = CommunityFactory.create(name="Сёстры")
    thread(community, "Вопросы о гигиене рук", "Спиртовые растворы.")
    EventFactory.create(title="Неделя гигиены рук", summary="Кампания.", language="ru")
    results = anyone("гигиена рук", "ru")
    assert titles(results, "lessons") == ["Пять моментов для гигиены рук"]
    assert titles(results, "threads") == ["Вопросы о гигиене рук"]
    assert titles(results, "events") == ["Неделя гигиены рук"]


def test_a_word_nothing_holds_with_the_others_is_left_out_and_said_so(
    client: Client, api_client: SchemaCheckedClient
) -> None:
    course(slug="hands", language="en", title="Hand hygiene in the ward", summary="Clean hands.")
    course(slug="triage", language="en", title="Emergency triage", summary="Who to see first.")
    course(slug="training", language="en", title="Training of trainers", summary="Teaching.")
    # Every word is a known one, but no course holds all of them.
    results = anyone("hand hygiene training")
    assert titles(results, "courses") == ["Hand hygiene in the ward"]
    assert results.left_out == ["training"]
    assert results.query == "hand hygiene training"
    # Then each word alone, the rarest first, when no shorter query finds anything.
    alone = anyone("triage training for nurses")
    assert titles(alone, "courses") == ["Emergency triage"]
    assert alone.left_out == ["training", "for", "nurses"]
    page = client.get("/search/", {"q": "hand hygiene training"}).content.decode()
    assert "No result holds every word you typed. These results leave out:" in page
    assert '<s dir="auto">training</s>' in page
    answer = api_client.get("/api/v1/search", {"q": "Hand Hygiene Training"}).json()
    assert answer["left_out"] == ["training"]
    assert [c["title"] for c in answer["courses"]] == ["Hand hygiene in the ward"]


def test_a_query_whose_every_word_matches_leaves_nothing_out(
    client: Client, api_client: SchemaCheckedClient
) -> None:
    course(slug="hands", language="en", title="Hand hygiene in the ward", summary="Clean hands.")
    assert anyone("hand hygiene ward").left_out == []
    assert api_client.get("/api/v1/search", {"q": "hand ward"}).json()["left_out"] == []
    # Words nothing holds, alone or together: nothing, and nothing left out.
    nothing = anyone("zzqx yyqv")
    assert nothing.empty and nothing.left_out == []
    assert "These results leave out" not in client.get("/search/", {"q": "zzqx yyqv"}).text


def test_of_a_long_question_the_health_term_alone_is_tried_first() -> None:
    course(slug="hands", language="en", title="Hand hygiene in the ward", summary="Clean hands.")
    course(slug="audit", language="en", title="Hand hygiene audits", summary="Observation.")
    course(slug="trainers", language="en", title="Training of trainers", summary="Teaching.")
    # "training" is rarer in the index than "hand" and "hygiene", but the question is about
    # hand hygiene, a term of the health vocabulary.
    question = anyone("hand hygiene training for nurses in rural clinics of africa")
    assert sorted(titles(question, "courses")) == [
        "Hand hygiene audits",
        "Hand hygiene in the ward",
    ]
    assert "hand" not in question.left_out and "training" in question.left_out


def test_a_chinese_query_is_cut_into_words_and_the_one_nothing_holds_is_left_out(
    api_client: SchemaCheckedClient,
) -> None:
    course(slug="hands-zh", language="zh-Hans", title="手卫生：五个时刻", summary="洗手的时机。")
    EventFactory.create(title="疫苗冷链管理研讨会", summary="冷链。", language="zh-Hans")
    # Written without spaces: the health term is a word, and what follows it another.
    results = anyone("手卫生培训", "zh-hans")
    assert titles(results, "courses") == ["手卫生：五个时刻"]
    assert results.left_out == ["培训"]
    assert anyone("手卫生 培训", "zh-hans").left_out == ["培训"]
    # Beyond the terms of the vocabulary, two characters side by side make a word.
    cold_chain = anyone("冷链管理培训", "zh-hans")
    assert titles(cold_chain, "events") == ["疫苗冷链管理研讨会"]
    assert cold_chain.left_out == ["培训"]
    answer = api_client.get("/api/v1/search", {"q": "手卫生培训", "language": "zh-Hans"}).json()
    assert answer["left_out"] == ["培训"]
    # A query every word of which is held leaves nothing out; one of words nothing holds
    # finds nothing.
    assert anyone("手卫生", "zh-hans").left_out == []
    assert anyone("飞机火车", "zh-hans").empty
