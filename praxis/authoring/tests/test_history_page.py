"""A draft's history page: what each entry names, in the reader's language, with titles kept
apart from the sentence around them, and linked to while it is still in the draft."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from praxis.authoring import quizzes, services
from praxis.authoring.inputs import QuizSettings
from praxis.authoring.models import HistoryEntry
from praxis.authoring.tests.conftest import Team
from praxis.core.tests.catalogues import add_test_translations

pytestmark = pytest.mark.django_db

ARABIC = {
    "commented": "علّق",
    "part of a course\x04course": "المقرر",
    "part of a course\x04lesson": "الدرس",
    "lesson %(title)s": "الدرس %(title)s",
}


def _history(client: Client, team: Team, language: str = "en") -> str:
    client.force_login(team.author)
    url = reverse("authoring:history", args=[team.draft.uuid])
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).text


def _line(page: str, text: str) -> str:
    """The words of the history entry holding `text`."""
    before, after = page.split(text, 1)
    return before.rsplit("<li>", 1)[1] + text + after.split("</li>", 1)[0]


def test_the_part_of_the_course_a_comment_is_on_is_named_in_the_readers_language(
    client: Client, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_test_translations(monkeypatch, "ar", ARABIC)
    services.add_comment(team.draft, team.author, "Add a table?", anchor="course")
    lesson = team.lessons[0]
    services.add_comment(team.draft, team.author, "Cite it.", anchor=f"lesson:{lesson.key}")
    page = _history(client, team, "ar")
    assert "علّق: <a" in page and ">المقرر</a>" in page
    assert f"الدرس <bdi>{lesson.title}</bdi>" in page
    assert ": course" not in page and "lesson:" not in page


def test_a_comment_on_a_lesson_since_removed_names_only_the_kind(
    client: Client, team: Team
) -> None:
    lesson = team.lessons[1]
    services.add_comment(team.draft, team.author, "Too long.", anchor=f"lesson:{lesson.key}")
    services.remove_lesson(lesson, team.author)
    line = _line(_history(client, team), "commented: lesson")
    assert line.endswith("commented: lesson") and "<a " not in line


def test_each_entry_links_to_what_it_names_while_it_is_in_the_draft(
    client: Client, team: Team
) -> None:
    lesson = team.lessons[0]
    quiz = quizzes.add_quiz(team.draft, team.author, QuizSettings.read({"title": "Check"}))
    services.remove_lesson(team.lessons[1], team.author)
    services.add_module(team.draft, team.author, "Caring for the carer")
    page = _history(client, team)
    lesson_url = reverse("authoring:lesson", args=[team.draft.uuid, lesson.key])
    quiz_url = reverse("authoring:quiz", args=[team.draft.uuid, quiz.key])
    assert f'edited: <a href="{lesson_url}">lesson <bdi>{lesson.title}</bdi></a>' in page
    assert f'edited: <a href="{quiz_url}">added quiz <bdi>Check</bdi></a>' in page
    draft_url = reverse("authoring:draft", args=[team.draft.uuid])
    assert f'<a href="{draft_url}#content-heading">added module <bdi>Caring for' in page
    # What is gone is named, not linked.
    assert f"edited: removed lesson <bdi>{team.lessons[1].title}</bdi></li>" in page
    assert f"lesson <bdi>{team.lessons[1].title}</bdi></a>" not in page


def test_an_entry_recorded_without_a_key_is_linked_by_its_title(client: Client, team: Team) -> None:
    lesson = team.lessons[0]
    HistoryEntry.objects.create(
        draft=team.draft,
        actor=team.author,
        action=HistoryEntry.Action.EDITED,
        detail_code="lesson_video",
        detail_values={"title": lesson.title},
    )
    page = _history(client, team)
    lesson_url = reverse("authoring:lesson", args=[team.draft.uuid, lesson.key])
    assert f'<a href="{lesson_url}">video of lesson <bdi>{lesson.title}</bdi></a>' in page


def test_the_history_page_costs_the_same_queries_however_long_it_is(
    client: Client, team: Team
) -> None:
    client.force_login(team.author)
    url = reverse("authoring:history", args=[team.draft.uuid])
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(5):
        services.add_lesson(team.draft.modules.get(), team.author, f"Lesson {n}")
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after.captured_queries) == len(before.captured_queries)
