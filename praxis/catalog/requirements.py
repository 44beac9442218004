"""What still keeps a learner from completing a course once its lessons are done.

Higher apps answer the query `praxis.catalog.hooks.completion_blockers` with a list of
`Requirement` (assessments: the required quizzes not yet passed). The catalog completes an
enrolment only when no answer names one, and shows the learner what remains, with a link.
"""

from __future__ import annotations

from dataclasses import dataclass

from praxis.catalog import hooks
from praxis.catalog.models import Course
from praxis.core.people import Person


@dataclass(frozen=True)
class Requirement:
    """One thing left to do: its kind ("quiz"), its title and the page where it is done."""

    kind: str
    title: str
    url: str


def outstanding(learner: Person, course: Course) -> list[Requirement]:
    """Every requirement beyond the lessons that `learner` has still to meet in `course`."""
    answers = hooks.completion_blockers.ask(learner=learner, course=course)
    return [requirement for answer in answers for requirement in answer]
