"""Factories for people."""

import factory
from django.utils import timezone

from praxis.accounts.models import User

DEFAULT_PASSWORD = "correct-horse-battery-9"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"learner{n}@example.org")
    full_name = factory.Faker("name")
    email_verified_at = factory.LazyFunction(timezone.now)
    preferred_language = "en"
    languages = factory.LazyFunction(lambda: ["en"])

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or DEFAULT_PASSWORD)
        if create:
            self.save(update_fields=["password"])


class StaffFactory(UserFactory):
    is_staff = True
