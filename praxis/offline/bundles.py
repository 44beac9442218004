"""A course as a device keeps it for learning without a connection: its lessons, their
captions, files and images, its image, its quizzes without their answer keys, and what the
learner has already done in it.

The bundle names every address the device fetches and keeps besides the bundle itself
(`downloads`, each with its size in bytes): the download size shown before downloading is the
bundle's own bytes and theirs, and the device fetches exactly those addresses.

Quizzes are marked on the server only, when the device sends the answers back: a device holds
no key (no `correct` flag, no accepted answers, no feedback), and option IDs are replaced by
tokens of the learner's own, so neither the right order nor the right pair can be read from
them. Quizzes that draw questions at random or have a time limit need the connection: the
draw and the deadline are the server's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.urls import Resolver404, resolve, reverse
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from praxis.assessments.models import Option, Question, Quiz
from praxis.assessments.queries.attempts import course_quizzes, passed_quizzes
from praxis.catalog import images
from praxis.catalog import queries as catalog_queries
from praxis.catalog.models import Course, CourseVersion, Lesson, LessonFile
from praxis.catalog.services import require_enrolment
from praxis.catalog.xapi import course_activity_id, lesson_activity_id
from praxis.core.patterns import client_pattern
from praxis.core.people import Person

IMAGE_SOURCE = client_pattern(r'<img[^>]+src="(/[^"]+)"')
# The course image offline: the width that fills a phone's screen, or the widest below it.
COURSE_IMAGE_WIDTH = 640


def option_token(learner: Person, quiz: Quiz, option_id: int) -> str:
    """The name an option goes by in `learner`'s offline copy of `quiz`."""
    return salted_hmac(
        "praxis.offline.option", f"{learner.uuid}:{quiz.uuid}:{option_id}"
    ).hexdigest()[:12]


def match_token(learner: Person, quiz: Quiz, option_id: int) -> str:
    """The name the right-hand side of a matching option goes by in `learner`'s offline copy
    of `quiz`: a name of its own, for under the option's token each left-hand item would name
    its right pair."""
    return salted_hmac(
        "praxis.offline.match", f"{learner.uuid}:{quiz.uuid}:{option_id}"
    ).hexdigest()[:12]


def option_tokens(learner: Person, quiz: Quiz, options: list[Option]) -> dict[str, int]:
    """{token: option ID} of the options of `quiz` in `learner`'s offline copy, by either of
    their names (a copy made before right-hand sides had names of their own used the option's
    for both, and still syncs)."""
    tokens = {match_token(learner, quiz, option.id): option.id for option in options}
    tokens.update((option_token(learner, quiz, option.id), option.id) for option in options)
    return tokens


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


def _stored_size(name: str) -> int | None:
    """The size in bytes of a file in the default storage; None when it is missing."""
    try:
        return int(default_storage.size(name))
    except (FileNotFoundError, OSError):
        return None


def _lesson_image(url: str) -> dict[str, Any] | None:
    """A picture in a lesson's text as a download, if Praxis keeps it (others are not kept)."""
    try:
        match = resolve(url)
    except Resolver404:
        return None
    filename = str(match.kwargs.get("filename", ""))
    if match.view_name != "catalog:lesson_image" or not images.STORED_NAME.match(filename):
        return None
    size = _stored_size(f"{images.LESSON_FOLDER}/{filename}")
    return None if size is None else {"url": url, "size": size}


def _file_url(course: Course, lesson: Lesson, attachment: LessonFile) -> str:
    # A file attached in co-creation goes by the address the lesson's text links to, so that
    # the link works offline too.
    if attachment.key:
        return reverse("catalog:attachment", args=[attachment.key])
    return reverse("catalog:lesson_file", args=[course.slug, lesson.uuid, attachment.pk])


def _lesson(course: Course, lesson: Lesson, shown: Lesson) -> dict[str, Any]:
    captions = [
        {
            "language": track["language"],
            "url": reverse(
                "catalog:lesson_captions", args=[course.slug, lesson.uuid, track["language"]]
            ),
            "size": len(str(track.get("vtt", "")).encode()),
        }
        for track in shown.captions
    ]
    files = []
    for attachment in shown.files.all():
        size = _stored_size(attachment.file.name or "")
        if size is not None:
            url = _file_url(course, lesson, attachment)
            files.append({"title": attachment.title, "url": url, "size": size})
    pictures = [_lesson_image(url) for url in sorted(set(IMAGE_SOURCE.findall(shown.body_html)))]
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
        "images": [picture for picture in pictures if picture is not None],
    }


def _course_image(course: Course) -> dict[str, Any] | None:
    """The course's image as the device keeps it: one width, WebP, with its text."""
    widths = sorted(int(width) for width in course.image.get("widths") or [])
    if not course.image.get("key") or not widths:
        return None
    width = max((w for w in widths if w <= COURSE_IMAGE_WIDTH), default=widths[0])
    name = images.file_name(str(course.image["key"]), width, "webp")
    size = _stored_size(f"{images.FOLDER}/{name}")
    if size is None:
        return None
    return {
        "url": reverse("catalog:course_image", args=[course.slug, name]),
        "size": size,
        "alt": str(course.image.get("alt", "")),
    }


def downloads(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Every address a device fetches and keeps with the bundle `data`, once each, with its
    size in bytes: lesson pictures, captions and files, and the course image."""
    found: dict[str, int] = {}
    image = data["course"]["image"]
    if image is not None:
        found[image["url"]] = image["size"]
    for lesson in data["lessons"]:
        for item in (*lesson["images"], *lesson["captions"], *lesson["files"]):
            found.setdefault(item["url"], item["size"])
    return [{"url": url, "size": size} for url, size in found.items()]


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
            {"token": match_token(learner, quiz, option.id), "text": option.match}
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
    """Everything `learner` (who must be enrolled) needs to follow `course` offline, what they
    have done in it so far (`done`: lessons completed, quizzes passed), and the addresses the
    device fetches with it (`downloads`). Its size is the API's to add: see offline/api.py."""
    require_enrolment(learner, course)
    lessons = list(
        Lesson.objects.filter(module__course=course, archived=False)
        .select_related("module")
        .prefetch_related("files")
        .order_by("module__position", "module_id", "position", "id")
    )
    lesson_entries = [
        _lesson(course, lesson, catalog_queries.lesson_shown_to(learner, lesson))
        for lesson in lessons
    ]
    quizzes = course_quizzes(course, learner)
    _enrolment, progress = catalog_queries.course_progress(learner, learner, course)
    passed = passed_quizzes(learner, quizzes)
    done = [str(lesson.uuid) for lesson in lessons if lesson.pk in progress.completed_ids]
    done += [str(quiz.uuid) for quiz in quizzes if quiz.pk in passed]
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
            "image": _course_image(course),
        },
        "lessons": lesson_entries,
        "quizzes": [_quiz(learner, quiz) for quiz in quizzes],
        "scoring": _("Quizzes are marked when your answers reach Praxis, not on this device."),
        "done": done,
    }
    data["downloads"] = downloads(data)
    return Bundle(course, version, data)
