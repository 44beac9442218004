"""The report of an import, kept for the person who imported until they read it.

A Common Cartridge imported into a draft, or a QTI file into a quiz, answers with a redirect to
the report's own page rather than with the report, so that reloading that page shows the report
again and never imports a second time. The report is kept in the person's session, under a key
naming the draft or quiz: only they see it, the next import into the same draft or quiz takes
its place, and it goes when they sign out. It is kept as plain values (codes, not messages), so
that it is told in the language of the page that shows it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from django.http import HttpRequest

from praxis.authoring.cartridges import CartridgeReport, ImportedPart
from praxis.authoring.models import Draft, DraftQuestion, DraftQuiz
from praxis.authoring.quiz_exchange import ImportReport
from praxis.packages.cartridge import Skipped
from praxis.packages.qti import NOTES, Unmapped

__all__ = [
    "KeptQuestion",
    "QtiReport",
    "keep_cartridge_report",
    "keep_qti_report",
    "kept_cartridge_report",
    "kept_qti_report",
]

_CARTRIDGE = "authoring:cartridge-report:"
_QTI = "authoring:qti-report:"
# As much of a question's text as the report shows.
_STEM_SHOWN = 100
# A report kept in another shape than this module writes (by an earlier version of it) is as if
# none were kept.
_UNREADABLE = (KeyError, TypeError, ValueError)


@dataclass
class KeptQuestion:
    """A question the import added, as it was then: the item it came from, its kind, the start
    of its text and the codes of what changed on the way."""

    identifier: str
    kind: str
    stem: str
    notes: list[str] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return str(DraftQuestion.Kind(self.kind).label)

    @property
    def note_messages(self) -> list[str]:
        return [str(NOTES[note]) for note in self.notes if note in NOTES]


@dataclass
class QtiReport:
    """What a QTI import did, as its report page shows it."""

    version: str
    imported: list[KeptQuestion] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)


def _keep(request: HttpRequest, key: str, report: dict[str, Any]) -> None:
    request.session[key] = {"by": request.user.pk, "report": report}


def _kept(request: HttpRequest, key: str) -> dict[str, Any] | None:
    kept = request.session.get(key)
    if not isinstance(kept, dict) or kept.get("by") != request.user.pk:
        return None
    report = kept.get("report")
    return report if isinstance(report, dict) else None


def keep_cartridge_report(request: HttpRequest, draft: Draft, report: CartridgeReport) -> None:
    """Keep what the import into `draft` did, for its report page."""
    _keep(
        request,
        _CARTRIDGE + str(draft.uuid),
        {
            "version": report.version,
            "title": report.title,
            "imported": [{**asdict(part), "key": str(part.key)} for part in report.imported],
            "skipped": [asdict(item) for item in report.skipped],
        },
    )


def kept_cartridge_report(request: HttpRequest, draft: Draft) -> CartridgeReport | None:
    """What the person's last import into `draft` did, or None if they have none kept."""
    kept = _kept(request, _CARTRIDGE + str(draft.uuid))
    if kept is None:
        return None
    try:
        return CartridgeReport(
            version=kept["version"],
            title=kept["title"],
            imported=[
                ImportedPart(
                    **{**part, "notes": [(code, detail) for code, detail in part["notes"]]}
                )
                for part in kept["imported"]
            ],
            skipped=[Skipped(**item) for item in kept["skipped"]],
        )
    except _UNREADABLE:
        return None


def keep_qti_report(request: HttpRequest, quiz: DraftQuiz, report: ImportReport) -> None:
    """Keep what the import into `quiz` did, for its report page."""
    _keep(
        request,
        _QTI + str(quiz.key),
        {
            "version": report.version,
            "imported": [
                asdict(
                    KeptQuestion(
                        identifier=one.identifier,
                        kind=one.question.kind,
                        stem=one.question.stem[: _STEM_SHOWN + 1],
                        notes=list(one.notes),
                    )
                )
                for one in report.imported
            ],
            "unmapped": [asdict(item) for item in report.unmapped],
        },
    )


def kept_qti_report(request: HttpRequest, quiz: DraftQuiz) -> QtiReport | None:
    """What the person's last import into `quiz` did, or None if they have none kept."""
    kept = _kept(request, _QTI + str(quiz.key))
    if kept is None:
        return None
    try:
        imported = [KeptQuestion(**one) for one in kept["imported"]]
        for one in imported:
            DraftQuestion.Kind(one.kind)
        return QtiReport(
            version=kept["version"],
            imported=imported,
            unmapped=[Unmapped(**item) for item in kept["unmapped"]],
        )
    except _UNREADABLE:
        return None
