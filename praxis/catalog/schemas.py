"""Pydantic shapes of the catalogue API, built from the read models in queries.py.

The shapes of lists are built with `model_construct`: their values come typed from the database
and our own code, so validating each of hundreds of nested objects again (Ninja's schemas read
every field through a getter) only cost time. Ninja does not validate again an instance of the
response schema; it dumps it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from django.urls import reverse
from ninja import Field, Schema

from praxis.catalog import images
from praxis.catalog.listing import CatalogueEntry, CataloguePage
from praxis.catalog.models import Course, Enrolment, Lesson, LessonProgress
from praxis.catalog.queries import CourseDetail, CourseProgress, LearningEntry
from praxis.core.languages import canonical_tag, direction_of, language_name
from praxis.core.pagination import MAX_PAGE_SIZE
from praxis.core.schemas import LanguageTag, LanguageTagFilter, choices_of
from praxis.credentials.documents import credential_url
from praxis.organisations.models import Organisation

DurationBand = Literal["short", "medium", "long"]
Level = Annotated[Course.Level, choices_of(Course.Level)]
CourseStatus = Annotated[Course.Status, choices_of(Course.Status)]
EnrolmentStatus = Annotated[Enrolment.Status, choices_of(Enrolment.Status)]


class CourseFilters(Schema):
    q: str = Field("", description="Words to search for in titles, summaries, objectives, topics")
    language: LanguageTagFilter | None = None
    topic: str = Field("", description="A topic slug")
    level: Level | None = None
    organisation: str = Field("", description="A co-creating organisation's slug")
    duration: DurationBand | None = Field(
        None, description="short: up to 2 hours; medium: 2 to 10; long: more than 10"
    )
    page: int = Field(1, ge=1)
    size: int = Field(20, ge=1, le=MAX_PAGE_SIZE)


class LanguageOut(Schema):
    code: LanguageTag
    name: str = Field(description="The language's name in the caller's language")
    direction: Literal["ltr", "rtl"] = Field(description="The direction its text is written in")

    # Built from a bare code: name and direction are looked up; model_construct for the list.
    @staticmethod
    def of(code: str) -> LanguageOut:
        return LanguageOut.model_construct(
            code=canonical_tag(code), name=language_name(code), direction=direction_of(code)
        )


class TopicOut(Schema):
    slug: str
    name: str


class OrganisationOut(Schema):
    slug: str
    name: str

    # Built with model_construct: the course list builds one per organisation of each course.
    @staticmethod
    def of(organisation: Organisation) -> OrganisationOut:
        return OrganisationOut.model_construct(slug=organisation.slug, name=organisation.name)


class CourseRefOut(Schema):
    slug: str
    title: str
    language: LanguageOut
    url: str

    # Built with model_construct: the URL is reversed, and the course list builds many.
    @staticmethod
    def of(course: Course) -> CourseRefOut:
        return CourseRefOut.model_construct(
            slug=course.slug,
            title=course.title,
            language=LanguageOut.of(course.language),
            url=reverse("catalog:course", args=[course.slug]),
        )


class CourseImageOut(Schema):
    alt: str
    width: int
    height: int
    webp_srcset: str
    jpeg_srcset: str
    src: str = Field(description="The smallest JPEG, for clients without srcset")

    # Built from the picture derived from the stored image, or none; model_construct for the list.
    @staticmethod
    def of(course: Course) -> CourseImageOut | None:
        picture = images.course_picture(course.slug, course.image)
        if picture is None:
            return None
        return CourseImageOut.model_construct(**picture.__dict__)


class CourseSummaryOut(CourseRefOut):
    uuid: UUID
    summary: str
    level: Level
    estimated_hours: float
    cpd_credits: float
    organisations: list[OrganisationOut]
    also_available_in: list[CourseRefOut]
    image: CourseImageOut | None = None

    # Built with model_construct: the course list builds one per course (see the module's doc).
    @staticmethod
    def of_entry(entry: CatalogueEntry) -> CourseSummaryOut:
        course = entry.course
        return CourseSummaryOut.model_construct(
            slug=course.slug,
            title=course.title,
            language=LanguageOut.of(course.language),
            url=reverse("catalog:course", args=[course.slug]),
            uuid=course.uuid,
            summary=course.summary,
            level=Course.Level(course.level),
            estimated_hours=float(course.estimated_hours),
            cpd_credits=float(course.cpd_credits),
            organisations=[OrganisationOut.of(o) for o in course.organisations.all()],
            also_available_in=[CourseRefOut.of(c) for c in entry.also_available_in],
            image=CourseImageOut.of(course),
        )


class CoursePageOut(Schema):
    items: list[CourseSummaryOut]
    page: int
    pages: int
    size: int
    total: int
    left_out: list[str] = Field(
        default_factory=list,
        description="Words of `q` that no course held together with the others, left out to"
        " find these courses (lower-cased); empty when every word is matched",
    )

    # Built with model_construct from a Page, whose number is called page here.
    @staticmethod
    def of(page: CataloguePage) -> CoursePageOut:
        return CoursePageOut.model_construct(
            items=[CourseSummaryOut.of_entry(entry) for entry in page.items],
            page=page.number,
            pages=page.pages,
            size=page.size,
            total=page.total,
            left_out=page.left_out,
        )


class LessonOutlineOut(Schema):
    uuid: UUID
    title: str
    estimated_minutes: int
    has_video: bool

    # Built field by field: has_video is worked out from the video URL and the recordings.
    @staticmethod
    def of(lesson: Lesson) -> LessonOutlineOut:
        return LessonOutlineOut(
            uuid=lesson.uuid,
            title=lesson.title,
            estimated_minutes=lesson.estimated_minutes,
            has_video=bool(lesson.video_url or lesson.recordings),
        )


class ModuleOut(Schema):
    title: str
    lessons: list[LessonOutlineOut]


class CourseDetailOut(CourseSummaryOut):
    status: CourseStatus
    objectives: list[str]
    prerequisites: list[str]
    licence: str
    topics: list[TopicOut]
    modules: list[ModuleOut]

    # Built field by field: the summary's fields plus the detail's topics and modules.
    @staticmethod
    def of_detail(detail: CourseDetail) -> CourseDetailOut:
        course = detail.course
        summary = CourseSummaryOut.of_entry(CatalogueEntry(course, detail.also_available_in))
        return CourseDetailOut(
            **summary.model_dump(),
            status=Course.Status(course.status),
            objectives=[str(item) for item in course.objectives or []],
            prerequisites=[str(item) for item in course.prerequisites or []],
            licence=course.licence,
            topics=[TopicOut.from_orm(t) for t in detail.topics],
            modules=[
                ModuleOut(
                    title=outline.module.title,
                    lessons=[LessonOutlineOut.of(lesson) for lesson in outline.lessons],
                )
                for outline in detail.modules
            ],
        )


class EnrolmentOut(Schema):
    course: str = Field(description="The course's slug")
    registration: UUID = Field(description="The xAPI registration of this enrolment")
    status: EnrolmentStatus
    enrolled_at: datetime
    completed_at: datetime | None
    withdrawn_at: datetime | None
    version: int | None = Field(
        description="The course version enrolled on (none for a course without versions)"
    )
    completed_version: int | None = Field(description="The course version completed, if any")

    # Built field by field: course and versions are read through relations; enrolled_at renamed.
    @staticmethod
    def of(enrolment: Enrolment) -> EnrolmentOut:
        return EnrolmentOut(
            course=enrolment.course.slug,
            registration=enrolment.registration,
            status=Enrolment.Status(enrolment.status),
            enrolled_at=enrolment.created_at,
            completed_at=enrolment.completed_at,
            withdrawn_at=enrolment.withdrawn_at,
            version=enrolment.version.number if enrolment.version else None,
            completed_version=(
                enrolment.completed_version.number if enrolment.completed_version else None
            ),
        )


class LessonProgressOut(Schema):
    uuid: UUID
    title: str
    completed: bool


class RequirementOut(Schema):
    """Something beyond the lessons still needed to complete the course."""

    kind: str = Field(description='What it is: "quiz"')
    title: str
    url: str = Field(description="The page where the learner meets it")

    @staticmethod
    def all_of(progress: CourseProgress) -> list[RequirementOut]:
        return [RequirementOut.from_orm(r) for r in progress.still_required]


STILL_REQUIRED = (
    "Once every lesson is done and the course is not yet complete: what else it needs "
    "(a required quiz not yet passed); empty otherwise"
)


class ProgressOut(Schema):
    enrolment: EnrolmentOut
    percent: int = Field(ge=0, le=100)
    completed_lessons: int
    total_lessons: int
    resume_lesson: UUID | None
    lessons: list[LessonProgressOut]
    still_required: list[RequirementOut] = Field(description=STILL_REQUIRED)

    # Built from two objects: the enrolment and the progress worked out for it.
    @staticmethod
    def of(enrolment: Enrolment, progress: CourseProgress) -> ProgressOut:
        return ProgressOut(
            enrolment=EnrolmentOut.of(enrolment),
            percent=progress.percent,
            completed_lessons=progress.completed,
            total_lessons=progress.total,
            resume_lesson=progress.resume.uuid if progress.resume else None,
            lessons=[
                LessonProgressOut(
                    uuid=lesson.uuid,
                    title=lesson.title,
                    completed=lesson.pk in progress.completed_ids,
                )
                for lesson in progress.lessons
            ],
            still_required=RequirementOut.all_of(progress),
        )


class CompletionOut(Schema):
    lesson: UUID
    completed_at: datetime
    course_percent: int = Field(ge=0, le=100)
    enrolment: EnrolmentOut
    still_required: list[RequirementOut] = Field(description=STILL_REQUIRED)

    # Built from three objects: the lesson's progress, the enrolment and the course's progress.
    @staticmethod
    def of(
        progress: LessonProgress, enrolment: Enrolment, course_progress: CourseProgress
    ) -> CompletionOut:
        assert progress.completed_at is not None  # complete_lesson always sets it
        return CompletionOut(
            lesson=progress.lesson.uuid,
            completed_at=progress.completed_at,
            course_percent=course_progress.percent,
            enrolment=EnrolmentOut.of(enrolment),
            still_required=RequirementOut.all_of(course_progress),
        )


class LearningEntryOut(Schema):
    course: CourseRefOut
    enrolment: EnrolmentOut
    percent: int = Field(ge=0, le=100)
    resume_lesson: UUID | None
    still_required: list[RequirementOut] = Field(description=STILL_REQUIRED)
    certificate: str | None = Field(
        description="The address of the course's certificate once earned; null before"
    )

    # Built field by field: the certificate becomes its address, the resume lesson its UUID.
    @staticmethod
    def of(entry: LearningEntry) -> LearningEntryOut:
        return LearningEntryOut(
            course=CourseRefOut.of(entry.enrolment.course),
            enrolment=EnrolmentOut.of(entry.enrolment),
            percent=entry.progress.percent,
            resume_lesson=entry.progress.resume.uuid if entry.progress.resume else None,
            still_required=RequirementOut.all_of(entry.progress),
            certificate=credential_url(entry.certificate) if entry.certificate else None,
        )


class MyLearningOut(Schema):
    in_progress: list[LearningEntryOut]
    completed: list[LearningEntryOut]
    earlier: list[LearningEntryOut] = Field(description="Enrolments the learner withdrew from")


class ChangeOut(Schema):
    kind: Literal["added", "changed", "removed"]
    item: Literal["lesson", "quiz"]
    key: str = Field(description="The lesson's UUID or the quiz's key")
    title: str


class UpdatesOut(Schema):
    newest_version: int | None = Field(
        description="The newest version the learner has not said they saw; none when up to date"
    )
    seen_version: int | None = Field(description="The newest version the learner said they saw")
    changes: list[ChangeOut] = Field(description="What the unseen versions changed, merged")
    more_changes: int = Field(description="Changes left off the list")


class SeenIn(Schema):
    version: int = Field(description="The version whose changes the learner saw")


class RecordingOut(Schema):
    kind: str = Field(description="video, low (low resolution) or audio (sound only)")
    label: str
    url: str = Field(description="Played from Praxis, or (elsewhere) a link to another site")
    elsewhere: bool


class CaptionTrackOut(Schema):
    language: LanguageTag
    name: str
    url: str = Field(description="The WebVTT file")
    transcript: str


class LessonMediaOut(Schema):
    recordings: list[RecordingOut]
    captions: list[CaptionTrackOut]
