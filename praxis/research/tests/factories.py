"""Factories for research: consent texts and records, projects, experiments."""

import datetime

import factory
from django.contrib.auth.models import Permission
from django.utils import timezone

from praxis.accounts.models import User
from praxis.accounts.tests.factories import UserFactory
from praxis.research.models import (
    ConsentRecord,
    ConsentText,
    Experiment,
    ExportColumn,
    Project,
    Variant,
)


class ConsentTextFactory(factory.django.DjangoModelFactory[ConsentText]):
    class Meta:
        model = ConsentText
        django_get_or_create = ["version", "language"]

    version = 1
    language = "en"
    title = "Taking part in research"
    body = "Your learning record may be used, pseudonymised, for approved research."


def consenting(learner: User | None = None, **fields: object) -> User:
    """A learner (made if not given) who granted consent to version 1."""
    ConsentTextFactory.create()
    learner = learner or UserFactory.create(**fields)
    ConsentRecord.objects.create(learner=learner, granted=True, version=1, language="en")
    return learner


def research_officer(**fields: object) -> User:
    officer = UserFactory.create(**fields)
    officer.user_permissions.add(
        Permission.objects.get(codename="decide_access", content_type__app_label="research")
    )
    return type(officer).objects.get(pk=officer.pk)  # drop the cached permissions


class ProjectFactory(factory.django.DjangoModelFactory[Project]):
    """A submitted project; pass status=Project.Status.APPROVED for an approved one."""

    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Completion of IPC courses, study {n}")
    aims = "Find which lesson designs help nurses finish infection-control courses."
    principal_investigator = factory.SubFactory(UserFactory)
    ethics_reference = "ERC-2026-001"
    columns = factory.LazyFunction(lambda: list(ExportColumn.values))
    ethics_expires_on = factory.LazyFunction(
        lambda: timezone.now().date() + datetime.timedelta(days=365)
    )


class ExperimentFactory(factory.django.DjangoModelFactory[Experiment]):
    class Meta:
        model = Experiment

    title = "Video or text first"
    lesson = factory.SubFactory("praxis.catalog.tests.factories.LessonFactory")
    course = factory.LazyAttribute(lambda o: o.lesson.module.course)


class VariantFactory(factory.django.DjangoModelFactory[Variant]):
    class Meta:
        model = Variant

    experiment = factory.SubFactory(ExperimentFactory)
    name = factory.Sequence(lambda n: f"Variant {n}")
    lesson = factory.LazyAttribute(lambda o: o.experiment.lesson)
    position = factory.Sequence(lambda n: n)
