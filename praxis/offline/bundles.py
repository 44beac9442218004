"""A course as a device keeps it for learning without a connection: its lessons, their
captions, files and images, and its quizzes without their answer keys.

Quizzes are marked on the server only, when the device sends the answers back: a device holds
no key (no `correct` flag, no accepted answers, no feedback), and option IDs are replaced by
tokens of the learner's own, so neither the right order nor the right pair can be read from
them. Quizzes that draw questions at random or have a time limit need the connection: the
draw and the deadline are the server's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from praxis.assessments.models import Option, Question, Quiz
from praxis.assessments.queries.attempts import course_quizzes
from praxis.catalog import queries as catalog_queries
from praxis.catalog.models import Course, CourseVersion, Lesson
from praxis.catalog.services import require_enrolment
from praxis.catalog.xapi import course_activity_id, lesson_activity_id
from praxis.core.patterns import client_pattern
from praxis.core.people import Person

IMAGE_SOURCE = client_pattern(r'<img[^>]+src="(/[^"]+)"')


def option_token(learner: Person, quiz: Quiz, option_id: int) -> str:
    """The name an option goes by in `learner`'s offline copy of `quiz`."""
    return salted_hmac(
        "praxis.offline.option", f"{learner.uuid}:{quiz.uuid}:{option_id}"
    ).hexdigest()[:12]


def option_tokens(learner: Person, quiz: Quiz, options: list[Option]) -> dict[str, int]:
    """{token: option ID} of the options of `quiz` in `learner`'s offline copy."""
    return {option_token(learner, quiz, option.id): option.id for option in options}


def quiz_activity_id(quiz: Quiz) -> str:
    """The IRI of `quiz` as an activity, as its statements name it online."""
    return f"{settings.SITE_URL}/xapi/activities/quiz/{quiz.uuid}"


def works_offline(quiz: Quiz) -> bool:
    """Whether `quiz` can be taken without a connection (fixed questions, no time limit)."""
    return quiz.selection == Quiz.Selection.FIXED and not quiz.time_limit_minutes


@dataclass(frozen=True)
class Bundle:
    course: Course
    version: int
    data: dict[str, Any]


def _lesson(course: Course, lesson: Lesson, shown: Lesson) -> dict[str, Any]:
    captions = [
        {
            "language": track["language"],
            "url": reverse(
                "catalog:lesson_captions", args=[course.slug, lesson.uuid, track["language"]]
            ),
            "size": len(track.get("vtt", "").encode()),
        }
        for track in shown.captions
    ]
    files = [
        {
            "title": attachment.title,
            "url": reverse("catalog:lesson_file", args=[course.slug, lesson.uuid, attachment.pk]),
            "size": attachment.size,
        }
        for attachment in shown.files.all()
    ]
    return {
        "uuid": str(lesson.uuid),
        "title": shown.title,
        "module": lesson.module.title,
        "url": reverse("catalog:lesson", args=[course.slug, lesson.uuid]),
        "activity": lesson_activity_id(lesson),
        "html": shown.body_html,
        "video": shown.video_url,
        "transcript": shown.transcript,
        "captions": captions,
        "files": files,
        "images": sorted(set(IMAGE_SOURCE.findall(shown.body_html))),
    }


def _question(learner: Person, quiz: Quiz, question: Question) -> dict[str, Any]:
    options = sorted(
        question.options.all(), key=lambda option: option_token(learner, quiz, option.id)
    )
    # Shown in token order: an order of the learner's own that says nothing of the right one.
    return {
        "uuid": str(question.uuid),
        "kind": question.kind,
        "stem": question.stem,
        "options": [
            {"token": option_token(learner, quiz, option.id), "text": option.text}
            for option in options
        ],
        "matches": [
            {"token": option_token(learner, quiz, option.id), "text": option.match}
            for option in sorted(options, key=lambda option: (option.match.casefold(), option.id))
            if option.match
        ],
    }


def _quiz(learner: Person, quiz: Quiz) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "uuid": str(quiz.uuid),
        "title": quiz.title,
        "url": reverse("assessments:quiz", args=[quiz.uuid]),
        "activity": quiz_activity_id(quiz),
        "offline": works_offline(quiz),
        "questions": [],
    }
    if entry["offline"]:
        slots = quiz.slots.select_related("question").prefetch_related("question__options")
        entry["questions"] = [_question(learner, quiz, slot.question) for slot in slots]
    return entry


def course_bundle(learner: Person, course: Course) -> Bundle:
    """Everything `learner` (who must be enrolled) needs to follow `course` offline, with its
    size in bytes: the bundle itself, captions and files (images are counted as they come)."""
    require_enrolment(learner, course)
    lessons = (
        Lesson.objects.filter(module__course=course, archived=False)
        .select_related("module")
        .prefetch_related("files")
        .order_by("module__position", "module_id", "position", "id")
    )
    lesson_entries = [
        _lesson(course, lesson, catalog_queries.lesson_shown_to(learner, lesson))
        for lesson in lessons
    ]
    newest = (
        CourseVersion.objects.filter(course=course).order_by("-number").values("number", "note")
    ).first() or {"number": 0, "note": ""}
    version = int(newest["number"])
    data: dict[str, Any] = {
        "course": {
            "slug": course.slug,
            "title": course.title,
            "language": course.language,
            "url": reverse("catalog:course", args=[course.slug]),
            "activity": course_activity_id(course),
            "version": version,
            "changes": newest["note"],
        },
        "lessons": lesson_entries,
        "quizzes": [_quiz(learner, quiz) for quiz in course_quizzes(course, learner)],
        "scoring": _("Quizzes are marked when your answers reach Praxis, not on this device."),
    }
    attached = sum(
        item["size"]
        for lesson in lesson_entries
        for item in (*lesson["captions"], *lesson["files"])
    )
    data["size"] = len(json.dumps(data).encode()) + attached
    return Bundle(course, version, data)
