"""A question as the page or the API sends it, read into the model the quiz services take."""

from __future__ import annotations

import pytest

from praxis.authoring.inputs import QuestionInput
from praxis.competencies.tests.factories import CompetencyItemFactory
from praxis.core.errors import ValidationFailed


def _refusals(fields: dict[str, object]) -> dict[str, list[str]]:
    with pytest.raises(ValidationFailed) as refused:
        QuestionInput.read(fields)
    assert refused.value.code == "invalid_input"
    return {name: [str(m) for m in found] for name, found in refused.value.fields.items()}


def test_every_problem_of_a_question_is_named_at_once_in_the_form_order() -> None:
    refusals = _refusals(
        {
            "kind": "single",
            "stem": "  ",
            "topic": "t" * 61,
            "difficulty": "hard",
            "points": 100,
            "competency_ids": ["first"],
            "options": [{"text": ""}, {"text": "b"}],
        }
    )
    assert list(refusals.items()) == [
        ("stem", ["Write the question, in at most 5,000 characters."]),
        ("topic", ["Keep the topic under 60 characters."]),
        ("difficulty", ["Enter a whole number from 1 to 3."]),
        ("points", ["Enter a whole number from 1 to 99."]),
        ("competency_ids", ["Choose competencies from the list."]),
        (
            "options",
            [
                "Each option needs a text of at most 500 characters.",
                "Mark exactly one option as correct.",
            ],
        ),
    ]


def test_an_unknown_type_is_the_only_refusal_shown() -> None:
    assert _refusals({"kind": "essay", "stem": ""}) == {"kind": ["Choose a question type."]}
    assert _refusals({"stem": "Q"}) == {"kind": ["Choose a question type."]}


def test_a_true_or_false_question_needs_exactly_two_options() -> None:
    three = [{"text": "Yes", "correct": True}, {"text": "No"}, {"text": "Maybe"}]
    assert _refusals({"kind": "true_false", "stem": "Q", "options": three}) == {
        "options": ["A true-or-false question has exactly two options."]
    }


@pytest.mark.django_db
def test_competencies_must_exist_and_be_at_most_twenty() -> None:
    assert _refusals({"kind": "numeric", "stem": "Q", "value": 1, "competency_ids": [999]}) == {
        "competency_ids": ["Choose at most 20 competencies from the list."]
    }
    item = CompetencyItemFactory.create()
    read = QuestionInput.read(
        {"kind": "numeric", "stem": "Q", "value": 1, "competency_ids": [str(item.pk), item.pk]}
    )
    assert read.competency_ids == [item.pk]


def test_numbers_written_as_text_are_read_and_the_answer_key_fits_the_kind() -> None:
    numeric = QuestionInput.read(
        {"kind": "numeric", "stem": " Temp? ", "value": "37,5", "tolerance": "", "points": "3"}
    )
    assert numeric.stored() == {
        "kind": "numeric",
        "stem": "Temp?",
        "topic": "",
        "feedback": "",
        "difficulty": 2,
        "points": 3,
        "options": [],
        "answer_key": {"value": 37.5, "tolerance": 0.0},
        "competency_ids": [],
    }
    assert _refusals({"kind": "numeric", "stem": "Q", "value": "inf", "tolerance": -1}) == {
        "value": ["Enter a number."],
        "tolerance": ["Enter a number."],
    }
    short = QuestionInput.read(
        {"kind": "short_text", "stem": "Q", "accepted": [" ORS ", "", "oral rehydration"]}
    )
    assert short.stored()["answer_key"] == {"accepted": ["ORS", "oral rehydration"]}
    assert _refusals({"kind": "short_text", "stem": "Q", "accepted": 5}) == {
        "accepted": ["Give from 1 to 20 accepted answers, each under 500 characters."]
    }


def test_options_of_ordering_and_matching_are_never_marked_correct() -> None:
    matching = QuestionInput.read(
        {
            "kind": "matching",
            "stem": "Pair",
            "options": [
                {"text": "ORS", "match": "diarrhoea", "correct": True},
                {"text": "Zinc", "match": "ten days", "feedback": " Ten to fourteen. "},
            ],
            "unknown": "ignored",
        }
    )
    assert matching.stored()["options"] == [
        {"text": "ORS", "match": "diarrhoea", "correct": False, "feedback": ""},
        {"text": "Zinc", "match": "ten days", "correct": False, "feedback": "Ten to fourteen."},
    ]
