"""Pre-tests, post-tests and first attempts with known scores, for knowledge-gain tests."""

from praxis.assessments.models import Attempt, Quiz
from praxis.assessments.tests.factories import QuizFactory


def pre_post_pair(course, title="Hand hygiene"):
    """A pre-test and the post-test compared with it, in `course`."""
    pre = QuizFactory.create(course=course, kind=Quiz.Kind.PRE_TEST, title=f"{title}: before")
    post = QuizFactory.create(course=course, kind=Quiz.Kind.POST_TEST, pre_test=pre, title=title)
    return pre, post


def scored(quiz, learner, score, out_of=10, number=1):
    """A submitted attempt at `quiz` scoring `score` out of `out_of`."""
    return Attempt.objects.create(
        quiz=quiz,
        learner=learner,
        number=number,
        status=Attempt.Status.SUBMITTED,
        score=score,
        max_score=out_of,
    )
