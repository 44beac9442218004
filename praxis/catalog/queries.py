"""Reading a course, a lesson and a learner's own learning, without N+1 (the catalogue that
lists courses: praxis.catalog.listing)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils.translation import gettext_lazy as _

from praxis.catalog import hooks as catalog_hooks
from praxis.catalog.about import CourseAbout, course_about
from praxis.catalog.cache import cached_course_value
from praxis.catalog.cache import visitors_course as kept_visitors_course
from praxis.catalog.models import (
    Course,
    Enrolment,
    Lesson,
    LessonFile,
    LessonProgress,
    Module,
    Topic,
)
from praxis.catalog.outline import course_lessons, lesson_files, with_versions
from praxis.catalog.permissions import see_progress, view_course
from praxis.catalog.requirements import Requirement, outstanding
from praxis.core.errors import ErrorCode, NotFound
from praxis.core.people import Person, Visitor, signed_in
from praxis.core.permissions import require
from praxis.core.rows import the_row
from praxis.credentials.models import Credential
from praxis.credentials.queries import course_certificates
from praxis.lti.models import ResourceLink
from praxis.organisations.models import Organisation

# One course


def visible_course(user: Visitor, slug: str) -> Course:
    """The course with `slug` if `user` may see it; NotFound otherwise (drafts stay hidden).
    A course every visitor may see is found without a query while no course page changes; a
    draft is read for those who may see it."""
    kept = visitors_course(slug)
    if kept is not None:
        return kept
    course = the_row(Course.objects.select_related("translation_group").filter(slug=slug))
    if course is None or not view_course.allows(user, course):
        raise NotFound()
    return course


def visitors_course(slug: str) -> Course | None:
    """The course with `slug` if a visitor without a session may see it (with its translation
    group), kept until any course's page changes."""
    return kept_visitors_course(
        slug,
        lambda: the_row(
            view_course.filter(
                AnonymousUser(),
                Course.objects.select_related("translation_group").filter(slug=slug),
            )
        ),
    )


@dataclass(frozen=True)
class ModuleOutline:
    module: Module
    lessons: list[Lesson]


@dataclass(frozen=True)
class CourseProgress:
    """A learner's progress through a course's active lessons."""

    lessons: list[Lesson]  # the course's active lessons, in order
    completed_ids: frozenset[int] = field(default_factory=frozenset)
    resume: Lesson | None = None  # the first active lesson not yet completed
    completed_at: dict[int, datetime] = field(default_factory=dict)  # lesson id → when done
    # Every lesson done but the enrolment not complete: what else is needed (a required quiz).
    still_required: list[Requirement] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def completed(self) -> int:
        return len(self.completed_ids)

    @property
    def percent(self) -> int:
        return 100 * self.completed // self.total if self.total else 0


@dataclass(frozen=True)
class CourseDetail:
    course: Course
    modules: list[ModuleOutline]
    topics: list[Topic]
    organisations: list[Organisation]
    also_available_in: list[Course]
    enrolment: Enrolment | None
    progress: CourseProgress | None
    certificate: Credential | None = None  # the viewer's certificate for the course, if any


def _progress(
    learner: Person, lessons_by_course: dict[int, list[Lesson]]
) -> dict[int, CourseProgress]:
    lesson_ids = [lesson.pk for lessons in lessons_by_course.values() for lesson in lessons]
    completed_at = {
        lesson_id: moment
        for lesson_id, moment in LessonProgress.objects.filter(
            learner=learner, lesson_id__in=lesson_ids, completed_at__isnull=False
        ).values_list("lesson_id", "completed_at")
        if moment is not None
    }
    return {
        course_id: _course_progress(lessons, completed_at)
        for course_id, lessons in lessons_by_course.items()
    }


def _course_progress(lessons: list[Lesson], completed_at: dict[int, datetime]) -> CourseProgress:
    """Progress through `lessons` (in order), given when each lesson done was completed."""
    completed = [lesson for lesson in lessons if lesson.pk in completed_at]
    return CourseProgress(
        lessons=lessons,
        completed_ids=frozenset(lesson.pk for lesson in completed),
        resume=next((lesson for lesson in lessons if lesson.pk not in completed_at), None),
        completed_at={lesson.pk: completed_at[lesson.pk] for lesson in completed},
    )


def lessons_opened(learner: Person, course: Course) -> dict[int, LessonProgress]:
    """`learner`'s progress in each active lesson of `course` they have opened, done or not,
    by lesson id: one query that tells a lesson's page both whether its lesson was opened
    before (`services.open_lesson`) and the learner's progress (`lesson_page`)."""
    lesson_ids = [lesson.pk for lesson in course_lessons(course.pk)]
    return {
        progress.lesson_id: progress
        for progress in LessonProgress.objects.filter(learner=learner, lesson_id__in=lesson_ids)
    }


def _held_back(
    learner: Person, enrolment: Enrolment | None, progress: CourseProgress
) -> CourseProgress:
    """`progress` with what still keeps an active enrolment whose lessons are all done from
    completing (asked only then: a course still being followed has its next lesson to show)."""
    if (
        enrolment is None
        or enrolment.status != Enrolment.Status.ACTIVE
        or not progress.total
        or progress.resume is not None
    ):
        return progress
    return replace(progress, still_required=outstanding(learner, enrolment.course))


# An enrolment in progress or completed: every status but withdrawn.
CURRENT_STATUSES = tuple(
    status for status in Enrolment.Status.values if status != Enrolment.Status.WITHDRAWN
)


def current_enrolment(user: Visitor, course: Course) -> Enrolment | None:
    """`user`'s enrolment in `course` that is in progress or completed, with its versions
    (`with_versions`) and its course; None for a visitor or without one. One query once the
    course's versions are kept."""
    if not signed_in(user):
        return None
    # At most one (catalog_one_current_enrolment). Named by the statuses that are current rather
    # than by the one that is not: cheaper to build than a query that excludes.
    enrolment = the_row(
        Enrolment.objects.filter(learner=user, course=course, status__in=CURRENT_STATUSES)
    )
    if enrolment is not None:
        enrolment.course = course
        with_versions([enrolment])
    return enrolment


def course_detail(user: Visitor, course: Course, *, about: bool = True) -> CourseDetail:
    """A course with its syllabus (active lessons), and the user's enrolment and progress;
    without `about`, its topics, organisations and translations are left unread (empty): the
    course page keeps that section rendered once (`course_about`)."""
    lessons = {course.pk: course_lessons(course.pk)}
    modules: dict[int, ModuleOutline] = {}
    for lesson in lessons[course.pk]:
        modules.setdefault(lesson.module_id, ModuleOutline(lesson.module, [])).lessons.append(
            lesson
        )
    described = course_about(course) if about else CourseAbout([], [], [])
    enrolment = current_enrolment(user, course)
    progress = None
    if enrolment is not None and signed_in(user):
        progress = _held_back(user, enrolment, _progress(user, lessons)[course.pk])
    certificate = None
    completed = enrolment is not None and enrolment.status == Enrolment.Status.COMPLETED
    if completed and signed_in(user):
        certificate = course_certificates(user, [course.uuid]).get(str(course.uuid))
    return CourseDetail(
        course=course,
        modules=list(modules.values()),
        topics=described.topics,
        organisations=described.organisations,
        also_available_in=described.also_available_in,
        enrolment=enrolment,
        progress=progress,
        certificate=certificate,
    )


def course_progress(
    viewer: Person, learner: Person, course: Course
) -> tuple[Enrolment, CourseProgress]:
    """`learner`'s current enrolment in `course` and their progress; only they may ask."""
    require(see_progress, viewer, learner)
    enrolment = the_row(
        Enrolment.objects.filter(learner=learner, course=course).exclude(
            status=Enrolment.Status.WITHDRAWN
        )
    )
    if enrolment is None:
        raise NotFound(ErrorCode.NOT_ENROLLED, _("You are not enrolled in this course."))
    enrolment.course = course
    with_versions([enrolment])
    progress = _progress(learner, {course.pk: course_lessons(course.pk)})[course.pk]
    return enrolment, _held_back(learner, enrolment, progress)


# One lesson


@dataclass(frozen=True)
class LessonPage:
    course: Course
    lesson: Lesson
    files: list[LessonFile]
    position: int
    total: int
    previous: Lesson | None
    next: Lesson | None
    progress: CourseProgress | None
    completed: bool


def find_lesson(course: Course, lesson_uuid: Any) -> Lesson:
    """An active lesson of `course`, or NotFound (also for a lesson of another course). Read at
    most once per version of the course and worker (each caller gets its own copy); its external
    tool, when it opens one, is read afresh."""

    def read() -> Lesson:
        lesson = the_row(Lesson.objects.select_related("module").filter(uuid=lesson_uuid))
        if lesson is None or lesson.archived:
            raise NotFound()
        if lesson.module.course_id != course.pk:
            raise NotFound(
                ErrorCode.LESSON_NOT_IN_COURSE, _("This lesson is not part of this course.")
            )
        return lesson

    # Only lessons found are kept (an unknown address stores nothing).
    lesson = cached_course_value(course.pk, ["lesson", str(lesson_uuid)], read)
    if lesson.tool_link_id is not None:
        lesson.tool_link = ResourceLink.objects.select_related("tool").get(pk=lesson.tool_link_id)
    lesson.module.course = course
    return lesson


_UNREAD: Any = object()


def lesson_page(
    learner: Person,
    course: Course,
    lesson: Lesson,
    enrolment: Enrolment | None = _UNREAD,
    opened: dict[int, LessonProgress] | None = None,
) -> LessonPage:
    """A lesson with its files, its neighbours in the course and the learner's progress.
    `enrolment`: the learner's current one in the course (`current_enrolment`), and `opened`:
    their progress in its lessons (`lessons_opened`), when the caller has read them already
    (None: read here)."""
    ordered = course_lessons(course.pk)
    index = next(i for i, item in enumerate(ordered) if item.pk == lesson.pk)
    progress = None
    if signed_in(learner):
        if opened is None:
            progress = _progress(learner, {course.pk: ordered})[course.pk]
        else:
            completed_at = {
                lesson_id: row.completed_at
                for lesson_id, row in opened.items()
                if row.completed_at is not None
            }
            progress = _course_progress(ordered, completed_at)
        if progress.resume is None:
            if enrolment is _UNREAD:
                enrolment = current_enrolment(learner, course)
            progress = _held_back(learner, enrolment, progress)
    return LessonPage(
        course=course,
        lesson=lesson,
        files=lesson_files(course.pk, lesson.pk),
        position=index + 1,
        total=len(ordered),
        previous=ordered[index - 1] if index > 0 else None,
        next=ordered[index + 1] if index + 1 < len(ordered) else None,
        progress=progress,
        completed=progress is not None and lesson.pk in progress.completed_ids,
    )


def lesson_after(learner: Person, course: Course, lesson: Lesson) -> Lesson | None:
    """Where the learner goes once `lesson` is done: the next lesson in the course, else the
    first one they have not completed; None when every lesson is. One query, two at the end."""
    ordered = course_lessons(course.pk)
    index = next((i for i, item in enumerate(ordered) if item.pk == lesson.pk), len(ordered))
    if index + 1 < len(ordered):
        return ordered[index + 1]
    return _progress(learner, {course.pk: ordered})[course.pk].resume


# A learner's own learning


@dataclass(frozen=True)
class LearningEntry:
    enrolment: Enrolment
    progress: CourseProgress
    certificate: Credential | None = None  # the course's certificate, once earned


@dataclass(frozen=True)
class MyLearning:
    in_progress: list[LearningEntry]
    completed: list[LearningEntry]
    earlier: list[LearningEntry]


def my_learning(user: Person) -> MyLearning:
    """The user's enrolments: in progress (with percent and where to resume, or what is still
    required once every lesson is done), completed (with the certificate earned), and earlier
    ones they withdrew from. Two queries whatever the number of courses (a third for the
    certificates when some are completed), once each course's row, lessons and versions are
    kept for its pages, and those of the requirements of each course held back at 100 %."""
    # The learner's own rows alone, read afresh: each course's row comes with its lessons as
    # kept (`_learning_courses`), and the order is made here, which cost as much to compile as
    # the rest of the query.
    enrolments = sorted(
        see_progress.filter(user, Enrolment.objects.order_by()),
        key=lambda e: (
            e.last_activity_at is not None,
            e.last_activity_at or e.created_at,
            e.created_at,
        ),
        reverse=True,
    )
    courses = _learning_courses({e.course_id for e in enrolments})
    for enrolment in enrolments:
        enrolment.course = courses[enrolment.course_id][0]
    with_versions(enrolments)
    progress = _progress(user, {course_id: kept[1] for course_id, kept in courses.items()})
    certificates = course_certificates(
        user, [e.course.uuid for e in enrolments if e.status == Enrolment.Status.COMPLETED]
    )
    sections: dict[str, list[LearningEntry]] = {status: [] for status in Enrolment.Status.values}
    for enrolment in enrolments:
        entry = _held_back(user, enrolment, progress[enrolment.course_id])
        sections[enrolment.status].append(
            LearningEntry(enrolment, entry, certificates.get(str(enrolment.course.uuid)))
        )
    return MyLearning(
        in_progress=sections[Enrolment.Status.ACTIVE],
        completed=sections[Enrolment.Status.COMPLETED],
        earlier=sections[Enrolment.Status.WITHDRAWN],
    )


def _learning_courses(course_ids: set[int]) -> dict[int, tuple[Course, list[Lesson]]]:
    """Each course's whole row (whatever its status) with its active lessons in order
    (`course_lessons`, kept for its pages too), kept together per version of the course: one
    read each. The rows of courses not kept are read in one query. Nothing of a learner's own
    is kept."""
    rows: dict[int, Course] = {}

    def kept(course_id: int) -> tuple[Course, list[Lesson]]:
        def make() -> tuple[Course, list[Lesson]]:
            if not rows:
                rows.update(Course.objects.order_by().in_bulk(course_ids))
            return rows[course_id], course_lessons(course_id)

        return cached_course_value(course_id, ["learning"], make)

    return {course_id: kept(course_id) for course_id in course_ids}


def lesson_shown_to(learner: Person, lesson: Lesson) -> Lesson:
    """The lesson whose content `learner` sees in place of `lesson` (usually `lesson` itself)."""
    return next(
        (
            shown
            for shown in catalog_hooks.lesson_for.ask(learner=learner, lesson=lesson)
            if shown is not None
        ),
        lesson,
    )


def course_links(user: Visitor, course: Course) -> list[tuple[Any, str]]:
    """The links other parts of the site offer on a course's page, for `user`."""
    return [link for link in catalog_hooks.course_links.ask(user=user, course=course) if link]


def lesson_links(user: Visitor, course: Course, lesson: Lesson) -> list[tuple[Any, str]]:
    """The links other parts of the site offer on a lesson's page, for `user`."""
    return [
        link
        for link in catalog_hooks.lesson_links.ask(user=user, course=course, lesson=lesson)
        if link
    ]
