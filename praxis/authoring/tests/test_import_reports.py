"""The report of a Common Cartridge or QTI import is a page of its own that the import leads
to: reloading it shows the report again and imports nothing; only the person who imported reads
it; a refused import changes nothing and leaves no report."""

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import Settings as SettingsWrapper

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.authoring import quizzes
from praxis.authoring.inputs import QuizSettings
from praxis.authoring.models import Draft, DraftLesson, DraftModule, DraftQuiz, HistoryEntry
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.editor_page import marked_invalid
from praxis.packages.tests import cartridges, qti_items

pytestmark = pytest.mark.django_db

NO_REPORT = "There is no import report to show here."


@pytest.fixture(autouse=True)
def _packages_in_tmp(settings: SettingsWrapper, tmp_path: Path) -> None:
    settings.PACKAGE_ROOT = str(tmp_path / "packages")


def _signed_in(person: User) -> Client:
    client = Client()
    client.force_login(person)
    return client


def _state(draft: Draft) -> tuple[int, int, int, int]:
    return (
        DraftModule.objects.filter(draft=draft).count(),
        DraftLesson.objects.filter(module__draft=draft).count(),
        DraftQuiz.objects.filter(draft=draft).count(),
        HistoryEntry.objects.filter(draft=draft).count(),
    )


def _cartridge(content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile("course.imscc", content, content_type="application/zip")


def _import_cartridge(client: Client, team: Team, content: bytes) -> Any:
    return client.post(
        reverse("authoring:draft", args=[team.draft.uuid]),
        {"action": "import_cartridge", "cartridge": _cartridge(content)},
    )


def _quiz(team: Team) -> DraftQuiz:
    return quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Check your understanding"})
    )


def _import_qti(client: Client, team: Team, quiz: DraftQuiz, content: bytes, name: str) -> Any:
    return client.post(
        reverse("authoring:quiz", args=[team.draft.uuid, quiz.key]),
        {"action": "import_qti", "qti": SimpleUploadedFile(name, content)},
    )


def test_reloading_the_cartridge_report_shows_it_again_and_imports_nothing(team: Team) -> None:
    author = _signed_in(team.author)
    before = _state(team.draft)
    response = _import_cartridge(author, team, cartridges.every_kind())
    report_url = reverse("authoring:cartridge_report", args=[team.draft.uuid])
    assert response.status_code == 302 and response["Location"] == report_url
    imported = _state(team.draft)
    assert imported[:3] == (before[0] + 1, before[1] + 3, before[2] + 1)
    for _reload in range(3):
        page = author.get(report_url)
        assert page.status_code == 200
        assert "4 lessons and quizzes were added to the draft." in page.text
        assert "5 items could not be imported." in page.text
        assert "Why hands matter" in page.text and "Check yourself" in page.text
        assert "The discussion topic became a lesson" in page.text
        assert "i-lti" in page.text and "lti_link" in page.text
    assert _state(team.draft) == imported
    assert (
        DraftLesson.objects.filter(module__draft=team.draft, title="Why hands matter").count() == 1
    )
    assert DraftQuiz.objects.filter(draft=team.draft, title="Check yourself").count() == 1
    # The report's address takes no upload: a form sent to it imports nothing either.
    sent_again = author.post(
        report_url, {"action": "import_cartridge", "cartridge": _cartridge(cartridges.every_kind())}
    )
    assert sent_again.status_code == 405
    assert _state(team.draft) == imported


def test_the_cartridge_report_links_what_was_imported(team: Team) -> None:
    author = _signed_in(team.author)
    _import_cartridge(author, team, cartridges.every_kind())
    page = author.get(reverse("authoring:cartridge_report", args=[team.draft.uuid]))
    lesson = DraftLesson.objects.get(module__draft=team.draft, title="Why hands matter")
    quiz = DraftQuiz.objects.get(draft=team.draft, title="Check yourself")
    assert reverse("authoring:lesson", args=[team.draft.uuid, lesson.key]) in page.text
    assert reverse("authoring:quiz", args=[team.draft.uuid, quiz.key]) in page.text


def test_only_the_person_who_imported_reads_the_cartridge_report(team: Team) -> None:
    _import_cartridge(_signed_in(team.author), team, cartridges.every_kind())
    report_url = reverse("authoring:cartridge_report", args=[team.draft.uuid])
    co_author = _signed_in(team.co_author).get(report_url)
    assert co_author.status_code == 404
    assert NO_REPORT in co_author.text
    assert "Why hands matter" not in co_author.text and "lti_link" not in co_author.text
    outsider = _signed_in(UserFactory.create()).get(report_url)
    assert outsider.status_code in (403, 404)
    assert "Why hands matter" not in outsider.text
    assert Client().get(report_url).status_code == 302  # to sign in


def test_the_cartridge_report_is_gone_once_the_person_signs_out(team: Team) -> None:
    author = _signed_in(team.author)
    _import_cartridge(author, team, cartridges.every_kind())
    author.logout()
    author.force_login(team.author)
    page = author.get(reverse("authoring:cartridge_report", args=[team.draft.uuid]))
    assert page.status_code == 404 and NO_REPORT in page.text
    assert "Why hands matter" not in page.text


def test_a_refused_cartridge_changes_nothing_and_leaves_no_report(team: Team) -> None:
    author = _signed_in(team.author)
    before = _state(team.draft)
    refused = _import_cartridge(author, team, b"PK\x03\x04broken")
    assert refused.status_code == 400
    told = "The file is not a zip archive, or it is damaged."
    assert f'id="id_cartridge_error">{told}' in refused.text
    assert marked_invalid(refused.text, "id_cartridge")
    assert _state(team.draft) == before
    page = author.get(reverse("authoring:cartridge_report", args=[team.draft.uuid]))
    assert page.status_code == 404 and NO_REPORT in page.text


def test_a_report_kept_in_another_shape_is_as_if_none_were_kept(team: Team) -> None:
    author = _signed_in(team.author)
    session = author.session
    session[f"authoring:cartridge-report:{team.draft.uuid}"] = {
        "by": team.author.pk,
        "report": {"version": "1.3"},
    }
    session.save()
    page = author.get(reverse("authoring:cartridge_report", args=[team.draft.uuid]))
    assert page.status_code == 404 and NO_REPORT in page.text


def test_reloading_the_qti_report_shows_it_again_and_imports_nothing(team: Team) -> None:
    quiz = _quiz(team)
    author = _signed_in(team.author)
    response = _import_qti(author, team, quiz, qti_items.moodle_bank(), "bank.zip")
    report_url = reverse("authoring:qti_report", args=[team.draft.uuid, quiz.key])
    assert response.status_code == 302 and response["Location"] == report_url
    history = HistoryEntry.objects.filter(draft=team.draft).count()
    for _reload in range(3):
        page = author.get(report_url)
        assert page.status_code == 200
        assert "4 questions were added to the quiz." in page.text
        assert "2 items could not be imported." in page.text
        assert "When must you clean your hands?" in page.text
        assert "Single choice" in page.text and "Matching" in page.text
        assert "Right-hand choices that match nothing were left out." in page.text
        assert "essay-1" in page.text and "custom_response_processing" in page.text
    assert quiz.questions.count() == 4
    assert HistoryEntry.objects.filter(draft=team.draft).count() == history
    assert author.post(report_url, {"action": "import_qti"}).status_code == 405
    assert quiz.questions.count() == 4


def test_the_qti_report_tells_what_was_imported_even_once_it_is_removed(team: Team) -> None:
    quiz = _quiz(team)
    author = _signed_in(team.author)
    _import_qti(author, team, quiz, qti_items.moodle_bank(), "bank.zip")
    quiz.questions.all().delete()
    page = author.get(reverse("authoring:qti_report", args=[team.draft.uuid, quiz.key]))
    assert page.status_code == 200
    assert "When must you clean your hands?" in page.text


def test_only_the_person_who_imported_reads_the_qti_report(team: Team) -> None:
    quiz = _quiz(team)
    author = _signed_in(team.author)
    _import_qti(author, team, quiz, qti_items.moodle_bank(), "bank.zip")
    report_url = reverse("authoring:qti_report", args=[team.draft.uuid, quiz.key])
    co_author = _signed_in(team.co_author).get(report_url)
    assert co_author.status_code == 404
    assert NO_REPORT in co_author.text
    assert "When must you clean your hands?" not in co_author.text
    assert "essay-1" not in co_author.text
    outsider = _signed_in(UserFactory.create()).get(report_url)
    assert outsider.status_code in (403, 404)
    assert "essay-1" not in outsider.text
    # Nor does a report of one quiz show on another's address.
    other = _quiz(team)
    page = author.get(reverse("authoring:qti_report", args=[team.draft.uuid, other.key]))
    assert page.status_code == 404 and "essay-1" not in page.text
    assert author.get(report_url).status_code == 200


def test_a_refused_qti_file_changes_nothing_and_leaves_no_report(team: Team) -> None:
    quiz = _quiz(team)
    author = _signed_in(team.author)
    history = HistoryEntry.objects.filter(draft=team.draft).count()
    refused = _import_qti(author, team, quiz, b"<broken", "item.xml")
    assert refused.status_code == 400
    assert "not well-formed XML" in refused.text.split('id="id_qti_error">', 1)[1]
    assert marked_invalid(refused.text, "id_qti")
    assert quiz.questions.count() == 0
    assert HistoryEntry.objects.filter(draft=team.draft).count() == history
    page = author.get(reverse("authoring:qti_report", args=[team.draft.uuid, quiz.key]))
    assert page.status_code == 404 and NO_REPORT in page.text
