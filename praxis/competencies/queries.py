"""Reading frameworks, a learner's competency profile and their gaps against a target."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from praxis.competencies.models import (
    CompetencyItem,
    Evidence,
    Framework,
    TargetProfile,
    TargetRequirement,
)
from praxis.core.people import Person


@dataclass(frozen=True)
class EvidenceEntry:
    item_id: int
    source: str
    source_label: str
    title: str
    level: int
    observed_at: datetime
    expires_at: datetime | None

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


@dataclass
class ProfileEntry:
    item: CompetencyItem
    level: int
    evidence: list[EvidenceEntry] = field(default_factory=list)


@dataclass(frozen=True)
class Gap:
    item: CompetencyItem
    needed: int
    held: int

    @property
    def missing(self) -> int:
        return max(0, self.needed - self.held)


def frameworks() -> QuerySet[Framework]:
    return Framework.objects.order_by("title")


def framework_tree(slug: str) -> tuple[Framework, list[tuple[CompetencyItem, int]]]:
    """The framework and its items depth-first as (item, depth), in two queries."""
    framework = get_object_or_404(Framework, slug=slug)
    items = list(framework.items.order_by("position", "id"))
    children: dict[int | None, list[CompetencyItem]] = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)
    ordered: list[tuple[CompetencyItem, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for child in children.get(parent, []):
            ordered.append((child, depth))
            walk(child.id, depth + 1)

    walk(None, 0)
    return framework, ordered


def stored_evidence(learner: Person) -> list[EvidenceEntry]:
    labels = dict(Evidence.Source.choices)
    return [
        EvidenceEntry(
            row.item_id,
            row.source,
            str(labels.get(row.source, row.source)),
            row.title,
            row.level,
            row.observed_at,
            row.expires_at,
        )
        for row in Evidence.objects.filter(learner=learner).order_by("-observed_at")
    ]


def profile(learner: Person, extra: list[EvidenceEntry] | None = None) -> list[ProfileEntry]:
    """Each competency with evidence: its level (the highest unexpired) and all its evidence,
    newest first; `extra` is evidence other apps derive (completed courses)."""
    entries = sorted(
        [*stored_evidence(learner), *(extra or [])], key=lambda e: e.observed_at, reverse=True
    )
    items = CompetencyItem.objects.select_related("framework").in_bulk(
        {entry.item_id for entry in entries}
    )
    by_item: dict[int, ProfileEntry] = {}
    for entry in entries:
        item = items[entry.item_id]
        current = by_item.setdefault(entry.item_id, ProfileEntry(item, 0))
        current.evidence.append(entry)
        if not entry.expired:
            current.level = max(current.level, entry.level)
    return sorted(by_item.values(), key=lambda p: (p.item.framework_id, p.item.position))


def target_profiles() -> QuerySet[TargetProfile]:
    return TargetProfile.objects.select_related("framework", "occupation").prefetch_related(
        Prefetch("requirements", queryset=TargetRequirement.objects.select_related("item"))
    )


def gaps(held: list[ProfileEntry], target: TargetProfile) -> list[Gap]:
    """Each requirement of the target with the level held (0 when there is no evidence)."""
    levels = {entry.item.id: entry.level for entry in held}
    return [
        Gap(requirement.item, requirement.level, levels.get(requirement.item_id, 0))
        for requirement in target.requirements.all()
    ]
