"""Importing organisations from CSV: a preview with row-level errors, then all rows or none.

The import is all-or-nothing: if any row has an error nothing is written, so a file is fixed
and uploaded again rather than half-imported. Rows are matched to existing organisations by slug
(derived from the name when the column is empty): a match is updated, anything else is created.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.functional import Promise
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from praxis.core.errors import ErrorCode, PayloadTooLarge, ValidationFailed
from praxis.core.people import Person
from praxis.core.permissions import require
from praxis.organisations.models import CollaboratingCentre, Organisation, term_end
from praxis.organisations.permissions import manage_directory

REQUIRED_COLUMNS = ("name", "type", "country")
OPTIONAL_COLUMNS = (
    "slug",
    "short_name",
    "website",
    "description",
    "topics",
    "reference_number",
    "centre_title",
    "designated_on",
    "redesignated_on",
    "technical_unit",
)
MAX_BYTES = 1024 * 1024
MAX_ROWS = 5000


@dataclass
class Row:
    line: int
    values: dict[str, str]
    slug: str = ""
    errors: list[str | Promise] = field(default_factory=list)
    exists: bool = False


@dataclass
class Preview:
    rows: list[Row]

    @property
    def valid(self) -> bool:
        return bool(self.rows) and not any(row.errors for row in self.rows)

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise PayloadTooLarge(
            ErrorCode.FILE_TOO_LARGE, _("A CSV file can be at most 1 MB."), fields={"file": []}
        )


def _broken_quotes(line: int) -> ValidationFailed:
    return ValidationFailed(
        message=_(
            "The quotation marks on line %(line)s do not pair up, so the file cannot be read "
            "from there on. A value in quotes starts and ends with a quotation mark; a quotation "
            "mark inside it is written twice."
        )
        % {"line": line},
        fields={"file": []},
    )


def _records(text: str) -> Iterator[tuple[int, list[str]]]:
    """Each record of the CSV text with the line it starts on (a quoted value may span lines);
    blank lines are skipped. A record whose quotes do not pair up is refused by its line."""
    # Strict: an unclosed quotation mark is refused rather than read to the end of the file.
    reader = csv.reader(io.StringIO(text), strict=True)
    while True:
        line = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _broken_quotes(line) from error
        if record:
            yield line, record


def _read(text: str) -> list[tuple[int, dict[str, str]]]:
    """The rows of the CSV text, each with its line, keyed by column; raises when the file as
    a whole cannot be read (empty, not CSV, columns not the expected ones, too many rows)."""
    check_size(len(text.encode()))
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ValidationFailed(ErrorCode.FILE_EMPTY, _("This file is empty."), fields={"file": []})
    if "\x00" in text:
        raise ValidationFailed(message=_("This file is not valid CSV."), fields={"file": []})
    records = _records(text)
    _header_line, header = next(records)
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    unknown = [name for name in columns if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    if missing or unknown or len(set(columns)) != len(columns):
        problems: list[str | Promise] = []
        if missing:
            problems.append(
                _("These columns are missing: %(names)s.") % {"names": ", ".join(missing)}
            )
        if unknown:
            problems.append(
                _("These columns are not known: %(names)s.") % {"names": ", ".join(unknown)}
            )
        raise ValidationFailed(
            ErrorCode.CSV_WRONG_COLUMNS,
            _("The columns are not the expected ones. Required: %(required)s.")
            % {"required": ", ".join(REQUIRED_COLUMNS)},
            fields={"file": problems or [_("A column appears twice.")]},
        )
    rows: list[tuple[int, dict[str, str]]] = []
    for line, record in records:
        if len(rows) >= MAX_ROWS:
            raise ValidationFailed(
                message=_("A CSV file can have at most %(rows)s rows.") % {"rows": MAX_ROWS},
                fields={"file": []},
            )
        # Values beyond the last column are dropped; missing ones are empty.
        padded = (record + [""] * len(columns))[: len(columns)]
        rows.append(
            (line, {name: value.strip() for name, value in zip(columns, padded, strict=True)})
        )
    return rows


def preview(text: str) -> Preview:
    """Check every row of the CSV text; raise only when the file as a whole is unusable."""
    raw_rows = _read(text)
    if not raw_rows:
        raise ValidationFailed(message=_("The file has no rows."), fields={"file": []})
    rows = [Row(line=line, values=values) for line, values in raw_rows]
    seen_slugs: dict[str, int] = {}
    seen_references: dict[str, int] = {}
    check_url = URLValidator()
    for row in rows:
        values = row.values
        if not values.get("name"):
            row.errors.append(_("The name is empty."))
        if len(values.get("name", "")) > 250:
            row.errors.append(_("The name is longer than 250 characters."))
        if values.get("type") not in Organisation.Type.values:
            row.errors.append(_("Unknown type “%(type)s”.") % {"type": values.get("type", "")})
        country = values.get("country", "").upper()
        if country not in countries:
            row.errors.append(_("Unknown country “%(country)s”.") % {"country": country})
        row.slug = slugify(values.get("slug") or values.get("name", ""))[:80]
        if row.slug in seen_slugs:
            row.errors.append(
                _("Same organisation as line %(line)s.") % {"line": seen_slugs[row.slug]}
            )
        seen_slugs.setdefault(row.slug, row.line)
        if values.get("website"):
            try:
                check_url(values["website"])
            except ValidationError:
                row.errors.append(_("The website is not a valid address."))
        reference = values.get("reference_number", "").upper()
        if reference:
            if reference in seen_references:
                row.errors.append(
                    _("Reference number %(ref)s is also on line %(line)s.")
                    % {"ref": reference, "line": seen_references[reference]}
                )
            seen_references.setdefault(reference, row.line)
            try:
                if _date(values.get("designated_on", "")) is None:
                    row.errors.append(_("A Collaborating Centre needs its designation date."))
                _date(values.get("redesignated_on", ""))
            except ValueError:
                row.errors.append(_("Dates are written YYYY-MM-DD."))
            if not values.get("centre_title"):
                row.errors.append(_("A Collaborating Centre needs its title."))
    existing_slugs = set(
        Organisation.objects.filter(slug__in=seen_slugs).values_list("slug", flat=True)
    )
    taken = dict(
        CollaboratingCentre.objects.filter(reference_number__in=seen_references).values_list(
            "reference_number", "organisation__slug"
        )
    )
    for row in rows:
        row.exists = row.slug in existing_slugs
        reference = row.values.get("reference_number", "").upper()
        if reference in taken and taken[reference] != row.slug:
            row.errors.append(
                _("Reference number %(ref)s belongs to another organisation.") % {"ref": reference}
            )
    return Preview(rows)


@transaction.atomic
def import_organisations(text: str, by: Person) -> Preview:
    """Create or update every organisation in the CSV text, or, if any row is wrong, none."""
    require(manage_directory, by)
    result = preview(text)
    if not result.valid:
        raise ValidationFailed(
            ErrorCode.CSV_INVALID_ROWS,
            _("%(count)s rows have errors; nothing was imported.") % {"count": result.error_count},
            fields={f"line {row.line}": list(row.errors) for row in result.rows if row.errors},
        )
    for row in result.rows:
        values = row.values
        organisation, _created = Organisation.objects.update_or_create(
            slug=row.slug,
            defaults={
                "name": values["name"],
                "type": values["type"],
                "country": values["country"].upper(),
                "short_name": values.get("short_name", "")[:50],
                "website": values.get("website", ""),
                "description": values.get("description", ""),
                "topics": [t.strip() for t in values.get("topics", "").split(";") if t.strip()],
            },
        )
        if reference := values.get("reference_number", "").upper():
            designated = _date(values["designated_on"])
            assert designated is not None  # checked in preview
            redesignated = _date(values.get("redesignated_on", ""))
            CollaboratingCentre.objects.update_or_create(
                organisation=organisation,
                defaults={
                    "reference_number": reference,
                    "title": values["centre_title"][:300],
                    "designated_on": designated,
                    "redesignated_on": redesignated,
                    "expires_on": term_end(designated, redesignated),
                    "technical_unit": values.get("technical_unit", "")[:200],
                },
            )
    return result
