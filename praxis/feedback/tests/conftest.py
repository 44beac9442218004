import pytest

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.catalog.models import Course, Enrolment
from praxis.catalog.tests.factories import CourseFactory, EnrolmentFactory
from praxis.organisations.models import Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory


@pytest.fixture
def organisation(db: None) -> Organisation:
    return OrganisationFactory.create(name="Makerere School of Public Health")


@pytest.fixture
def course(organisation: Organisation) -> Course:
    course = CourseFactory.create(slug="malaria-testing", title="Malaria rapid tests")
    course.organisations.add(organisation)
    return course


@pytest.fixture
def learner(course: Course) -> User:
    """A learner enrolled in the course and still following it."""
    user = UserFactory.create(full_name="Achieng Otieno")
    EnrolmentFactory.create(learner=user, course=course)
    return user


@pytest.fixture
def graduate(course: Course) -> User:
    """A learner who completed the course."""
    user = UserFactory.create(full_name="Wanjiru Kamau")
    EnrolmentFactory.create(learner=user, course=course, status=Enrolment.Status.COMPLETED)
    return user


@pytest.fixture
def author(organisation: Organisation) -> User:
    """An author of the co-creating organisation: on the course team."""
    return MembershipFactory.create(organisation=organisation, role=Role.AUTHOR).user


def graduates(course: Course, count: int) -> list[User]:
    made = []
    for _ in range(count):
        user = UserFactory.create()
        EnrolmentFactory.create(learner=user, course=course, status=Enrolment.Status.COMPLETED)
        made.append(user)
    return made
