"""A matching question's page names its left-hand items and its right-hand choices apart:
nothing in it says which choice goes with which item."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from praxis.accounts.models import User
from praxis.assessments.models import Attempt, Option, Question
from praxis.assessments.scoring import option_token
from praxis.assessments.tests.factories import OptionFactory, QuestionFactory, quiz_with
from praxis.catalog.models import Course

pytestmark = pytest.mark.django_db

PAIRS = [
    ("Alcohol-based hand rub", "Between two patients"),
    ("Soap and water", "Hands visibly soiled"),
    ("Sterile gloves", "Before an aseptic procedure"),
]


def matching_question(course: Course) -> tuple[Question, list[Option]]:
    question = QuestionFactory.create(kind=Question.Kind.MATCHING, stem="Match each to its use")
    options = [
        OptionFactory.create(question=question, position=n, text=text, match=match)
        for n, (text, match) in enumerate(PAIRS)
    ]
    quiz_with([question], course=course)
    return question, options


def _selects(page: str, question: Question) -> dict[str, dict[str, str]]:
    """{field name: {choice text: choice value}} of the question's drop-downs on the page."""
    found: dict[str, dict[str, str]] = {}
    for name, body in re.findall(
        rf'<select name="(q-{question.uuid}-[^"]+)"[^>]*>(.*?)</select>', page, re.S
    ):
        found[name] = {
            text.strip(): value
            for value, text in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', body)
            if value
        }
    return found


def test_the_page_does_not_name_an_items_right_choice_after_it(
    client: Client, enrolled: User, course: Course
) -> None:
    question, options = matching_question(course)
    quiz = question.quizzes.get()
    client.force_login(enrolled)
    page = client.post(reverse("assessments:start", args=[quiz.uuid]), follow=True)
    selects = _selects(page.content.decode(), question)
    assert len(selects) == 3
    for name, choices in selects.items():
        assert set(choices) == {match for _text, match in PAIRS}
        # Choosing the value that the item's own name ends with was, before, always right.
        assert name.rsplit("-", 1)[1] not in choices.values()

    # Chosen by their texts, as a learner does, the pairs are still marked right.
    attempt = Attempt.objects.get(learner=enrolled)
    item_names = {
        f"q-{question.uuid}-{option_token(attempt.uuid, option.id)}": option for option in options
    }
    answers = {name: selects[name][item_names[name].match] for name in selects}
    client.post(reverse("assessments:attempt", args=[attempt.uuid]), answers)
    assert Attempt.objects.get(pk=attempt.pk).score == 1.0
