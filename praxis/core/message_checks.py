"""Checks of a translation catalogue (.po file) before it is compiled: what a translator fixes.

Errors (the `checkmessages` command exits non-zero on any):

- an entry not translated, or one of its plural forms left empty;
- an entry marked fuzzy (gettext's "needs review": Django ignores it once compiled);
- placeholders that differ from the source's. Python's `%(name)s` and `%s`: a translation may
  use only names the source has and, outside plural forms, must keep every one (a plural form
  such as Arabic's "one" may drop the count); unnamed ones must be as many, of the same types,
  in the same order. `{name}` fields likewise. HTML tags: the same tags, each as many times.

Warnings (reported, not failing):

- a translation much longer than its source, which would break buttons, menus and table cells:
  longer than twice the source plus ten characters (tags left out of both counts). Short
  sources get the ten characters of slack because a word may rightly grow ("OK" → "Bestätigen").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib

from praxis.core.patterns import client_pattern

# "%(name)s", "%s", "%5.2f"; "%%" is a literal percent sign and no placeholder.
PYTHON_PLACEHOLDER = client_pattern(
    r"%(?:\(([A-Za-z_][A-Za-z0-9_]*)\))?[#0 +-]*(?:\*|[0-9]+)?(?:\.(?:\*|[0-9]+))?"
    r"([diouxXeEfFgGcrsa%])"
)
BRACE_PLACEHOLDER = client_pattern(r"\{([A-Za-z_][A-Za-z0-9_]*|[0-9]*)(?:![rsa])?(?::[^{}]*)?\}")
HTML_TAG = client_pattern(r"</?([A-Za-z][A-Za-z0-9-]*)\b[^<>]*>")
# A translation longer than this many times its source, plus the slack, is flagged.
LENGTH_FACTOR = 2
LENGTH_SLACK = 10


@dataclass(frozen=True)
class Problem:
    """One finding: `kind` (untranslated, fuzzy, placeholders, tags, too_long), whether it is an
    error (else a warning), where (file and line) and what (the source text and a detail)."""

    kind: str
    error: bool
    path: Path
    line: int
    msgid: str
    detail: str = ""

    def __str__(self) -> str:
        level = "error" if self.error else "warning"
        source = self.msgid if len(self.msgid) <= 60 else self.msgid[:57] + "..."
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.path}:{self.line}: {level}: {self.kind}{detail}: {source!r}"


def _python_placeholders(text: str) -> tuple[Counter[str], list[str]]:
    """(named placeholders counted, types of the unnamed ones in order)."""
    named: Counter[str] = Counter()
    unnamed: list[str] = []
    for match in PYTHON_PLACEHOLDER.finditer(text):
        name, kind = match.group(1), match.group(2)
        if kind == "%":
            continue
        if name:
            named[name] += 1
        else:
            unnamed.append(kind)
    return named, unnamed


def _brace_fields(text: str) -> Counter[str]:
    # "{{" and "}}" are literal braces in str.format.
    return Counter(BRACE_PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


def _tags(text: str) -> Counter[str]:
    """Opening and closing tags by name: "<a href=…>" and "</a>" count as "<a" and "</a"."""
    return Counter(
        ("</" if match.group(0).startswith("</") else "<") + match.group(1).lower()
        for match in HTML_TAG.finditer(text)
    )


def _visible_length(text: str) -> int:
    return len(HTML_TAG.sub("", text))


def placeholder_problems(
    source: str, translation: str, *, flags: list[str], plural_form: bool = False
) -> list[str]:
    """What differs between the placeholders and tags of `source` and of `translation`."""
    found: list[str] = []
    checks_python = "python-format" in flags or (
        "no-python-format" not in flags and PYTHON_PLACEHOLDER.search(source) is not None
    )
    if checks_python:
        source_named, source_unnamed = _python_placeholders(source)
        named, unnamed = _python_placeholders(translation)
        unknown = sorted(set(named) - set(source_named))
        if unknown:
            found.append("unknown placeholders " + ", ".join(f"%({n})" for n in unknown))
        missing = sorted(set(source_named) - set(named))
        if missing and not plural_form:
            found.append("missing placeholders " + ", ".join(f"%({n})" for n in missing))
        if unnamed != source_unnamed:
            found.append(
                f"unnamed placeholders {''.join('%' + k for k in unnamed) or 'none'}"
                f" instead of {''.join('%' + k for k in source_unnamed) or 'none'}"
            )
    if "python-brace-format" in flags or _brace_fields(source):
        source_fields, fields = _brace_fields(source), _brace_fields(translation)
        if set(fields) - set(source_fields) or (
            not plural_form and set(source_fields) - set(fields)
        ):
            found.append(
                "fields {" + "}, {".join(sorted(fields)) + "} instead of {"
                + "}, {".join(sorted(source_fields)) + "}"
            )  # fmt: skip
    if _tags(source) != _tags(translation):
        found.append("HTML tags differ from the source's")
    return found


def _too_long(source: str, translation: str) -> bool:
    return _visible_length(translation) > LENGTH_FACTOR * _visible_length(source) + LENGTH_SLACK


def check_catalogue(path: Path) -> list[Problem]:
    """Every problem of the .po file at `path`, in the order of its entries."""
    problems: list[Problem] = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete or not entry.msgid:
            continue

        def report(kind: str, error: bool, detail: str = "", entry: polib.POEntry = entry) -> None:
            problems.append(Problem(kind, error, path, entry.linenum, entry.msgid, detail))

        if entry.msgid_plural:
            pairs = [
                (entry.msgid if index == "0" else entry.msgid_plural, text, True)
                for index, text in sorted(entry.msgstr_plural.items(), key=lambda i: int(i[0]))
            ]
            untranslated = not pairs or any(not text for _source, text, _p in pairs)
        else:
            pairs = [(entry.msgid, entry.msgstr, False)]
            untranslated = not entry.msgstr
        if untranslated:
            report("untranslated", True)
            continue
        if "fuzzy" in entry.flags:
            report("fuzzy", True)
        # Every plural form is filled from the plural source's placeholders.
        source = entry.msgid_plural or entry.msgid
        details = [
            detail
            for _source, text, plural_form in pairs
            for detail in placeholder_problems(
                source, text, flags=entry.flags, plural_form=plural_form
            )
        ]
        for detail in dict.fromkeys(details):
            report("placeholders", True, detail)
        if any(_too_long(source, text) for source, text, _p in pairs):
            report(
                "too_long",
                False,
                f"longer than {LENGTH_FACTOR} × the source + {LENGTH_SLACK} characters",
            )
    return problems
