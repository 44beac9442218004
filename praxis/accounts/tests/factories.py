"""Factories for people."""

import factory
from django.utils import timezone

from praxis.accounts.models import User

DEFAULT_PASSWORD = "correct-horse-battery-9"


def _set_password(user: User, create: bool, extracted: str | None, **kwargs: object) -> None:
    user.set_password(extracted or DEFAULT_PASSWORD)
    if create:
        user.save(update_fields=["password"])


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"learner{n}@example.org")
    full_name = factory.Faker("name")
    email_verified_at = factory.LazyFunction(timezone.now)
    preferred_language = "en"
    languages = factory.LazyFunction(lambda: ["en"])

    password = factory.PostGeneration(_set_password)


class StaffFactory(UserFactory):
    is_staff = True
