"""Publishing a course's content as a new version, and reading older versions.

A version is published from content written elsewhere (the authoring workspace). Lessons are
matched across versions by their stable key, the lesson UUID: a lesson kept in the new version
is updated in place, so learners keep their progress on it; a lesson left out is archived, never
deleted; a new key makes a new lesson. Every version keeps a snapshot so older versions, and the
certificates issued for them, stay readable.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from praxis.accounts.models import User
from praxis.catalog import notices
from praxis.catalog.content import render_markdown
from praxis.catalog.models import (
    Course,
    CourseVersion,
    Enrolment,
    Lesson,
    LessonFile,
    Module,
    TranslationGroup,
)
from praxis.catalog.services import publish_course
from praxis.core.errors import NotFound
from praxis.core.people import Person, signed_in
from praxis.notifications.services import notify_all


@dataclass(frozen=True)
class LessonContent:
    key: uuid.UUID
    title: str
    body: str
    estimated_minutes: int = 10
    recordings: dict[str, Any] = field(default_factory=dict)
    captions: list[dict[str, Any]] = field(default_factory=list)
    package_id: int | None = None
    tool_link_id: int | None = None  # an external tool's resource link (praxis.lti)
    # Files attached in co-creation: see praxis.catalog.attachments.
    attachments: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ModuleContent:
    title: str
    lessons: list[LessonContent]
    module_id: int | None = None  # the catalog module this continues, if any


@dataclass(frozen=True)
class CourseContent:
    title: str
    summary: str
    language: str
    modules: list[ModuleContent]
    objectives: list[str] = field(default_factory=list)
    level: str = Course.Level.INTRODUCTORY
    estimated_hours: Decimal = Decimal("1.0")
    cpd_credits: Decimal = Decimal("0")
    licence: str = ""
    organisation_ids: list[int] = field(default_factory=list)
    topic_ids: list[int] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    image: dict[str, Any] = field(default_factory=dict)


def _unique_slug(title: str, language: str) -> str:
    base = (slugify(title)[:100] or "course") + f"-{language}"
    slug, n = base, 1
    while Course.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _link_translation(course: Course, source: Course) -> None:
    if source.translation_group_id is None:
        group, _created = TranslationGroup.objects.get_or_create(key=source.slug[:80])
        source.translation_group = group
        source.save(update_fields=["translation_group", "updated_at"])
    course.translation_group_id = source.translation_group_id


@transaction.atomic
def publish_version(
    course: Course | None,
    content: CourseContent,
    *,
    by: Person | None = None,
    note: str = "",
    translation_of: Course | None = None,
) -> CourseVersion:
    """Make `content` the published state of `course` (a new course when None) and record it
    as the next version. Permission is the caller's to check (authoring checks approval)."""
    if course is None:
        course = Course(slug=_unique_slug(content.title, content.language))
        if translation_of is not None:
            _link_translation(course, translation_of)
    else:
        course = Course.objects.select_for_update().get(pk=course.pk)
    # A course published before its versions were recorded: its first recorded version is a
    # change of what learners had, listed and told like any later one.
    published_before = course.published_at is not None
    course.title, course.summary = content.title[:200], content.summary
    course.objectives, course.language, course.level = (
        list(content.objectives),
        content.language,
        content.level,
    )
    course.estimated_hours, course.cpd_credits = content.estimated_hours, content.cpd_credits
    if content.licence:
        course.licence = content.licence
    course.prerequisites, course.image = list(content.prerequisites), dict(content.image)
    course.save()
    course.organisations.set(content.organisation_ids)
    course.topics.set(content.topic_ids)

    existing = {lesson.uuid: lesson for lesson in Lesson.objects.filter(module__course=course)}
    modules = {module.pk: module for module in course.modules.all()}
    changes: list[dict[str, str]] = []
    kept: set[uuid.UUID] = set()
    for position, module_content in enumerate(content.modules):
        module = modules.get(module_content.module_id or 0)
        if module is None:
            module = Module.objects.create(
                course=course, position=position, title=module_content.title[:200]
            )
        else:
            module.position, module.title = position, module_content.title[:200]
            module.save(update_fields=["position", "title"])
        for lesson_position, item in enumerate(module_content.lessons):
            kept.add(item.key)
            lesson = existing.get(item.key)
            if lesson is None:
                lesson = Lesson.objects.create(
                    uuid=item.key,
                    module=module,
                    position=lesson_position,
                    title=item.title[:200],
                    body=item.body,
                    body_html=render_markdown(item.body),
                    estimated_minutes=item.estimated_minutes,
                    recordings=item.recordings,
                    captions=item.captions,
                    package_id=item.package_id,
                    tool_link_id=item.tool_link_id,
                )
                _attach(lesson, item.attachments)
                changes.append({"kind": "added", "key": str(item.key), "title": item.title})
                continue
            if (
                lesson.title != item.title
                or lesson.body != item.body
                or lesson.package_id != item.package_id
                or lesson.tool_link_id != item.tool_link_id
                or lesson.archived
            ):
                changes.append({"kind": "changed", "key": str(item.key), "title": item.title})
            lesson.module, lesson.position, lesson.title = module, lesson_position, item.title[:200]
            lesson.body, lesson.body_html = item.body, render_markdown(item.body)
            lesson.estimated_minutes, lesson.archived = item.estimated_minutes, False
            lesson.recordings, lesson.captions = item.recordings, item.captions
            lesson.package_id, lesson.tool_link_id = item.package_id, item.tool_link_id
            lesson.save()
            _attach(lesson, item.attachments)
    for key, lesson in existing.items():
        if key not in kept and not lesson.archived:
            lesson.archived = True
            lesson.save(update_fields=["archived", "updated_at"])
            changes.append({"kind": "removed", "key": str(key), "title": lesson.title})

    number = (course.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    first = number == 1 and not published_before
    if first:
        changes = []  # the first publication is the whole course, not a change
    version = CourseVersion.objects.create(
        course=course,
        number=number,
        published_at=timezone.now(),
        published_by=by if by is not None and signed_in(by) else None,
        note=note.strip(),
        snapshot=_snapshot(course, content),
        changes=changes,
    )
    publish_course(course)
    if not first:
        _tell_learners(course, version)
    return version


def is_first_publication(version: CourseVersion) -> bool:
    """Whether `version` first published its course (the whole course, not a change): its first
    version, unless the course was published before its versions were recorded."""
    published = version.course.published_at
    return version.number == 1 and (published is None or published >= version.published_at)


def published_before_versions(course: Course, versions: list[CourseVersion]) -> datetime | None:
    """When the course was first published, if that was before its oldest recorded version
    (`versions`, newest first) or it has none: the versions page says so."""
    published = course.published_at
    if published is None or (versions and published >= versions[-1].published_at):
        return None
    return published


def _attach(lesson: Lesson, attachments: list[dict[str, Any]]) -> None:
    """Make the lesson's co-created files those of the version being published. A file taken
    off is only unlisted: its stored copy stays, as earlier versions name it."""
    keys = {str(item["key"]) for item in attachments}
    listed = {str(f.key): f for f in LessonFile.objects.filter(lesson=lesson, key__isnull=False)}
    LessonFile.objects.filter(pk__in=[f.pk for k, f in listed.items() if k not in keys]).delete()
    LessonFile.objects.bulk_create(
        LessonFile(
            lesson=lesson,
            key=item["key"],
            title=str(item["name"])[:200],
            file=str(item["file"]),
            size=int(item["size"]),
            content_type=str(item["type"]),
        )
        for item in attachments
        if str(item["key"]) not in listed
    )


def _tell_learners(course: Course, version: CourseVersion) -> None:
    """A notice to each learner enrolled in the course (and not withdrawn) of what changed."""
    learners = User.objects.filter(
        pk__in=Enrolment.objects.filter(course=course)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .values("learner_id")
    )
    notify_all(
        learners,
        notices.course_updated,
        reverse("catalog:course", args=[course.slug]),
        course=course.title,
        version=version.number,
    )


def _snapshot(course: Course, content: CourseContent) -> dict[str, Any]:
    return {
        "title": content.title,
        "summary": content.summary,
        "objectives": list(content.objectives),
        "language": content.language,
        "cpd_credits": str(content.cpd_credits),
        "estimated_hours": str(content.estimated_hours),
        "licence": course.licence,
        "prerequisites": list(content.prerequisites),
        "modules": [
            {
                "title": module.title,
                "lessons": [
                    {
                        "key": str(lesson.key),
                        "title": lesson.title,
                        "body_html": render_markdown(lesson.body),
                    }
                    for lesson in module.lessons
                ],
            }
            for module in content.modules
        ],
    }


def versions_of(course: Course) -> list[CourseVersion]:
    """Every published version of the course, newest first (without their snapshots)."""
    return list(course.versions.defer("snapshot").select_related("published_by"))


def version_of(course: Course, number: int) -> CourseVersion:
    version = course.versions.filter(number=number).first()
    if version is None:
        raise NotFound()
    return version


def current_version_number(course: Course) -> int:
    return int(course.versions.aggregate(last=Max("number"))["last"] or 0)
