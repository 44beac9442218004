"""The hooks assessments asks; higher apps import these declarations and answer them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from praxis.core.hooks import Query

if TYPE_CHECKING:
    from praxis.assessments.models import Quiz
    from praxis.core.people import Visitor


@Query
def quizzes_for(*, learner: Visitor, quizzes: list[Quiz]) -> dict[int, Quiz]:
    """For each of `quizzes` that the answering app varies, by ID, the quiz `learner` takes in
    its place; quizzes it does not vary are left out (research: experiments vary quizzes)."""
    raise NotImplementedError
