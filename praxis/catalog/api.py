"""The catalogue, enrolment and progress API: parse, call a query or service, shape the answer."""

from __future__ import annotations

from urllib.parse import urlencode
from uuid import UUID

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status

from praxis.accounts.auth import SignedInRequest, api_auth
from praxis.catalog import listing, media_views, queries, services, updates
from praxis.catalog.cache import cached_text
from praxis.catalog.models import Course, Lesson
from praxis.catalog.permissions import view_course
from praxis.catalog.schemas import (
    CaptionTrackOut,
    ChangeOut,
    CompletionOut,
    CourseDetailOut,
    CourseFilters,
    CoursePageOut,
    EnrolmentOut,
    LearningEntryOut,
    LessonMediaOut,
    MyLearningOut,
    ProgressOut,
    RecordingOut,
    SeenIn,
    UpdatesOut,
)
from praxis.core.api import built, json_answer, json_text
from praxis.core.errors import ErrorCode, NotFound, PermissionDenied
from praxis.core.languages import readers_of
from praxis.core.people import Person
from praxis.core.permissions import is_staff
from praxis.core.schemas import errors

router = Router(tags=["courses"])


@router.get("/courses", response={200: CoursePageOut, **errors(400)}, auth=None)
def list_courses(request: HttpRequest, filters: Query[CourseFilters]) -> HttpResponse:
    """Published courses: search, filters, the visitor's language first."""
    # Every visitor asking the same in the same language gets the same page: it is made once
    # per catalogue version (catalog/cache.py), like the HTML catalogue.
    language = get_language() or "en"
    readers = readers_of(request.user, language)

    def render() -> str:
        page = listing.catalogue(
            readers,
            q=filters.q,
            language=filters.language or "",
            topic=filters.topic,
            level=filters.level or "",
            organisation=filters.organisation,
            duration=filters.duration or "",
            page=filters.page,
            size=filters.size,
        )
        return json_text(request, CoursePageOut.of(page).model_dump())

    query = urlencode(sorted(filters.model_dump().items()))
    content = cached_text("api-courses", ",".join([language, *readers]), query, render)
    return json_answer(content, kept=True)


@router.get("/courses/{slug}", response={200: CourseDetailOut, **errors(404)}, auth=None)
def get_course(request: HttpRequest, slug: str) -> CourseDetailOut:
    """One course with its syllabus; drafts only for staff."""
    course = queries.visible_course(request.user, slug)
    return CourseDetailOut.of_detail(queries.course_detail(request.user, course))


@router.post(
    "/courses/{slug}/enrolment",
    response={201: EnrolmentOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def enrol(request: SignedInRequest, slug: str) -> Status[EnrolmentOut]:
    """Enrol the signed-in learner in a published course."""
    course = queries.visible_course(request.user, slug)
    return Status(201, EnrolmentOut.of(services.enrol(request.user, course)))


@router.delete(
    "/courses/{slug}/enrolment",
    response={200: EnrolmentOut, **errors(401, 403, 404, 409)},
    auth=api_auth,
)
def withdraw(request: SignedInRequest, slug: str) -> EnrolmentOut:
    """Withdraw from a course in progress; the history and lesson progress are kept."""
    course = queries.visible_course(request.user, slug)
    return EnrolmentOut.of(services.withdraw(request.user, course))


@router.get(
    "/courses/{slug}/progress", response={200: ProgressOut, **errors(401, 404)}, auth=api_auth
)
def progress(request: SignedInRequest, slug: str) -> ProgressOut:
    """The signed-in learner's own progress through a course."""
    course = queries.visible_course(request.user, slug)
    enrolment, course_progress = queries.course_progress(request.user, request.user, course)
    return ProgressOut.of(enrolment, course_progress)


@router.post(
    "/lessons/{uuid}/completion",
    response={200: CompletionOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def complete_lesson(request: SignedInRequest, uuid: UUID) -> CompletionOut:
    """Mark a lesson complete for the signed-in learner (again: no change)."""
    lesson = Lesson.objects.select_related("module__course").filter(uuid=uuid).first()
    if lesson is None or not view_course.allows(request.user, lesson.module.course):
        raise NotFound()
    lesson_progress = services.complete_lesson(request.user, lesson)
    enrolment, course_progress = queries.course_progress(
        request.user, request.user, lesson.module.course
    )
    return CompletionOut.of(lesson_progress, enrolment, course_progress)


@router.get("/me/learning", response={200: MyLearningOut, **errors(401)}, auth=api_auth)
def my_learning(request: SignedInRequest) -> HttpResponse:
    """The signed-in learner's courses: in progress, completed and withdrawn from."""
    learning = queries.my_learning(request.user)
    answer = MyLearningOut(
        in_progress=[LearningEntryOut.of(entry) for entry in learning.in_progress],
        completed=[LearningEntryOut.of(entry) for entry in learning.completed],
        earlier=[LearningEntryOut.of(entry) for entry in learning.earlier],
    )
    return built(request, answer)


def _updates(learner: Person, course: Course) -> UpdatesOut:
    found = updates.learner_course_updates(learner, course.pk, None)
    enrolment = services.current_enrolment(learner, course)
    seen = enrolment.seen_version if enrolment is not None else None
    return UpdatesOut(
        newest_version=found.newest.number if found.newest else None,
        seen_version=seen.number if seen is not None else None,
        changes=[ChangeOut.from_orm(c) for c in found.changes],
        more_changes=found.more_changes,
    )


@router.get(
    "/courses/{slug}/updates",
    response={200: UpdatesOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def course_updates(request: SignedInRequest, slug: str) -> UpdatesOut:
    """What changed in the course since the signed-in learner enrolled or last said they saw
    the changes; 403 not_enrolled for a learner not enrolled."""
    course = queries.visible_course(request.user, slug)
    services.require_enrolment(request.user, course)
    return _updates(request.user, course)


@router.post(
    "/courses/{slug}/updates/seen",
    response={200: UpdatesOut, **errors(400, 401, 403, 404)},
    auth=api_auth,
)
def updates_seen(request: SignedInRequest, slug: str, payload: SeenIn) -> UpdatesOut:
    """The learner saw the changes up to `version` ("Got it"); sending it twice, or an older
    version, changes nothing."""
    course = queries.visible_course(request.user, slug)
    services.mark_updates_seen(request.user, course, payload.version)
    return _updates(request.user, course)


@router.get(
    "/courses/{slug}/lessons/{lesson}/media",
    response={200: LessonMediaOut, **errors(401, 403, 404)},
    auth=api_auth,
)
def get_lesson_media(request: SignedInRequest, slug: str, lesson: UUID) -> LessonMediaOut:
    """A lesson's recordings (played from Praxis, or links elsewhere) and its caption tracks
    with their transcripts, for the course's learners."""
    course = queries.visible_course(request.user, slug)
    item = queries.find_lesson(course, lesson)
    if not is_staff(request.user) and services.current_enrolment(request.user, course) is None:
        raise PermissionDenied(
            ErrorCode.NOT_ENROLLED, _("Enrol in this course to watch its recordings.")
        )
    content = queries.lesson_shown_to(request.user, item)
    player = media_views.lesson_player(course, item, content, "")
    if player is None:
        return LessonMediaOut(recordings=[], captions=[])
    return LessonMediaOut(
        recordings=[
            RecordingOut(
                kind=choice.kind,
                label=choice.label,
                url=choice.url
                if choice.elsewhere
                else reverse("catalog:lesson_recording", args=[slug, item.uuid, choice.kind]),
                elsewhere=choice.elsewhere,
            )
            for choice in player.choices
        ],
        captions=[
            CaptionTrackOut(
                language=track["language"],
                name=track["name"],
                url=track["url"],
                transcript=next(
                    t["text"] for t in player.transcripts if t["language"] == track["language"]
                ),
            )
            for track in player.tracks
        ],
    )
