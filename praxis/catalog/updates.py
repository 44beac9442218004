"""What changed in a course since a learner enrolled or last said they had seen the changes.

Read from the versions published after the one the learner enrolled on (the course's versions
are kept per version of the course, so no query once read); the learner's enrolment comes with
its versions and their progress with completion times.
"""

from __future__ import annotations

from dataclasses import dataclass

from praxis.catalog.models import CourseVersion, Enrolment
from praxis.catalog.outline import course_versions, with_versions
from praxis.catalog.queries import CourseProgress
from praxis.core.people import Person, signed_in
from praxis.core.rows import the_row

# The notice lists at most this many changes and links to the versions page for the rest.
MOST_CHANGES_SHOWN = 10


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "changed" or "removed"
    key: str  # the lesson's UUID (or the quiz's key)
    title: str
    item: str = "lesson"  # what changed: a "lesson", or a "quiz" (published with the course)


@dataclass(frozen=True)
class CourseUpdates:
    unseen: list[CourseVersion]  # published after the last version seen, oldest first
    changes: list[Change]  # what the unseen versions changed together, at most MOST_CHANGES_SHOWN
    more_changes: int  # changes left off the list
    first_notice: bool  # True until the learner has said they saw the changes once
    changed_since_completed: frozenset[int]  # ids of lessons changed after the learner did them

    @property
    def newest(self) -> CourseVersion | None:
        return self.unseen[-1] if self.unseen else None


def merge_changes(versions: list[CourseVersion]) -> list[Change]:
    """The changes of `versions` (oldest first) as one list, each lesson or quiz once: added then
    changed is added; added then removed is not listed; removed then restored is changed."""
    merged: dict[tuple[str, str], Change] = {}
    for version in versions:
        for entry in version.changes or []:
            if not isinstance(entry, dict) or not entry.get("key"):
                continue
            item, key = str(entry.get("item") or "lesson"), str(entry["key"])
            kind, title = str(entry.get("kind")), str(entry.get("title", ""))
            before = merged.pop((item, key), None)
            if before is not None:
                if before.kind == "added" and kind == "removed":
                    continue
                if before.kind == "added":
                    kind = "added"
                elif before.kind == "removed":
                    kind = "changed"
            merged[(item, key)] = Change(kind, key, title, item)
    return list(merged.values())


def course_updates(enrolment: Enrolment | None, progress: CourseProgress | None) -> CourseUpdates:
    """What changed in the enrolment's course since the learner last looked, and which of the
    lessons they completed changed afterwards. Expects `enrolment` with its versions given
    (`with_versions`); nothing for no enrolment."""
    if enrolment is None:
        return CourseUpdates([], [], 0, True, frozenset())
    published = course_versions(enrolment.course_id)
    if enrolment.version is not None:
        after = enrolment.version.number
        versions = [version for version in published if version.number > after]
    else:  # enrolled before the course had versions: what was published since counts
        since = enrolment.created_at
        versions = [version for version in published if version.published_at > since]
    seen = enrolment.seen_version.number if enrolment.seen_version is not None else 0
    unseen = [version for version in versions if version.number > seen]
    changes = merge_changes(unseen)
    return CourseUpdates(
        unseen=unseen,
        changes=changes[:MOST_CHANGES_SHOWN],
        more_changes=max(0, len(changes) - MOST_CHANGES_SHOWN),
        first_notice=enrolment.seen_version is None,
        changed_since_completed=_changed_since_completed(versions, progress),
    )


def _changed_since_completed(
    versions: list[CourseVersion], progress: CourseProgress | None
) -> frozenset[int]:
    if progress is None or not progress.completed_at:
        return frozenset()
    lesson_ids = {str(lesson.uuid): lesson.pk for lesson in progress.lessons}
    changed = set()
    for version in versions:
        for entry in version.changes or []:
            if not isinstance(entry, dict) or entry.get("kind") != "changed":
                continue
            if (entry.get("item") or "lesson") != "lesson":
                continue
            lesson_id = lesson_ids.get(str(entry.get("key")))
            completed_at = progress.completed_at.get(lesson_id or 0)
            if completed_at is not None and version.published_at > completed_at:
                changed.add(lesson_id or 0)
    return frozenset(changed)


def learner_course_updates(
    learner: Person, course_id: int, progress: CourseProgress | None
) -> CourseUpdates:
    """`course_updates` for the learner's current enrolment in the course, loading it."""
    enrolment = None
    if signed_in(learner):
        # At most one (catalog_one_current_enrolment).
        enrolment = the_row(
            Enrolment.objects.filter(learner=learner, course_id=course_id).exclude(
                status=Enrolment.Status.WITHDRAWN
            )
        )
        if enrolment is not None:
            with_versions([enrolment])
    return course_updates(enrolment, progress)
