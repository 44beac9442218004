"""The review checklist and the draft's history read in the reader's language, whatever the
language of whoever acted (a test catalogue stands in for the translations filled in later)."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from praxis.authoring import services
from praxis.authoring.models import HistoryEntry
from praxis.authoring.tests.conftest import Team, approve
from praxis.core.tests.catalogues import add_test_translations

pytestmark = pytest.mark.django_db

ARABIC = {
    "Evidence base and references are current and cited": "الأدلة والمراجع حديثة وموثقة",
    "Approved": "تمت الموافقة",
    "version %(n)s": "الإصدار %(n)s",
}
RUSSIAN = {"Approved": "Одобрено", "version %(n)s": "версия %(n)s"}


def test_review_checklist_is_in_arabic_for_an_arabic_reviewer(
    client: Client, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_test_translations(monkeypatch, "ar", ARABIC)
    services.submit_for_review(team.draft, team.author)
    services.assign_reviewer(team.draft, team.reviewer, team.staff)
    client.force_login(team.reviewer)
    page = client.get(
        reverse("authoring:review", args=[team.draft.uuid]), HTTP_ACCEPT_LANGUAGE="ar"
    ).text
    assert "الأدلة والمراجع حديثة وموثقة" in page
    assert "Evidence base and references are current and cited" not in page


def test_history_shows_the_decision_in_the_readers_language(
    client: Client, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_test_translations(monkeypatch, "ar", ARABIC)
    add_test_translations(monkeypatch, "ru", RUSSIAN)
    with translation.override("ar"):  # the reviewer and the publisher work in Arabic
        approve(team)
        services.publish(team.draft, team.staff)
    reviewed = team.draft.history.get(action=HistoryEntry.Action.REVIEWED)
    assert "تمت" not in reviewed.detail  # stored as a code, not in the actor's language
    client.force_login(team.staff)
    url = reverse("authoring:history", args=[team.draft.uuid])
    russian = client.get(url, HTTP_ACCEPT_LANGUAGE="ru").text
    assert "Одобрено" in russian and "версия 1" in russian
    assert "تمت الموافقة" not in russian and "الإصدار" not in russian
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Approved" in english and "version 1" in english


def test_lesson_titles_in_the_checklist_keep_their_own_direction_in_an_arabic_sentence(
    client: Client, team: Team, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_test_translations(monkeypatch, "ar", {"On “%(title)s”": "على «%(title)s»"})
    lesson = team.lessons[0]
    services.save_lesson(
        lesson, team.author, revision=lesson.revision, title="Is it an outbreak?", body="Count."
    )
    services.submit_for_review(team.draft, team.author)
    services.assign_reviewer(team.draft, team.reviewer, team.staff)
    client.force_login(team.reviewer)
    url = reverse("authoring:review", args=[team.draft.uuid])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="ar").text
    label = f'<label for="id_lesson-{lesson.key}">على «<bdi>Is it an outbreak?</bdi>»</label>'
    assert label in page
    assert f"<bdi>{team.draft.title}</bdi>" in page.split("<h1>", 1)[1].split("</h1>", 1)[0]
