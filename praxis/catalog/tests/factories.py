"""Factories for courses, their content, and enrolments."""

from decimal import Decimal

import factory
from django.utils import timezone

from praxis.catalog.models import (
    Course,
    Enrolment,
    Lesson,
    LessonFile,
    Module,
    Topic,
    TranslationGroup,
)


class TopicFactory(factory.django.DjangoModelFactory[Topic]):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")
    names = factory.LazyAttribute(lambda o: {"en": o.slug.replace("-", " ").title()})


class TranslationGroupFactory(factory.django.DjangoModelFactory[TranslationGroup]):
    class Meta:
        model = TranslationGroup

    key = factory.Sequence(lambda n: f"group-{n}")


class CourseFactory(factory.django.DjangoModelFactory[Course]):
    """A published course; pass `status=Course.Status.DRAFT` for a draft."""

    class Meta:
        model = Course

    slug = factory.Sequence(lambda n: f"course-{n}")
    title = factory.Sequence(lambda n: f"Infection prevention and control, part {n}")
    summary = "Practical steps to stop infections spreading in health facilities."
    objectives = factory.LazyFunction(lambda: ["Describe the five moments for hand hygiene"])
    language = "en"
    estimated_hours = Decimal("2.0")
    cpd_credits = Decimal("2.00")
    status = Course.Status.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class ModuleFactory(factory.django.DjangoModelFactory[Module]):
    class Meta:
        model = Module

    course = factory.SubFactory(CourseFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Module {n}")


class LessonFactory(factory.django.DjangoModelFactory[Lesson]):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    position = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "Clean your hands **before** touching a patient."
    body_html = "<p>Clean your hands <strong>before</strong> touching a patient.</p>"


def course_with_lessons(
    modules: int = 2, lessons_per_module: int = 2, **course_fields: object
) -> Course:
    """A course with `modules` modules of `lessons_per_module` lessons each."""
    course = CourseFactory.create(**course_fields)
    for m in range(modules):
        module = ModuleFactory.create(course=course, position=m, title=f"Module {m + 1}")
        for n in range(lessons_per_module):
            LessonFactory.create(module=module, position=n, title=f"Lesson {m + 1}.{n + 1}")
    return course


class EnrolmentFactory(factory.django.DjangoModelFactory[Enrolment]):
    class Meta:
        model = Enrolment

    learner = factory.SubFactory("praxis.accounts.tests.factories.UserFactory")
    course = factory.SubFactory(CourseFactory)


class LessonFileFactory(factory.django.DjangoModelFactory[LessonFile]):
    class Meta:
        model = LessonFile

    lesson = factory.SubFactory(LessonFactory)
    title = "Hand hygiene poster"
    file = factory.django.FileField(filename="poster.pdf", data=b"%PDF-1.4 poster")
    size = 15
