"""Factories for question banks, questions, quizzes and alignments."""

from collections.abc import Iterable, Sequence

import factory

from praxis.assessments.models import (
    Alignment,
    Option,
    Pathway,
    PathwayStep,
    Question,
    QuestionBank,
    Quiz,
    QuizQuestion,
)
from praxis.catalog.tests.factories import CourseFactory


class QuestionBankFactory(factory.django.DjangoModelFactory[QuestionBank]):
    class Meta:
        model = QuestionBank

    title = factory.Sequence(lambda n: f"Hand hygiene questions {n}")
    language = "en"
    course = factory.SubFactory(CourseFactory)


class QuestionFactory(factory.django.DjangoModelFactory[Question]):
    class Meta:
        model = Question

    bank = factory.SubFactory(QuestionBankFactory)
    kind = Question.Kind.SINGLE
    stem = factory.Sequence(lambda n: f"When should hands be cleaned? ({n})")
    topic = "hand-hygiene"


class OptionFactory(factory.django.DjangoModelFactory[Option]):
    class Meta:
        model = Option

    question = factory.SubFactory(QuestionFactory)
    position = factory.Sequence(lambda n: n)
    text = factory.Sequence(lambda n: f"Option {n}")


def choice_question(
    bank: QuestionBank | None = None,
    *,
    right: int = 0,
    texts: Sequence[str] = ("Before touching a patient", "Only after lunch", "Never"),
    **fields: object,
) -> Question:
    """A single-choice question whose option number `right` is the correct one."""
    question = QuestionFactory.create(**({"bank": bank} if bank else {}), **fields)
    for position, text in enumerate(texts):
        OptionFactory.create(
            question=question,
            position=position,
            text=text,
            correct=position == right,
            feedback=f"Feedback on {text}",
        )
    return question


class QuizFactory(factory.django.DjangoModelFactory[Quiz]):
    class Meta:
        model = Quiz

    course = factory.SubFactory(CourseFactory)
    title = factory.Sequence(lambda n: f"Check your understanding {n}")
    pass_mark = 50
    shuffle_options = False


def quiz_with(questions: Iterable[Question], **fields: object) -> Quiz:
    quiz = QuizFactory.create(**fields)
    for position, question in enumerate(questions):
        QuizQuestion.objects.create(quiz=quiz, question=question, position=position)
    return quiz


class AlignmentFactory(factory.django.DjangoModelFactory[Alignment]):
    class Meta:
        model = Alignment

    course = factory.SubFactory(CourseFactory)
    item = factory.SubFactory("praxis.competencies.tests.factories.CompetencyItemFactory")
    level = 3


class PathwayFactory(factory.django.DjangoModelFactory[Pathway]):
    class Meta:
        model = Pathway

    slug = factory.Sequence(lambda n: f"pathway-{n}")
    title = factory.Sequence(lambda n: f"Becoming an infection control focal person {n}")
    language = "en"
    outcome = "Leads infection prevention in a primary care facility."


class PathwayStepFactory(factory.django.DjangoModelFactory[PathwayStep]):
    class Meta:
        model = PathwayStep

    pathway = factory.SubFactory(PathwayFactory)
    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n)
