"""A draft's content exchanged as an IMS Common Cartridge: imported as new modules at the end of
the draft, exported as a Common Cartridge 1.3.

Import reads and checks the whole cartridge first (praxis.packages.cartridge); a cartridge that
fails refuses everything. What it holds that Praxis cannot take (an LTI link, an essay question,
a file of a kind lessons do not keep) is listed in the report with a stable reason.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from praxis.authoring.editing import record, require_editable, touch
from praxis.authoring.models import (
    Draft,
    DraftLesson,
    DraftModule,
    DraftQuestion,
    DraftQuiz,
    HistoryEntry,
)
from praxis.authoring.permissions import edit_draft
from praxis.authoring.quizzes import MAX_QUESTIONS, MAX_QUIZZES, check_question
from praxis.authoring.services.drafting import MAX_BODY
from praxis.authoring.services.media import MAX_ATTACHMENTS
from praxis.catalog import attachments as lesson_files
from praxis.catalog import images
from praxis.catalog.models import Course
from praxis.core.errors import (
    ErrorCode,
    NotFound,
    PayloadTooLarge,
    PraxisError,
    ValidationFailed,
)
from praxis.core.markdown import render_markdown
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.packages import cartridge
from praxis.packages.archive import Archive
from praxis.packages.cartridge_export import Chapter, Part, write_cartridge
from praxis.packages.cartridge_qti import NOT_EXPORTED
from praxis.packages.errors import PackageRefused
from praxis.packages.mistaken_files import CARTRIDGE, open_archive
from praxis.packages.qti import Question

__all__ = [
    "CartridgeReport",
    "export_cartridge",
    "import_cartridge",
    "published_draft",
    "require_exporter",
]

NOTES = {
    "discussion_as_lesson": _(
        "The discussion topic became a lesson carrying its text as a prompt: lessons have no"
        " discussion of their own, so learners take it up in a community of practice."
    ),
    "file_not_kept": cartridge.REASONS["file_not_kept"],
}


@dataclass
class ImportedPart:
    """A lesson or quiz written from the cartridge, with notes on what changed on the way."""

    identifier: str
    kind: str
    title: str
    key: Any
    module: str
    notes: list[tuple[str, str]] = field(default_factory=list)  # (code, detail)

    @property
    def note_messages(self) -> list[str]:
        return [
            f"{NOTES[code]} ({detail})" if detail else str(NOTES[code])
            for code, detail in self.notes
        ]


@dataclass
class CartridgeReport:
    """What an import did: the cartridge's version and title, the parts written and the items
    left out with their reason."""

    version: str
    title: str
    imported: list[ImportedPart] = field(default_factory=list)
    skipped: list[cartridge.Skipped] = field(default_factory=list)


def _check_upload(upload: IO[bytes] | None, size: int | None) -> IO[bytes]:
    if upload is None or not size:
        message = _("Choose the Common Cartridge file (.imscc or .zip).")
        raise ValidationFailed(ErrorCode.FILE_EMPTY, message, fields={"file": [message]})
    if size > settings.PACKAGE_UPLOAD_MAX_BYTES:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE, _("The package is larger than this site accepts.")
        )
    return upload


def _questions(entry: cartridge.Entry, into: CartridgeReport) -> list[dict[str, Any]]:
    """The entry's questions as the question form keeps them; the others reported."""
    kept: list[dict[str, Any]] = []
    for question in entry.questions:
        fields: dict[str, Any] = {
            "kind": question.kind,
            "stem": question.stem,
            "feedback": question.feedback,
            "points": question.points,
            "options": question.options,
            **question.answer_key,
        }
        try:
            kept.append(check_question(fields))
        except ValidationFailed as error:
            problems = [str(m) for messages in error.fields.values() for m in messages]
            into.skipped.append(
                cartridge.Skipped(
                    question.identifier, entry.title, "invalid_question", "; ".join(problems)[:300]
                )
            )
    return kept


class _Writer:
    """Writes the read cartridge into the draft; run inside the import's transaction."""

    def __init__(self, draft: Draft, by: Person, archive: Archive, report: CartridgeReport):
        self.draft, self.by, self.archive, self.report = draft, by, archive, report

    def module(self, read: cartridge.Module, position: int) -> None:
        module = DraftModule.objects.create(
            draft=self.draft, position=position, title=read.title[:200]
        )
        for position_in_module, entry in enumerate(e for e in read.entries if e.kind != "quiz"):
            self.lesson(module, entry, position_in_module)
        for entry in (e for e in read.entries if e.kind == "quiz"):
            self.quiz(module, entry)

    def _keep(self, lesson: DraftLesson) -> cartridge.Keep:
        def keep(path: str, image: bool, text: str) -> str | None:
            try:
                content = ContentFile(
                    self.archive.read_file(path, settings.LESSON_FILE_MAX_BYTES),
                    name=posixpath.basename(path),
                )
                if image:
                    alt = text[: images.MAX_ALT] or posixpath.basename(path)
                    return images.lesson_image_markdown(
                        images.store(content, alt, folder=images.LESSON_FOLDER)
                    )
                if len(lesson.attachments) >= MAX_ATTACHMENTS:
                    return None
                attached = lesson_files.store(content)
            except (PraxisError, PackageRefused):
                return None
            lesson.attachments = [*lesson.attachments, attached]
            return lesson_files.markdown_link(attached["key"], text or attached["name"])

        return keep

    def lesson(self, module: DraftModule, entry: cartridge.Entry, position: int) -> None:
        lesson = DraftLesson.objects.create(
            module=module, position=position, title=entry.title[:200] or "—", updated_by=self.by
        )
        notes: list[tuple[str, str]] = []
        if entry.kind == cartridge.LINK:
            label = entry.title.replace("[", "(").replace("]", ")") or entry.url
            body = f"[{label}](<{entry.url}>)"
        else:
            body, not_kept = cartridge.page_markdown(self.archive, entry, self._keep(lesson))
            notes += [("file_not_kept", name) for name in not_kept]
            if entry.kind == cartridge.DISCUSSION:
                body = f"## {_('Discussion')}\n\n{body}"
                notes.append(("discussion_as_lesson", ""))
        if len(body) > MAX_BODY:
            lesson.delete()
            self.report.skipped.append(
                cartridge.Skipped(entry.identifier, entry.title, "page_too_long")
            )
            return
        lesson.body = body
        lesson.save(update_fields=["body", "attachments"])
        self.report.imported.append(
            ImportedPart(
                entry.identifier, entry.kind, lesson.title, lesson.key, module.title, notes
            )
        )

    def quiz(self, module: DraftModule, entry: cartridge.Entry) -> None:
        questions = _questions(entry, self.report)
        if not questions:
            self.report.skipped.append(
                cartridge.Skipped(entry.identifier, entry.title, "no_questions")
            )
            return
        if len(questions) > MAX_QUESTIONS:
            self.report.skipped.append(
                cartridge.Skipped(entry.identifier, entry.title, "too_many_questions")
            )
            return
        last = self.draft.quizzes.aggregate(last=Max("position"))["last"]
        quiz = DraftQuiz.objects.create(
            draft=self.draft,
            position=0 if last is None else last + 1,
            title=entry.title[:200] or "—",
            after_module=module,
            updated_by=self.by,
        )
        DraftQuestion.objects.bulk_create(
            DraftQuestion(quiz=quiz, position=n, **fields) for n, fields in enumerate(questions)
        )
        self.report.imported.append(
            ImportedPart(entry.identifier, entry.kind, quiz.title, quiz.key, module.title)
        )


@transaction.atomic
def import_cartridge(
    draft: Draft, by: Person, upload: IO[bytes] | None, *, size: int | None
) -> CartridgeReport:
    """Add the modules, lessons and quizzes of a Common Cartridge (1.1 to 1.3) at the end of
    the draft and say what was left out and why. A cartridge that is not valid or not safe is
    refused whole (`cartridge_…` or `package_…` codes) and nothing is written."""
    require_editable(draft, by)
    archive = open_archive(_check_upload(upload, size), CARTRIDGE)
    read = cartridge.read_cartridge(archive)
    quizzes = sum(1 for module in read.modules for e in module.entries if e.kind == cartridge.QUIZ)
    if draft.quizzes.count() + quizzes > MAX_QUIZZES:
        message = _("A course has at most 50 quizzes; with the cartridge's it would have more.")
        raise ValidationFailed(
            ErrorCode.CARTRIDGE_TOO_MANY_ITEMS, message, fields={"file": [message]}
        )
    report = CartridgeReport(read.version, read.title, skipped=list(read.skipped))
    last = draft.modules.aggregate(last=Max("position"))["last"]
    writer = _Writer(draft, by, archive, report)
    for offset, module in enumerate(read.modules):
        writer.module(module, (0 if last is None else last + 1) + offset)
    if report.imported:
        touch(draft, by)
        record(
            draft,
            by,
            HistoryEntry.Action.EDITED,
            code="imported_cartridge",
            values={"title": read.title or "—", "count": len(report.imported)},
        )
    return report


# Export


def require_exporter(draft: Draft, by: Person) -> None:
    """Only the draft's authors (members of its organisations who write) and staff export it."""
    require(edit_draft, by, draft)


def published_draft(course: Course, by: Person) -> Draft:
    """The draft the course's latest version was published from, if `by` may export it."""
    found = (
        Draft.objects.filter(published_version__course=course)
        .order_by("-published_version__number")
        .first()
    )
    if found is None:
        raise NotFound(message=_("This course was not published from a draft."))
    require_exporter(found, by)
    return found


def _link_only(body: str) -> str | None:
    """The address of a lesson whose whole text is one link, as imported links are written."""
    text = body.strip()
    if "\n" in text or not text.startswith("[") or not text.endswith(")"):
        return None
    _label, middle, address = text.partition("](")
    if not middle or "](" in address:
        return None
    address = address[:-1].strip().removeprefix("<").removesuffix(">")
    return address if address.split(":", 1)[0].lower() in cartridge.SAFE_SCHEMES else None


def _page(lesson: DraftLesson, part: Part) -> str:
    """The lesson's HTML, its pictures and files carried in the cartridge beside it."""
    html = render_markdown(lesson.body)
    image_prefix = images.lesson_image_prefix()
    pieces = html.split(f'src="{image_prefix}')
    for index in range(1, len(pieces)):
        name, quote, rest = pieces[index].partition('"')
        try:
            with default_storage.open(f"{images.LESSON_FOLDER}/{name}", "rb") as stored:
                part.files[f"web_resources/{name}"] = stored.read()
        except (FileNotFoundError, OSError):
            pass
        pieces[index] = f"../web_resources/{name}{quote}{rest}"
    html = 'src="'.join(pieces)
    links: list[str] = []
    for attached in lesson.attachments:
        path = f"web_resources/{attached['key']}/{attached['name']}"
        try:
            with default_storage.open(str(attached["file"]), "rb") as stored:
                part.files[path] = stored.read()
        except (FileNotFoundError, OSError):
            continue
        address = reverse("catalog:attachment", args=[attached["key"]])
        html = html.replace(f'href="{address}"', f'href="../{path}"')
        links.append(f'<li><a href="../{path}">{attached["name"]}</a></li>')
    if links and not all(link.split('"')[1] in html for link in links):
        html += f"\n<h2>{_('Files')}</h2>\n<ul>{''.join(links)}</ul>"
    return html


def _question(question: DraftQuestion) -> Question:
    return Question(
        identifier=f"q-{question.key}",
        kind=question.kind,
        stem=question.stem,
        feedback=question.feedback,
        points=question.points,
        options=[dict(option) for option in question.options],
        answer_key=dict(question.answer_key),
    )


def export_cartridge(draft: Draft) -> bytes:
    """The draft's modules, lessons and quizzes with fixed questions as a Common Cartridge 1.3.
    Ordering and matching questions, which the cartridge's QTI profile lacks, are left out."""
    chapters: dict[int, Chapter] = {}
    modules = list(draft.modules.prefetch_related("lessons"))
    for module in modules:
        chapter = Chapter(f"m-{module.key}", module.title)
        for lesson in module.lessons.all():
            part = Part(f"l-{lesson.key}", lesson.title)
            address = _link_only(lesson.body)
            if address:
                part.url = address
            else:
                part.html = _page(lesson, part)
            chapter.parts.append(part)
        chapters[module.pk] = chapter
    quizzes = draft.quizzes.filter(selection=DraftQuiz.Selection.FIXED).prefetch_related(
        "questions"
    )
    for quiz in quizzes:
        questions = [_question(q) for q in quiz.questions.all() if q.kind not in NOT_EXPORTED]
        target = chapters.get(quiz.after_module_id or 0)
        if target is None and chapters:
            target = list(chapters.values())[-1]
        if target is None or not questions:
            continue
        target.parts.append(Part(f"q-{quiz.key}", quiz.title, questions=questions))
    return write_cartridge(
        f"praxis-{draft.uuid}", draft.title, draft.language, list(chapters.values())
    )
