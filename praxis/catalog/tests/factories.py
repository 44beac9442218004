"""Factories for courses, their content, and enrolments."""

import io
import uuid
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from praxis.catalog import images
from praxis.catalog.models import (
    Course,
    Enrolment,
    Lesson,
    LessonFile,
    Module,
    Topic,
    TranslationGroup,
)
from praxis.catalog.services import set_course_image
from praxis.catalog.versions import CourseContent, LessonContent, ModuleContent, publish_version

# The first bytes of an MP4 file: enough for the player's page, never played in tests.
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64


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


def course_with_media(title: str = "Hand hygiene") -> tuple[Course, Lesson]:
    """A published course with an image, and its lesson with a picture in its text and a
    video kept here (with its size): everything the data saver holds back."""
    picture = io.BytesIO()
    Image.new("RGB", (640, 320), (20, 90, 120)).save(picture, "PNG")
    video = default_storage.save("lesson-recordings/saver.mp4", ContentFile(MP4))
    lesson_picture = images.store(
        ContentFile(picture.getvalue(), name="dispenser.png"),
        "A handrub dispenser",
        folder=images.LESSON_FOLDER,
    )
    lesson = LessonContent(
        key=uuid.uuid4(),
        title="Washing hands",
        body=f"Clean hands save lives.\n\n{images.lesson_image_markdown(lesson_picture)}\n",
        recordings={"video": {"file": video, "type": "video/mp4", "size": len(MP4)}},
        captions=[],
    )
    content = CourseContent(
        title=title,
        summary="Clean hands save lives.",
        language="en",
        modules=[ModuleContent(title="Basics", lessons=[lesson])],
    )
    course = publish_version(None, content).course
    course = set_course_image(
        course, ContentFile(picture.getvalue(), name="course.png"), "Hands under a tap"
    )
    return course, Lesson.objects.get(module__course=course)
