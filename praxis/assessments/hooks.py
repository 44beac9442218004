"""The hooks assessments asks; higher apps import these declarations and answer them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from praxis.core.hooks import Query

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from praxis.accounts.models import User
    from praxis.assessments.models import Quiz


@Query
def quizzes_for(*, learner: User | AnonymousUser, quizzes: list[Quiz]) -> dict[int, Quiz]:
    """For each of `quizzes` that the answering app varies, by ID, the quiz `learner` takes in
    its place; quizzes it does not vary are left out (research: experiments vary quizzes)."""
    raise NotImplementedError
