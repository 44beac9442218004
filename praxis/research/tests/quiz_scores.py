"""Pre-tests, post-tests and first attempts with known scores, for knowledge-gain tests."""

from praxis.accounts.models import User
from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.tests.factories import QuizFactory
from praxis.catalog.models import Course


def pre_post_pair(course: Course, title: str = "Hand hygiene") -> tuple[Quiz, Quiz]:
    """A pre-test and the post-test compared with it, in `course`."""
    pre = QuizFactory.create(course=course, kind=Quiz.Kind.PRE_TEST, title=f"{title}: before")
    post = QuizFactory.create(course=course, kind=Quiz.Kind.POST_TEST, pre_test=pre, title=title)
    return pre, post


def scored(quiz: Quiz, learner: User, score: float, out_of: float = 10, number: int = 1) -> Attempt:
    """A submitted attempt at `quiz` scoring `score` out of `out_of`."""
    return Attempt.objects.create(
        quiz=quiz,
        learner=learner,
        number=number,
        status=Attempt.Status.SUBMITTED,
        score=score,
        max_score=out_of,
    )
