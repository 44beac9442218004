"""Publishing an approved draft as the course's next version."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from praxis.authoring import carrying, handoffs
from praxis.authoring.editing import record as _record
from praxis.authoring.models import (
    Draft,
    HistoryEntry,
)
from praxis.authoring.permissions import (
    publish_draft,
)
from praxis.catalog import versions
from praxis.core.errors import (
    Conflict,
    ErrorCode,
)
from praxis.core.people import Person
from praxis.core.permissions import require


@transaction.atomic
def publish(draft: Draft, by: Person, note: str = "") -> Draft:
    """Publish an approved draft as the course's next version (a new course the first time)."""
    require(publish_draft, by, draft)
    draft = Draft.objects.select_for_update().get(pk=draft.pk)
    if draft.status == Draft.Status.PUBLISHED:
        raise Conflict(ErrorCode.VERSION_READ_ONLY, _("This version is already published."))
    if draft.status != Draft.Status.APPROVED:
        raise Conflict(
            ErrorCode.NOT_APPROVED,
            _("A course is published only after the quality review approves it."),
        )
    content = versions.CourseContent(
        title=draft.title,
        summary=draft.summary,
        language=draft.language,
        objectives=list(draft.objectives),
        level=draft.level,
        estimated_hours=draft.estimated_hours,
        cpd_credits=draft.cpd_credits,
        licence=draft.licence,
        prerequisites=list(draft.prerequisites),
        image=dict(draft.image),
        organisation_ids=[o.pk for o in draft.organisations.all()],
        topic_ids=[t.pk for t in draft.topics.all()],
        modules=[
            versions.ModuleContent(
                title=module.title,
                module_id=module.source_module_id,
                lessons=[
                    versions.LessonContent(
                        key=lesson.key,
                        title=lesson.title,
                        body=lesson.body,
                        estimated_minutes=lesson.estimated_minutes,
                        recordings=dict(lesson.recordings),
                        captions=list(lesson.captions),
                        package_id=lesson.package_id,
                        tool_link_id=lesson.tool_link_id,
                        attachments=list(lesson.attachments),
                    )
                    for lesson in module.lessons.all()
                ],
            )
            for module in draft.modules.prefetch_related("lessons")
        ],
    )
    version = versions.publish_version(
        draft.course, content, by=by, note=note, translation_of=draft.translation_of
    )
    carrying.publish_assessments(draft, version)
    draft.course, draft.published_version = version.course, version
    draft.status = Draft.Status.PUBLISHED
    draft.save(update_fields=["course", "published_version", "status", "updated_at"])
    _record(draft, by, HistoryEntry.Action.PUBLISHED, code="version", values={"n": version.number})
    handoffs.published(draft, by, version.number, version.course.slug)
    return draft
