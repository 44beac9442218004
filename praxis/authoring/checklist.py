"""The academy's default quality checklist (the migration 0002 ships the same rows)."""

from __future__ import annotations

from praxis.authoring.models import QualityCriterion

DEFAULT_CHECKLIST = (
    ("learning-objectives", "Learning objectives are clear and measurable"),
    ("evidence-base", "Evidence base and references are current and cited"),
    ("accessibility", "Content is accessible (structure, alternatives, transcripts)"),
    ("inclusive-language", "Language is inclusive and respectful"),
    ("translation-checked", "Translation checked (or not applicable)"),
    ("licence", "Licence is stated and permits the intended use"),
)


def ensure_default_checklist() -> None:
    """Put back any default item that is missing (tests that empty tables use it)."""
    for position, (slug, name) in enumerate(DEFAULT_CHECKLIST):
        QualityCriterion.objects.get_or_create(
            slug=slug, defaults={"position": position, "names": {"en": name}}
        )
