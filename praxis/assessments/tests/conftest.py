import pytest

from praxis.accounts.tests.factories import UserFactory
from praxis.assessments.tests.factories import choice_question, quiz_with
from praxis.catalog.tests.factories import EnrolmentFactory, course_with_lessons


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, full_name="Amina Staff")


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Kofi Learner")


@pytest.fixture
def course(db):
    return course_with_lessons(modules=1, lessons_per_module=1)


@pytest.fixture
def enrolled(learner, course):
    EnrolmentFactory(learner=learner, course=course)
    return learner


@pytest.fixture
def quiz(course):
    """Two single-choice questions; the first option of each is right; pass mark 50%."""
    return quiz_with([choice_question(), choice_question()], course=course)
