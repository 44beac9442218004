"""The discussion of a lesson: one thread per lesson in its course's space, opened by the first
post about it; every later post is a reply there."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.catalog.models import Lesson
from praxis.community.models import Community, Thread
from praxis.community.services import membership as memberships
from praxis.community.services import posting
from praxis.core.errors import Conflict, ErrorCode, PermissionDenied
from praxis.core.people import Person


def lesson_thread(lesson: Lesson) -> Thread | None:
    """The thread discussing `lesson`, if anyone has posted about it."""
    return (
        Thread.objects.filter(lesson=lesson, community__course_id=lesson.module.course_id)
        .select_related("community")
        .first()
    )


@transaction.atomic
def post_about_lesson(user: Person, lesson: Lesson, body: str) -> Thread:
    """Post `body` in the lesson's discussion, opening its thread in the course's space if it
    has none yet. For the course's enrolled learners (who become members of the space)."""
    course = lesson.module.course
    community, membership = memberships.open_course_space(user, course)
    if membership is None:
        raise PermissionDenied(
            ErrorCode.NOT_ENROLLED, _("Enrol in this course to take part in its discussions.")
        )
    # First posts about one lesson take turns, so that the lesson has one thread.
    Community.objects.select_for_update().filter(pk=community.pk).values_list("pk").first()
    thread = Thread.objects.filter(community=community, lesson=lesson).first()
    if thread is None:
        thread = posting.start_thread(
            user, community, title=lesson.title[:200], body=body, language=course.language
        )
        Thread.objects.filter(pk=thread.pk).update(lesson=lesson)
        thread.lesson = lesson
        return thread
    if not thread.is_visible:
        raise Conflict(
            ErrorCode.THREAD_LOCKED,
            _("The discussion of this lesson is waiting for a moderator. Try again later."),
        )
    posting.reply(user, thread, body)
    return thread
