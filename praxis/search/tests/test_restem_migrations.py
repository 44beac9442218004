"""The migrations that make the PostgreSQL index's stems again from the text as written: rows
indexed before (whose stems came from folded words) gain the stems of their accented words."""

from importlib import import_module
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection

from praxis.catalog.search import reindex_course
from praxis.catalog.tests.factories import CourseFactory, LessonFactory
from praxis.community import search as community_search
from praxis.community.tests.factories import CommunityFactory, PostFactory, ThreadFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="only PostgreSQL's index holds stems"
    ),
]

# The index tables: one row each in the test.
TABLES = ("catalog_course_search", "catalog_lesson_search", "community_search")


def holds(table: str, lexeme: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT bool_and(document @@ to_tsquery('simple', %s)) FROM {table}",  # noqa: S608  # table names are constants
            [lexeme],
        )
        return bool(cursor.fetchone()[0])


def forget_stems(table: str) -> None:
    # An index row as it was: the stems of "vacinacao" (folded) rather than of "vacinação".
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET document = to_tsvector('simple', 'vacinacao vacinaca')"  # noqa: S608  # table names are constants
        )


def test_rows_indexed_before_gain_the_stems_of_their_words_as_written() -> None:
    course = CourseFactory.create(language="pt", title="Vacinação infantil", objectives=[])
    LessonFactory.create(module__course=course, title="Vacinação na escola")
    reindex_course(course)
    community = CommunityFactory.create(name="Vacinação e saúde infantil", languages=["pt"])
    thread = ThreadFactory.create(community=community, title="Vacinação", language="pt")
    PostFactory.create(thread=thread, body="Calendário de vacinação", body_html="<p>-</p>")
    community_search.index_thread(thread)
    for table in TABLES:
        forget_stems(table)
        assert not holds(table, "vacin")

    editor = SimpleNamespace(connection=connection)
    import_module("praxis.catalog.migrations.0014_search_stems_as_written").restem(apps, editor)
    import_module("praxis.community.migrations.0011_search_stems_as_written").restem(apps, editor)

    for table in TABLES:
        assert holds(table, "vacin"), table
        assert holds(table, "vacinacao"), table


def test_community_rows_indexed_before_gain_their_chinese_terms_as_words() -> None:
    community = CommunityFactory.create(name="感染预防", languages=["zh-hans"])
    thread = ThreadFactory.create(community=community, title="医院的手卫生", language="zh-hans")
    PostFactory.create(thread=thread, body="每天检查手套", body_html="<p>-</p>")
    community_search.index_thread(thread)
    hands = community_search.find("手卫生", [community.pk], None)
    assert [hit.item_id for hit in hands] == [thread.pk]
    with connection.cursor() as cursor:
        # A row as it was: its Chinese runs whole, not their terms.
        cursor.execute("UPDATE community_search SET document = to_tsvector('simple', content)")
    assert not holds("community_search", "手卫生")
    assert community_search.find("手卫生", [community.pk], None) == []

    editor = SimpleNamespace(connection=connection)
    import_module("praxis.community.migrations.0012_search_chinese_terms").add_chinese_terms(
        apps, editor
    )

    assert holds("community_search", "手卫生") and holds("community_search", "手套")
    assert [hit.item_id for hit in community_search.find("手套", [community.pk], None)] == [
        thread.pk
    ]
