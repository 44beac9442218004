"""A draft quiz's questions exchanged with other assessment systems as QTI 2.1 or 3.0.

Export writes every question of the quiz as one package. Import reads a package (or one item
file) with praxis.packages, checks each question as the question form does, and writes the
questions that map in one transaction; the others are reported with their reason and nothing
of them is kept. A refused upload (unsafe, malformed, too large, too many questions) changes
nothing at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from praxis.authoring.editing import record, require_editable, touch
from praxis.authoring.models import DraftQuestion, DraftQuiz, HistoryEntry
from praxis.authoring.quizzes import MAX_QUESTIONS, check_question, require_fixed
from praxis.core.errors import ErrorCode, PayloadTooLarge, PraxisError, ValidationFailed
from praxis.core.people import Person
from praxis.packages.qti import NOTES, VERSIONS, Question, Unmapped
from praxis.packages.qti_export import write_package
from praxis.packages.qti_import import read_upload

__all__ = ["ImportReport", "export_quiz", "import_questions"]


@dataclass
class Imported:
    identifier: str
    question: DraftQuestion
    notes: list[str] = field(default_factory=list)

    @property
    def note_messages(self) -> list[str]:
        return [str(NOTES[note]) for note in self.notes]


@dataclass
class ImportReport:
    """What an import did: the QTI version read, the questions written (each with the item it
    came from and what changed on the way), and the items left out with their reason."""

    version: str
    imported: list[Imported] = field(default_factory=list)
    unmapped: list[Unmapped] = field(default_factory=list)


def _as_qti(question: DraftQuestion) -> Question:
    return Question(
        identifier=f"q-{question.key}",
        kind=question.kind,
        stem=question.stem,
        title=question.stem.splitlines()[0][:80] if question.stem else "",
        feedback=question.feedback,
        points=question.points,
        topic=question.topic,
        difficulty=question.difficulty,
        options=[dict(option) for option in question.options],
        answer_key=dict(question.answer_key),
    )


def export_quiz(quiz: DraftQuiz, version: str) -> bytes:
    """The quiz's questions, in order, as a QTI `version` ("2.1" or "3.0") package (zip)."""
    if version not in VERSIONS:
        message = _("Choose QTI version 2.1 or 3.0.")
        raise ValidationFailed(message=message, fields={"version": [message]})
    require_fixed(quiz)
    questions = [_as_qti(question) for question in quiz.questions.all()]
    return write_package(f"quiz-{quiz.key}", quiz.title, questions, version)


def _fields(question: Question) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "kind": question.kind,
        "stem": question.stem,
        "topic": question.topic,
        "feedback": question.feedback,
        "difficulty": question.difficulty,
        "points": question.points,
        "options": question.options,
        "competency_ids": [],
    }
    fields.update(question.answer_key)
    return fields


def _problems(error: PraxisError) -> str:
    found = [str(message) for messages in error.fields.values() for message in messages]
    return "; ".join(found or [str(error.message)])[:300]


def _check_upload(upload: IO[bytes] | None, size: int | None) -> IO[bytes]:
    if upload is None or not size:
        message = _("Choose a QTI package (zip) or one QTI item (XML file).")
        raise ValidationFailed(ErrorCode.FILE_EMPTY, message, fields={"file": [message]})
    if size > settings.QTI_UPLOAD_MAX_BYTES:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE, _("The file is larger than this site accepts.")
        )
    return upload


@transaction.atomic
def import_questions(
    quiz: DraftQuiz, by: Person, upload: IO[bytes] | None, *, size: int | None
) -> ImportReport:
    """Add the questions of a QTI 2.1 or 3.0 package or item at the end of the quiz, and say
    which items could not be questions of Praxis and why."""
    draft = quiz.draft
    require_editable(draft, by)
    require_fixed(quiz)
    reading = read_upload(_check_upload(upload, size))
    report = ImportReport(version=reading.version, unmapped=list(reading.unmapped))
    accepted: list[tuple[Question, dict[str, Any]]] = []
    for question in reading.questions:
        try:
            accepted.append((question, check_question(_fields(question))))
        except ValidationFailed as error:
            report.unmapped.append(
                Unmapped(question.identifier[:200], "invalid_question", _problems(error))
            )
    held = quiz.questions.count()
    if held + len(accepted) > MAX_QUESTIONS:
        message = _(
            "A quiz has at most %(most)s questions: this one has %(held)s and the file "
            "%(more)s more. Nothing was imported."
        ) % {"most": MAX_QUESTIONS, "held": held, "more": len(accepted)}
        raise ValidationFailed(ErrorCode.QTI_TOO_MANY_ITEMS, message, fields={"file": [message]})
    if not accepted:
        return report
    last = quiz.questions.aggregate(last=Max("position"))["last"]
    start = 0 if last is None else last + 1
    for offset, (question, cleaned) in enumerate(accepted):
        written = DraftQuestion.objects.create(quiz=quiz, position=start + offset, **cleaned)
        report.imported.append(Imported(question.identifier, written, list(question.notes)))
    touch(draft, by)
    record(
        draft,
        by,
        HistoryEntry.Action.EDITED,
        code="imported_questions",
        values={"count": len(accepted), "title": quiz.title, "key": quiz.key},
    )
    return report
