"""The academy's default quality checklist (the migration 0002 ships the same rows)."""

from __future__ import annotations

from praxis.authoring.models import DEFAULT_CRITERIA, QualityCriterion

DEFAULT_CHECKLIST = tuple((slug, english) for slug, (english, _) in DEFAULT_CRITERIA.items())


def ensure_default_checklist() -> None:
    """Put back any default item that is missing (tests that empty tables use it)."""
    for position, (slug, name) in enumerate(DEFAULT_CHECKLIST):
        QualityCriterion.objects.get_or_create(
            slug=slug, defaults={"position": position, "names": {"en": name}}
        )
