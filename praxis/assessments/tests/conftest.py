import pytest

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.models import Quiz
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog.models import Course
from praxis.catalog.tests.factories import EnrolmentFactory, course_with_lessons


@pytest.fixture
def staff(db: None) -> User:
    return UserFactory.create(is_staff=True, full_name="Amina Staff")


@pytest.fixture
def learner(db: None) -> User:
    return UserFactory.create(full_name="Kofi Learner")


@pytest.fixture
def course(db: None) -> Course:
    return course_with_lessons(modules=1, lessons_per_module=1)


@pytest.fixture
def enrolled(learner: User, course: Course) -> User:
    EnrolmentFactory.create(learner=learner, course=course)
    return learner


@pytest.fixture
def quiz(course: Course) -> Quiz:
    """Two single-choice questions; the first option of each is right; pass mark 50%."""
    return quiz_with([choice_question(), choice_question()], course=course)
