"""A draft's history as its page shows it: each entry's detail in the reader's language, with
the titles in it isolated from the sentence around them, and a link to what the entry names (a
lesson, a quiz, a clinical case, a module or a part of the draft's page) while it is still in
the draft.

An entry names what it is about by its code (HISTORY_DETAILS) and, since keys are recorded, by
the key of the lesson, quiz, case or module; an older entry is matched by the title it recorded,
when one item alone has it. A comment's entry names the part of the course it is on (its anchor:
"course", "objectives", "lesson:<key>", "module:<key>").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext_lazy

from praxis.authoring.models import DECISION, HISTORY_DETAILS, Draft, DraftLesson, HistoryEntry

# The parts of a course a comment is on, as a history entry names them.
PARTS = {
    "course": pgettext_lazy("part of a course", "course"),
    "objectives": pgettext_lazy("part of a course", "learning objectives"),
    "module": pgettext_lazy("part of a course", "module"),
    "lesson": pgettext_lazy("part of a course", "lesson"),
}

# What an entry's code is about: an item of the draft (by its kind), or a section of the
# draft's page (by the id of its heading). Removals name what is gone, and link nowhere.
_ITEMS = {
    **dict.fromkeys(
        (
            "added_lesson",
            "lesson",
            "lesson_video",
            "lesson_captions",
            "lesson_image",
            "lesson_file",
            "removed_lesson_file",
            "imported_package",
            "package_version",
            "added_tool",
            "tool_pass_mark",
        ),
        "lesson",
    ),
    **dict.fromkeys(
        (
            "added_quiz",
            "quiz",
            "moved_quiz",
            "moved_question",
            "added_question",
            "question",
            "removed_question",
            "imported_questions",
        ),
        "quiz",
    ),
    "added_case": "case",
    "case": "case",
    "added_module": "module",
}
_SECTIONS = {
    "course_details": "details-heading",
    "course_image": "image-heading",
    "competency": "competencies-heading",
}
# The parts of the draft's page a comment on the course, or on its objectives, is about.
_PART_SECTIONS = {"course": "threads-course", "objectives": "details-heading"}
# Values shown as they were written (titles, names): isolated, as they may run the other way.
_WRITTEN = {"title", "name", "item"}


@dataclass(frozen=True)
class HistoryLine:
    entry: HistoryEntry
    detail: SafeString
    url: str


@dataclass
class _Items:
    """The draft's lessons, quizzes, cases and modules, by kind: key → title."""

    by_kind: dict[str, dict[str, str]]

    def key_of(self, kind: str, key: str, title: str) -> str:
        """The key of the item the entry names: its recorded key while the item is there, or
        the one item of that kind with the recorded title."""
        items = self.by_kind.get(kind, {})
        if key:
            return key if key in items else ""
        matching = [found for found, named in items.items() if named == title]
        return matching[0] if len(matching) == 1 else ""


def _items(draft: Draft) -> _Items:
    def keyed(rows: Any) -> dict[str, str]:
        return {str(key): title for key, title in rows.values_list("key", "title")}

    return _Items(
        {
            "lesson": keyed(DraftLesson.objects.filter(module__draft=draft)),
            "quiz": keyed(draft.quizzes.all()),
            "case": keyed(draft.cases.all()),
            "module": keyed(draft.modules.all()),
        }
    )


def _worded(template: Any, values: dict[str, Any]) -> SafeString:
    """`template` (a message with %(name)s placeholders) in the reader's language, its values
    escaped and those written by people isolated."""
    shown = {
        name: format_html("<bdi>{}</bdi>", value) if name in _WRITTEN else conditional_escape(value)
        for name, value in values.items()
    }
    try:
        return mark_safe(conditional_escape(str(template)) % shown)  # noqa: S308 (every part escaped above)
    except (KeyError, TypeError, ValueError):
        return conditional_escape(str(template))


def _url(draft: Draft, kind: str, key: str) -> str:
    if kind == "module":
        return reverse("authoring:draft", args=[draft.uuid]) + "#content-heading"
    return reverse(f"authoring:{kind}", args=[draft.uuid, key])


def _comment_line(draft: Draft, entry: HistoryEntry, items: _Items) -> HistoryLine:
    """A comment's entry, naming the part of the course the comment is on."""
    part, _sep, key = entry.detail.partition(":")
    if part not in PARTS:
        return HistoryLine(entry, conditional_escape(entry.detail), "")
    if part in _PART_SECTIONS:
        page = reverse("authoring:draft", args=[draft.uuid])
        return HistoryLine(entry, conditional_escape(PARTS[part]), f"{page}#{_PART_SECTIONS[part]}")
    title = items.by_kind[part].get(key)
    if title is None:  # no longer in the draft
        return HistoryLine(entry, conditional_escape(PARTS[part]), "")
    return HistoryLine(
        entry, _worded(HISTORY_DETAILS[part], {"title": title}), _url(draft, part, key)
    )


def _line(draft: Draft, entry: HistoryEntry, items: _Items) -> HistoryLine:
    if entry.action in (HistoryEntry.Action.COMMENTED, HistoryEntry.Action.RESOLVED):
        return _comment_line(draft, entry, items)
    template = HISTORY_DETAILS.get(entry.detail_code)
    if entry.detail_code == DECISION:
        return HistoryLine(entry, conditional_escape(entry.detail_text), "")
    if template is None:  # what needs no translation (a name), or a detail recorded before codes
        text = entry.detail_text
        return HistoryLine(entry, format_html("<bdi>{}</bdi>", text) if text else SafeString(), "")
    values: dict[str, Any] = entry.detail_values
    detail = _worded(template, values)
    url = ""
    if entry.detail_code in _SECTIONS:
        url = reverse("authoring:draft", args=[draft.uuid]) + f"#{_SECTIONS[entry.detail_code]}"
    elif kind := _ITEMS.get(entry.detail_code):
        key = items.key_of(kind, str(values.get("key", "")), str(values.get("title", "")))
        url = _url(draft, kind, key) if key else ""
    return HistoryLine(entry, detail, url)


def history_lines(draft: Draft, entries: list[HistoryEntry]) -> list[HistoryLine]:
    """The draft's history entries as its page shows them (four queries, however many)."""
    items = _items(draft)
    return [_line(draft, entry, items) for entry in entries]
