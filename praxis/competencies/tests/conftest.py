import pytest

from praxis.accounts.tests.factories import UserFactory


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, full_name="Amina Staff")


@pytest.fixture
def learner(db):
    return UserFactory(full_name="Kofi Learner")
