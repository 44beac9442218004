import pytest

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory


@pytest.fixture
def staff(db: None) -> User:
    return UserFactory.create(is_staff=True, full_name="Amina Staff")


@pytest.fixture
def learner(db: None) -> User:
    return UserFactory.create(full_name="Kofi Learner")
