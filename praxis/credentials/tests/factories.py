"""Factories for achievements, credentials and CPD lines."""

from decimal import Decimal

import factory
from django.utils import timezone

from praxis.accounts.tests.factories import UserFactory
from praxis.credentials.models import Achievement, CpdActivity, CreditSystem


class AchievementFactory(factory.django.DjangoModelFactory[Achievement]):
    class Meta:
        model = Achievement

    source = factory.Sequence(lambda n: f"course:test-{n}")
    kind = Achievement.Kind.COURSE
    name = factory.Sequence(lambda n: f"Hand hygiene in practice {n}")
    description = "The five moments for hand hygiene, practised on the ward."
    criteria = "Completed every lesson of the course."
    hours = Decimal("2.5")


def credit_system(code: str) -> CreditSystem:
    """One of the shipped credit systems (cpd-hours, ama-pra-1, eaccme, iacet-ceu)."""
    return CreditSystem.objects.get(code=code)


class ExternalActivityFactory(factory.django.DjangoModelFactory[CpdActivity]):
    class Meta:
        model = CpdActivity

    learner = factory.SubFactory(UserFactory)
    system = factory.LazyFunction(lambda: credit_system("cpd-hours"))
    title = "Regional nursing conference"
    provider = "Nursing council"
    date = factory.LazyFunction(timezone.localdate)
    credits = Decimal("3")
    self_reported = True
