"""The quiz, question and competency forms of the draft page, without JavaScript."""

import pytest
from django.test import Client
from django.urls import reverse

from praxis.authoring import quizzes
from praxis.authoring.inputs import QuestionInput, QuizSettings
from praxis.authoring.models import DraftQuestion, DraftQuiz
from praxis.authoring.tests.conftest import Team
from praxis.authoring.tests.factories import member
from praxis.competencies.tests.factories import CompetencyItemFactory
from praxis.organisations.models import Role
from praxis.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _quiz_url(team: Team, quiz: DraftQuiz) -> str:
    return reverse("authoring:quiz", args=[team.draft.uuid, quiz.key])


def _quiz(team: Team) -> DraftQuiz:
    return quizzes.add_quiz(
        team.draft, team.author, QuizSettings.read({"title": "Check your understanding"})
    )


def test_author_adds_a_quiz_from_the_draft_page(client: Client, team: Team) -> None:
    client.force_login(team.author)
    page = client.get(reverse("authoring:draft", args=[team.draft.uuid]))
    assert "No quizzes yet." in page.text and "Add a quiz" in page.text
    response = client.post(
        reverse("authoring:add_quiz", args=[team.draft.uuid]),
        {"title": "Before you start", "kind": "pre_test", "pass_mark": "70"},
        follow=True,
    )
    assert "Quiz added. Now add its questions." in response.text
    assert '<h1 dir="auto">Before you start</h1>' in response.text
    page = client.get(reverse("authoring:draft", args=[team.draft.uuid]))
    assert "Before you start" in page.text and "0 questions" in page.text


def test_question_written_one_option_a_line_is_saved(client: Client, team: Team) -> None:
    quiz = _quiz(team)
    client.force_login(team.author)
    response = client.post(
        _quiz_url(team, quiz),
        {
            "action": "add_question",
            "kind": "single",
            "stem": "When do you clean your hands?",
            "options": "* Before touching a patient | Moment 1.\nOnly after lunch",
            "difficulty": "2",
            "points": "1",
        },
        follow=True,
    )
    assert "Question added." in response.text
    assert "When do you clean your hands?" in response.text
    question = DraftQuestion.objects.get()
    edit = client.get(reverse("authoring:question", args=[team.draft.uuid, quiz.key, question.key]))
    assert "* Before touching a patient | Moment 1." in edit.text


def test_bad_question_is_shown_with_its_errors_and_keeps_what_was_typed(
    client: Client, team: Team
) -> None:
    quiz = _quiz(team)
    client.force_login(team.author)
    response = client.post(
        _quiz_url(team, quiz),
        {
            "action": "add_question",
            "kind": "matching",
            "stem": "Pair them",
            "options": "ORS = diarrhoea\nZinc for ten days",
            "difficulty": "2",
            "points": "1",
        },
    )
    assert response.status_code == 400
    assert 'role="alert"' in response.text and "Line 2" in response.text
    assert "Zinc for ten days" in response.text
    assert not DraftQuestion.objects.exists()


def test_stale_question_save_shows_the_conflict(client: Client, team: Team) -> None:
    quiz = _quiz(team)
    question = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read(
            {"kind": "numeric", "stem": "Normal temperature?", "value": "37", "tolerance": "0.5"}
        ),
    )
    quizzes.save_question(
        question,
        team.co_author,
        QuestionInput.read({"kind": "numeric", "stem": "Brian's wording", "value": "37"}),
        revision=1,
    )
    client.force_login(team.author)
    response = client.post(
        reverse("authoring:question", args=[team.draft.uuid, quiz.key, question.key]),
        {
            "revision": "1",
            "kind": "numeric",
            "stem": "Amina's wording",
            "value": "37",
            "points": "1",
            "difficulty": "2",
        },
    )
    assert response.status_code == 409
    assert "Your changes conflict with a newer save" in response.text
    assert "Brian&#x27;s wording" in response.text and "Amina&#x27;s wording" in response.text


def test_quiz_settings_are_saved_from_the_form(client: Client, team: Team) -> None:
    quiz = _quiz(team)
    module = team.draft.modules.get()
    client.force_login(team.author)
    response = client.post(
        _quiz_url(team, quiz),
        {
            "action": "settings",
            "revision": quiz.revision,
            "title": "Final check",
            "kind": "quiz",
            "after_module": str(module.key),
            "pass_mark": "80",
            "max_attempts": "2",
            "time_limit_minutes": "",
            "required_for_completion": "1",
        },
        follow=True,
    )
    assert "Quiz saved." in response.text
    quiz.refresh_from_db()
    assert (quiz.title, quiz.pass_mark, quiz.max_attempts, quiz.after_module) == (
        "Final check",
        80,
        2,
        module,
    )
    assert quiz.required_for_completion and not quiz.shuffle_options


def test_member_of_another_organisation_gets_403_on_a_quiz(client: Client, team: Team) -> None:
    quiz = _quiz(team)
    client.force_login(member(OrganisationFactory.create(), Role.AUTHOR))
    assert client.get(_quiz_url(team, quiz)).status_code == 403


def test_author_adds_and_removes_a_competency(client: Client, team: Team) -> None:
    item = CompetencyItemFactory.create(code="MH.2", statement="Recognise suicidal risk")
    client.force_login(team.author)
    url = reverse("authoring:alignments", args=[team.draft.uuid])
    response = client.post(
        url, {"code": "MH.2", "level": "3", "lesson": str(team.lessons[1].key)}, follow=True
    )
    assert "Competency saved." in response.text
    assert (
        "Recognise suicidal risk" in response.text
        and "Talking about suicide safely" in response.text
    )
    refused = client.post(url, {"code": "NOPE", "level": "3"}, follow=True)
    assert "No competency has this code" in refused.text
    alignment = team.draft.alignments.get()
    assert alignment.item == item
    client.post(url, {"action": "remove", "alignment": alignment.pk})
    assert not team.draft.alignments.exists()


def test_removing_a_question_asks_to_confirm_first(client: Client, team: Team) -> None:
    quiz = _quiz(team)
    question = quizzes.add_question(
        quiz,
        team.author,
        QuestionInput.read(
            {
                "kind": "single",
                "stem": "When do you clean your hands?",
                "options": [
                    {"text": "Before touching a patient", "correct": True},
                    {"text": "Never"},
                ],
            }
        ),
    )
    client.force_login(team.author)
    page = client.get(_quiz_url(team, quiz)).text
    # A warning button behind a first step that only opens the question; nothing is sent yet.
    confirm = page[page.index('<details class="confirm">') :]
    confirm = confirm[: confirm.index("</details>")]
    # The question's words are kept apart from the sentence they are quoted in.
    assert "<summary>Remove “<bdi>When do you clean your hands?</bdi>”</summary>" in confirm
    assert f'action="{_quiz_url(team, quiz)}"' in confirm
    assert 'name="action" value="remove_question"' in confirm
    assert f'name="question" value="{question.key}"' in confirm
    assert '<button class="warning" type="submit">Yes, remove it</button>' in confirm
    removed = client.post(
        _quiz_url(team, quiz), {"action": "remove_question", "question": question.key}, follow=True
    )
    assert "Question removed." in removed.text
    assert not DraftQuestion.objects.filter(pk=question.pk).exists()


def test_removing_a_quiz_asks_to_confirm_first(client: Client, team: Team) -> None:
    quiz = _quiz(team)
    client.force_login(team.author)
    page = client.get(_quiz_url(team, quiz)).text
    form = page[page.index('value="remove"') - 300 : page.index("Remove this quiz") + 30]
    assert 'name="confirm"' in form and "required" in form
    assert 'class="warning"' in form
    refused = client.post(_quiz_url(team, quiz), {"action": "remove"})
    assert refused.status_code == 400
    assert "Tick the box to confirm" in refused.text
    assert team.draft.quizzes.filter(pk=quiz.pk).exists()
    removed = client.post(_quiz_url(team, quiz), {"action": "remove", "confirm": "1"}, follow=True)
    assert "Quiz removed." in removed.text
    assert not team.draft.quizzes.filter(pk=quiz.pk).exists()


def test_the_competencies_a_question_assesses_are_grouped_by_framework(
    client: Client, team: Team
) -> None:
    quiz = _quiz(team)
    first = CompetencyItemFactory.create(
        framework__title="Public health functions", code="2", abbreviated="Decision-making"
    )
    second = CompetencyItemFactory.create(
        framework__title="Universal health coverage", code="2", abbreviated="Decision-making"
    )
    client.force_login(team.author)
    page = client.get(_quiz_url(team, quiz)).text
    field = page.split('id="question-competencies"', 1)[1].split("</select>", 1)[0]
    for item in (first, second):
        group = field.split(f'<optgroup label="{item.framework.title}">', 1)[1]
        option = group.split("</optgroup>", 1)[0]
        assert f'<option value="{item.pk}">2 Decision-making</option>' in option
    # The choice is kept as sent, and the question assesses the competency of that framework.
    response = client.post(
        _quiz_url(team, quiz),
        {
            "action": "add_question",
            "kind": "single",
            "stem": "Who decides?",
            "options": "* The team\nNobody",
            "difficulty": "2",
            "points": "1",
            "competencies": [str(second.pk)],
        },
    )
    assert response.status_code == 302
    assert quiz.questions.get().competency_ids == [second.pk]
