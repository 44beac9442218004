"""Writing the archive of everything about a person: for each kind of data the apps declare, a
JSON file and a CSV file, the documents they add (credential PDFs, tickets), and a short
`index.html` saying what each file holds."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import format_html

from praxis.core.people import Person
from praxis.core.personal_data import Holding, Row, holdings
from praxis.core.timezones import UTC, profile_zone, zone_label


def exported_holdings() -> list[Holding]:
    """The holdings with a kind in the archive, in a stable order."""
    return sorted((h for h in holdings() if h.kind), key=lambda h: h.kind)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    text = str(value)
    # A spreadsheet would run a cell that starts like a formula.
    return "'" + text if text[:1] in {"=", "+", "-", "@", "\t", "\r"} else text


def _csv(rows: list[Row]) -> str:
    columns: list[str] = []
    for row in rows:
        columns.extend(name for name in row if name not in columns)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(name)) for name in columns])
    return out.getvalue()


def write_archive(
    person: Person, target: Any, progress: Callable[[int], None] = lambda percent: None
) -> None:
    """Write the zip archive of `person`'s data to the binary file `target`, calling
    `progress(percent)` after each kind."""
    kinds = exported_holdings()
    sections = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for done, holding in enumerate(kinds, start=1):
            rows = holding.export_rows(person)
            archive.writestr(
                f"{holding.kind}.json",
                json.dumps(rows, ensure_ascii=False, indent=2, sort_keys=True),
            )
            archive.writestr(f"{holding.kind}.csv", _csv(rows))
            documents = []
            if holding.files is not None:
                for name, content in holding.files(person):
                    archive.writestr(name, content)
                    documents.append(name)
            sections.append(
                {
                    "kind": holding.kind,
                    "label": holding.label,
                    "rows": len(rows),
                    "files": documents,
                }
            )
            progress(done * 100 // (len(kinds) + 1))
        archive.writestr("index.html", _index(person, sections))
    progress(100)


def _index(person: Person, sections: list[dict[str, Any]]) -> str:
    """The archive's index page, in the person's language and with the time it was made in
    their time zone (the job that writes it serves no request, which would say either)."""
    language = person.preferred_language
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    zone = profile_zone(person) or UTC
    made_at = timezone.localtime(timezone.now(), zone)
    with translation.override(language):
        when = format_html(
            '<time datetime="{}">{} ({})</time>',
            made_at.isoformat(timespec="seconds"),
            formats.date_format(made_at, "DATETIME_FORMAT"),
            zone_label(zone.key),
        )
        context = {"person": person, "sections": sections, "language": language, "when": when}
        return render_to_string("accounts/privacy/archive_index.html", context)
