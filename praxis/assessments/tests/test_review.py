"""The review of a submitted attempt tells the truth for every question type: what the learner
answered, what is right, and why; a failed attempt says how many attempts are left and offers
"Try again" while some remain. On the attempt page and in the API."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import SchemaCheckedClient
from praxis.accounts.models import User
from praxis.assessments import services
from praxis.assessments.models import Attempt, Question
from praxis.assessments.tests.factories import (
    OptionFactory,
    QuestionFactory,
    choice_question,
    quiz_with,
)
from praxis.catalog.models import Course

pytestmark = pytest.mark.django_db


def _ordering() -> Question:
    question = QuestionFactory.create(
        kind=Question.Kind.ORDERING,
        stem="Put the steps of hand rubbing in order",
        feedback="Palms first, then backs, then fingers.",
    )
    for position, text in enumerate(("Palm to palm", "Back of hands", "Between fingers")):
        OptionFactory.create(question=question, position=position, text=text)
    return question


def _matching() -> Question:
    question = QuestionFactory.create(
        kind=Question.Kind.MATCHING, stem="Match each drug to its use"
    )
    for position, (drug, use) in enumerate(
        (("Oxytocin", "Bleeding"), ("Amoxicillin", "Pneumonia"))
    ):
        OptionFactory.create(question=question, position=position, text=drug, match=use)
    return question


def _numeric() -> Question:
    return QuestionFactory.create(
        kind=Question.Kind.NUMERIC,
        stem="Normal body temperature in °C?",
        key={"value": 37, "tolerance": 0.5},
        feedback="Between 36.5 and 37.5 °C.",
    )


def _short_text() -> Question:
    return QuestionFactory.create(
        kind=Question.Kind.SHORT_TEXT,
        stem="What treats dehydration from diarrhoea?",
        key={"accepted": ["Oral rehydration salts", "ORS"]},
    )


def _wrong_answers(
    ordering: Question, matching: Question, numeric: Question, short_text: Question
) -> dict[str, object]:
    steps = {o.text: o.id for o in ordering.options.all()}
    drugs = {o.text: o.id for o in matching.options.all()}
    return {
        # Backs first: a wrong order.
        str(ordering.uuid): [
            steps["Back of hands"],
            steps["Palm to palm"],
            steps["Between fingers"],
        ],
        # Both drugs matched to bleeding: one pair right, one wrong.
        str(matching.uuid): {
            str(drugs["Oxytocin"]): drugs["Oxytocin"],
            str(drugs["Amoxicillin"]): drugs["Oxytocin"],
        },
        str(numeric.uuid): 39,
        str(short_text.uuid): "Paracetamol",
    }


@pytest.fixture
def failed(enrolled: User, course: Course) -> Attempt:
    """An attempt at four questions of the misleading kinds, all answered wrongly, with one
    more attempt allowed."""
    questions = (_ordering(), _matching(), _numeric(), _short_text())
    quiz = quiz_with(list(questions), course=course, max_attempts=2, title="Ward basics")
    attempt = services.start_attempt(enrolled, quiz)
    return services.submit_attempt(enrolled, attempt, _wrong_answers(*questions))


def _section(html: str, stem: str) -> str:
    start = html.index(stem)
    end = html.find('<section class="question"', start)
    return html[start : end if end != -1 else len(html)]


def test_a_wrong_order_shows_the_learners_order_and_the_right_one(
    client: Client, enrolled: User, failed: Attempt
) -> None:
    client.force_login(enrolled)
    html = client.get(reverse("assessments:attempt", args=[failed.uuid])).content.decode()
    part = _section(html, "Put the steps of hand rubbing in order")
    assert "your choice" not in part
    assert "Your answer:" in part
    assert "Right answer:" in part
    given = part[part.index("Your answer:") : part.index("Right answer:")]
    right = part[part.index("Right answer:") :]
    assert given.index("Back of hands") < given.index("Palm to palm")
    assert right.index("Palm to palm") < right.index("Back of hands")
    assert "Palms first, then backs, then fingers." in part


def test_a_wrong_match_shows_what_was_matched_and_what_is_right(
    client: Client, enrolled: User, failed: Attempt
) -> None:
    client.force_login(enrolled)
    html = client.get(reverse("assessments:attempt", args=[failed.uuid])).content.decode()
    part = _section(html, "Match each drug to its use")
    given = part[part.index("Your answer:") : part.index("Right answer:")]
    assert "Amoxicillin → Bleeding" in given
    assert "Amoxicillin → Pneumonia" in part[part.index("Right answer:") :]


def test_numeric_and_short_text_show_the_accepted_answers(
    client: Client, enrolled: User, failed: Attempt
) -> None:
    client.force_login(enrolled)
    html = client.get(reverse("assessments:attempt", args=[failed.uuid])).content.decode()
    numeric = _section(html, "Normal body temperature")
    assert "39" in numeric[numeric.index("Your answer:") :]
    assert "37 ± 0.5" in numeric[numeric.index("Right answer:") :]
    assert "Between 36.5 and 37.5 °C." in numeric
    text = _section(html, "What treats dehydration")
    assert "Oral rehydration salts" in text[text.index("Right answer:") :]


def test_a_failed_attempt_offers_try_again_with_the_attempts_left(
    client: Client, enrolled: User, failed: Attempt
) -> None:
    client.force_login(enrolled)
    html = client.get(reverse("assessments:attempt", args=[failed.uuid])).content.decode()
    assert "1 attempt left" in html
    assert f'action="{reverse("assessments:start", args=[failed.quiz.uuid])}"' in html
    assert "Try again" in html


def test_no_try_again_once_the_attempts_are_used(
    client: Client, enrolled: User, course: Course
) -> None:
    question = choice_question()
    quiz = quiz_with([question], course=course, max_attempts=1)
    attempt = services.start_attempt(enrolled, quiz)
    wrong = question.options.get(position=1).id
    done = services.submit_attempt(enrolled, attempt, {str(question.uuid): wrong})
    client.force_login(enrolled)
    html = client.get(reverse("assessments:attempt", args=[done.uuid])).content.decode()
    assert "No attempts left" in html
    assert "Try again" not in html
    # The single-choice review marks the wrong choice as such and says what is right.
    part = _section(html, question.stem)
    assert "Only after lunch" in part[part.index("Your answer:") : part.index("Right answer:")]
    assert "Before touching a patient" in part[part.index("Right answer:") :]
    assert "Feedback on Only after lunch" in part


def test_the_api_review_says_what_was_given_what_is_right_and_the_attempts_left(
    api_client: SchemaCheckedClient, enrolled: User, failed: Attempt
) -> None:
    api_client.client.force_login(enrolled)
    body = api_client.get(f"/api/v1/attempts/{failed.uuid}").json()
    assert body["passed"] is False
    assert body["attempts_left"] == 1
    by_stem = {item["stem"]: item for item in body["review"]}
    ordering = by_stem["Put the steps of hand rubbing in order"]
    assert ordering["correct"] is False
    assert [part["text"] for part in ordering["given"]] == [
        "Back of hands",
        "Palm to palm",
        "Between fingers",
    ]
    assert [part["right"] for part in ordering["given"]] == [False, False, True]
    assert ordering["right_answer"] == ["Palm to palm", "Back of hands", "Between fingers"]
    assert ordering["feedback"] == "Palms first, then backs, then fingers."
    matching = by_stem["Match each drug to its use"]
    assert [(p["text"], p["right"]) for p in matching["given"]] == [
        ("Oxytocin → Bleeding", True),
        ("Amoxicillin → Bleeding", False),
    ]
    numeric = by_stem["Normal body temperature in °C?"]
    assert numeric["right_answer"] == ["37 ± 0.5"]
    assert by_stem["What treats dehydration from diarrhoea?"]["right_answer"] == [
        "Oral rehydration salts",
        "ORS",
    ]


def test_the_quiz_page_offers_no_start_once_every_attempt_is_used_but_resumes_an_open_one(
    client: Client, enrolled: User, course: Course
) -> None:
    question = choice_question()
    quiz = quiz_with([question], course=course, max_attempts=1)
    client.force_login(enrolled)
    attempt = services.start_attempt(enrolled, quiz)
    page = client.get(reverse("assessments:quiz", args=[quiz.uuid])).content.decode()
    assert "Start or resume" in page
    option = question.options.first()
    assert option is not None
    services.submit_attempt(enrolled, attempt, {str(question.uuid): option.id})
    page = client.get(reverse("assessments:quiz", args=[quiz.uuid])).content.decode()
    assert "No attempts left." in page
    assert "Start or resume" not in page
