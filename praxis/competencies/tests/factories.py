"""Factories for frameworks, items, target profiles and evidence."""

import factory
from django.utils import timezone

from praxis.competencies.models import (
    CompetencyItem,
    Evidence,
    Framework,
    TargetProfile,
    TargetRequirement,
)


class FrameworkFactory(factory.django.DjangoModelFactory[Framework]):
    class Meta:
        model = Framework

    slug = factory.Sequence(lambda n: f"framework-{n}")
    title = factory.Sequence(lambda n: f"Primary care competencies {n}")
    version = "1.0"
    creator = "Praxis Academy"
    licence = "CC BY 4.0"


class CompetencyItemFactory(factory.django.DjangoModelFactory[CompetencyItem]):
    class Meta:
        model = CompetencyItem

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    kind = CompetencyItem.Kind.COMPETENCY
    statement = factory.Sequence(lambda n: f"Carries out hand hygiene at the right moments ({n})")
    position = factory.Sequence(lambda n: n)


class TargetProfileFactory(factory.django.DjangoModelFactory[TargetProfile]):
    class Meta:
        model = TargetProfile

    slug = factory.Sequence(lambda n: f"target-{n}")
    names = factory.LazyAttribute(lambda o: {"en": f"Community health worker ({o.slug})"})
    framework = factory.SubFactory(FrameworkFactory)


class TargetRequirementFactory(factory.django.DjangoModelFactory[TargetRequirement]):
    class Meta:
        model = TargetRequirement

    profile = factory.SubFactory(TargetProfileFactory)
    item = factory.SubFactory(CompetencyItemFactory)
    level = 3


class EvidenceFactory(factory.django.DjangoModelFactory[Evidence]):
    class Meta:
        model = Evidence

    learner = factory.SubFactory("praxis.accounts.tests.factories.UserFactory")
    item = factory.SubFactory(CompetencyItemFactory)
    source = Evidence.Source.SELF
    reference = "self"
    title = "Self-assessment"
    level = 2
    observed_at = factory.LazyFunction(timezone.now)
