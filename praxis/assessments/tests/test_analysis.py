"""Item analysis against a small dataset whose figures were worked out by hand.

Six attempts at three one-point questions (1 = right), in the order the attempts were made:

    attempt  q1 q2 q3  total
    A         1  1  1    3
    B         1  1  0    2
    C         1  0  1    2
    D         0  1  0    1
    E         1  0  0    1
    F         0  0  0    0

Totals: mean 1.5, population variance 5.5/6. Difficulty: 4/6, 3/6, 2/6.
KR-20 = 3/2 * (1 - (2/9 + 1/4 + 2/9) / (11/12)) = 3/2 * 8/33 = 4/11; alpha is the same for
right/wrong items. Point-biserial r = (sum xy - n mean_x mean_y) / sqrt(n p q * sum (y - mean)^2):
q1 = 2 / sqrt(4/3 * 5.5) = 0.738549, q2 = 1.5 / sqrt(1.5 * 5.5) = 0.522233, q3 = 0.738549.
Upper-lower: 27% of 6 rounds to 2; ties go to the later attempt, so upper = {A, C} and
lower = {D, F}: q1 1 - 0 = 1, q2 1/2 - 1/2 = 0, q3 1 - 0 = 1.
On q2 the wrong option "Only after lunch" was chosen by C and E (2/6) and F left it blank (1/6).
"""

import pytest

from praxis.accounts.tests.factories import UserFactory
from praxis.assessments import services
from praxis.assessments.analysis import QuizFigures
from praxis.assessments.queries import quiz_analysis
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import EnrolmentFactory

pytestmark = pytest.mark.django_db

PATTERN = ["111", "110", "101", "010", "100", "000"]


@pytest.fixture
def figures(course: Course) -> QuizFigures:
    questions = [choice_question() for _ in range(3)]
    quiz = quiz_with(questions, course=course)
    for row in PATTERN:
        learner = UserFactory.create()
        EnrolmentFactory.create(learner=learner, course=course)
        attempt = services.start_attempt(learner, quiz)
        answers: dict[str, object] = {}
        for question, mark in zip(questions, row, strict=True):
            if mark == "1":
                answers[str(question.uuid)] = question.options.get(position=0).id
            elif row != "000":  # F leaves everything blank; the others choose option 1
                answers[str(question.uuid)] = question.options.get(position=1).id
        services.submit_attempt(learner, attempt, answers)
    return quiz_analysis(quiz)


def test_difficulty_is_the_share_right_with_its_n(figures: QuizFigures) -> None:
    assert [q.difficulty for q in figures.questions] == pytest.approx([4 / 6, 3 / 6, 2 / 6])
    assert [q.n for q in figures.questions] == [6, 6, 6]
    assert figures.attempts == 6
    assert figures.mean_score == pytest.approx(1.5)


def test_mean_scores_are_given_with_the_points_they_are_out_of(figures: QuizFigures) -> None:
    assert (figures.mean_score, figures.max_score) == pytest.approx((1.5, 3))
    assert [q.points for q in figures.questions] == [1, 1, 1]
    assert [q.mean_score for q in figures.questions] == pytest.approx([4 / 6, 3 / 6, 2 / 6])


def test_a_questions_mean_score_is_in_its_own_points(course: Course) -> None:
    question = choice_question(points=2)
    quiz = quiz_with([question], course=course)
    for position in [0, 1, 1]:  # right once in three attempts
        learner = UserFactory.create()
        EnrolmentFactory.create(learner=learner, course=course)
        attempt = services.start_attempt(learner, quiz)
        answer = question.options.get(position=position).id
        services.submit_attempt(learner, attempt, {str(question.uuid): answer})
    figures = quiz_analysis(quiz)
    only = figures.questions[0]
    assert (only.difficulty, only.mean_score, only.points) == pytest.approx((1 / 3, 2 / 3, 2))
    assert (figures.mean_score, figures.max_score) == pytest.approx((2 / 3, 2))


def test_point_biserial_matches_the_hand_figures(figures: QuizFigures) -> None:
    assert [q.point_biserial for q in figures.questions] == pytest.approx(
        [0.738549, 0.522233, 0.738549], abs=1e-6
    )


def test_upper_lower_index_uses_the_top_and_bottom_27_percent(figures: QuizFigures) -> None:
    assert [q.upper_lower for q in figures.questions] == pytest.approx([1.0, 0.0, 1.0])
    assert figures.questions[0].upper_lower_n == 4


def test_distractor_rates_include_blanks(figures: QuizFigures) -> None:
    second = figures.questions[1]
    assert [round(o.rate, 6) for o in second.options] == [0.5, round(2 / 6, 6), 0.0]
    assert second.blank_rate == pytest.approx(1 / 6)


def test_kr20_and_alpha_match_the_hand_figures(figures: QuizFigures) -> None:
    assert figures.kr20 == pytest.approx(4 / 11)
    assert figures.alpha == pytest.approx(4 / 11)
    assert (figures.reliability_n, figures.reliability_items) == (6, 3)


def test_a_quiz_without_attempts_has_no_figures(course: Course) -> None:
    quiz = quiz_with([choice_question()], course=course)
    figures = quiz_analysis(quiz)
    assert figures.attempts == 0
    assert figures.questions[0].difficulty is None
    assert figures.questions[0].mean_score is None
    assert (figures.mean_score, figures.max_score) == (None, None)
    assert figures.kr20 is None
