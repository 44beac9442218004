"""Fill in the version existing enrolments were made on and completed on.

An enrolment was made on the version current at its creation: the latest published at or
before that moment, or the course's first version when it was versioned only later. Completion
is matched the same way on its own time. `seen_version` is left empty, so learners are told
about every version published after the one they enrolled on.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import migrations


def version_current_at(versions: Sequence[tuple[int, datetime]], moment: datetime) -> int | None:
    """The id of the version current at `moment`, from (id, published_at) pairs in the order
    they were published: the latest published at or before it, else the first; None if none."""
    current = None
    for version_id, published_at in versions:
        if published_at > moment:
            break
        current = version_id
    if current is None and versions:
        return versions[0][0]
    return current


def fill_versions(apps: Any, schema_editor: Any) -> None:
    CourseVersion = apps.get_model("catalog", "CourseVersion")
    Enrolment = apps.get_model("catalog", "Enrolment")
    by_course: dict[int, list[tuple[int, datetime]]] = {}
    for course_id, version_id, published_at in CourseVersion.objects.order_by(
        "course_id", "number"
    ).values_list("course_id", "id", "published_at"):
        by_course.setdefault(course_id, []).append((version_id, published_at))
    changed = []
    enrolments = Enrolment.objects.filter(course_id__in=list(by_course)).only(
        "id", "course_id", "created_at", "completed_at", "version_id", "completed_version_id"
    )
    for enrolment in enrolments.iterator(chunk_size=2000):
        versions = by_course[enrolment.course_id]
        enrolment.version_id = version_current_at(versions, enrolment.created_at)
        if enrolment.completed_at is not None:
            enrolment.completed_version_id = version_current_at(versions, enrolment.completed_at)
        changed.append(enrolment)
    Enrolment.objects.bulk_update(changed, ["version", "completed_version"], batch_size=1000)


def clear_versions(apps: Any, schema_editor: Any) -> None:
    apps.get_model("catalog", "Enrolment").objects.update(version=None, completed_version=None)


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_enrolment_versions"),
    ]

    operations = [
        migrations.RunPython(fill_versions, clear_versions),
    ]
