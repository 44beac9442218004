"""Factories for drafts and the people who write and review them."""

import factory

from praxis.accounts.models import User
from praxis.authoring.models import Draft, DraftLesson, DraftModule
from praxis.organisations.models import Organisation, Role
from praxis.organisations.tests.factories import MembershipFactory, OrganisationFactory


def _organisations(
    draft: Draft, create: bool, extracted: list[Organisation] | None, **kwargs: object
) -> None:
    if create:
        draft.organisations.set(extracted or [OrganisationFactory.create()])


class DraftFactory(factory.django.DjangoModelFactory[Draft]):
    class Meta:
        model = Draft
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Mental health in primary care, part {n}")
    summary = "Recognising and supporting common mental health conditions."
    language = "en"

    organisations = factory.PostGeneration(_organisations)


class DraftModuleFactory(factory.django.DjangoModelFactory[DraftModule]):
    class Meta:
        model = DraftModule

    draft = factory.SubFactory(DraftFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    position = factory.Sequence(lambda n: n)


class DraftLessonFactory(factory.django.DjangoModelFactory[DraftLesson]):
    class Meta:
        model = DraftLesson

    module = factory.SubFactory(DraftModuleFactory)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "Ask about **mood**, sleep and appetite."
    position = factory.Sequence(lambda n: n)


def member(organisation: Organisation, role: str = Role.AUTHOR, **user_fields: object) -> User:
    """A person with `role` in `organisation`."""
    return MembershipFactory.create(organisation=organisation, role=role, **user_fields).user
