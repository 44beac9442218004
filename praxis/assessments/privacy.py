"""What assessments hold about a person: quiz attempts and their answers."""

from collections.abc import Iterator

from django.utils.translation import gettext_lazy as _

from praxis.assessments.models import Attempt, AttemptItem
from praxis.core.people import Person
from praxis.core.personal_data import Erasure, Holding, Row, register


def _answers(person: Person) -> Iterator[Row]:
    items = (
        AttemptItem.objects.filter(attempt__learner=person)
        .select_related("attempt__quiz", "question")
        .order_by("attempt_id", "position")
    )
    for item in items:
        yield {
            "attempt": item.attempt.uuid,
            "quiz": item.attempt.quiz.title,
            "position": item.position,
            "question": item.question.stem,
            "response": item.response,
            "score": item.score,
            "correct": item.correct,
        }


register(
    Holding(
        Attempt,
        ("learner",),
        Erasure.DELETE,
        kind="quiz-attempts",
        label=_("Quiz attempts"),
        fields=(
            "uuid",
            "quiz__title",
            "number",
            "status",
            "created_at",
            "submitted_at",
            "score",
            "max_score",
            "passed",
        ),
    ),
    Holding(
        AttemptItem,
        (),
        Erasure.CUSTOM,
        kind="quiz-answers",
        label=_("Quiz answers"),
        export=_answers,
        erase=lambda erasing: None,  # deleted with their attempts
    ),
)
