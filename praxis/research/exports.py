"""Writing an export: consenting learners' statements, pseudonymised and k-anonymous, as CSV
and Parquet, with progress, checksums and a report.

Consent is read when the export starts, and read again once the files are written: a learner
who withdrew or whose account was erased in between is left out by building the export again
without them (at most MAX_ATTEMPTS times; after that the export fails and no file is kept). The
second reading and marking the export done happen in one transaction under the participants
lock (consent.lock_participants), which an account erasure holds alone: so no file that can be
downloaded ever holds a learner who had withdrawn or been erased when it was finished, and a
failed run leaves no file behind.
"""

from __future__ import annotations

import csv
import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, Storage, storages
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from praxis.accounts.models import User
from praxis.core.errors import PraxisError
from praxis.lrs.models import Purpose, Statement
from praxis.lrs.queries import trusted_statements
from praxis.lrs.services import account_agent, actor_key
from praxis.reference.models import RegionMembership
from praxis.research import consent
from praxis.research.access import check_can_export, export_expiry
from praxis.research.anonymity import (
    QUASI_IDENTIFIERS,
    Row,
    StatementGroups,
    StatementPlan,
    age_band,
    counting_day,
    k_anonymise,
    pseudonym,
)
from praxis.research.models import Export, ExportColumn, Project

if TYPE_CHECKING:
    from _csv import Writer as CsvWriter

    import pyarrow as pa
    import pyarrow.parquet as pq

MAX_ATTEMPTS = 3
BATCH = 20_000
PSEUDONYM = "learner"
# Every column an export can write, in order, with its Parquet type (named as pyarrow names its
# type functions). The pseudonym is always written; the others only when the project asked for
# them (Project.columns).
COLUMN_TYPES: dict[str, str] = {
    PSEUDONYM: "string",
    ExportColumn.WHO_REGION: "string",
    ExportColumn.OCCUPATION_GROUP: "string",
    ExportColumn.ORGANISATION: "string",
    ExportColumn.AGE_BAND: "string",
    ExportColumn.VERB: "string",
    ExportColumn.ACTIVITY: "string",
    ExportColumn.REGISTRATION: "string",
    # The first day of the statement's day, week or month (Project.time_precision), in UTC.
    ExportColumn.TIMESTAMP: "date32",
    ExportColumn.COMPLETION: "bool_",
    ExportColumn.SUCCESS: "bool_",
    ExportColumn.SCORE_SCALED: "float64",
    ExportColumn.DURATION: "string",
}
COLUMNS = tuple(str(name) for name in COLUMN_TYPES)
FORMATS = ("csv", "parquet")


def columns_of(project: Project) -> list[str]:
    """The columns an export of `project` writes: the pseudonym, then those requested."""
    requested = set(project.columns)
    return [PSEUDONYM, *(name for name in COLUMNS[1:] if name in requested)]


def schema_of(columns: list[str]) -> pa.Schema:
    # Imported when an export is written, not at start-up: pyarrow adds about 40 MB to every
    # process, and only the export job needs it.
    import pyarrow as pa

    return pa.schema([(name, getattr(pa, COLUMN_TYPES[name])()) for name in columns])


def export_root() -> Path:
    root = getattr(settings, "RESEARCH_EXPORT_ROOT", None)
    return Path(root) if root else Path(settings.VAR_DIR) / "research-exports"


def export_path(export: Export, fmt: str) -> Path:
    """Where a file of `export` lies when exports are kept on local disk."""
    return export_root() / export_name(export, fmt)


def export_name(export: Export, fmt: str) -> str:
    """The name of a file of `export` in the export storage."""
    return f"{export.uuid}/export.{fmt}"


def export_storage() -> Storage:
    """Where export files are kept: the `research_exports` storage when one is configured (object
    storage, see settings), else the folder RESEARCH_EXPORT_ROOT on local disk."""
    if "research_exports" in settings.STORAGES:
        return storages["research_exports"]
    return FileSystemStorage(location=export_root())


def _store(export: Export, folder: Path) -> None:
    storage = export_storage()
    for fmt in FORMATS:
        name = export_name(export, fmt)
        storage.delete(name)  # written again from the start: replace, never rename
        with (folder / f"export.{fmt}").open("rb") as file:
            storage.save(name, File(file))


def _discard(export: Export) -> None:
    storage = export_storage()
    for fmt in FORMATS:
        storage.delete(export_name(export, fmt))


class ConsentChanged(Exception):
    """Learners withdrew while the export was being written."""


def region_of_country() -> dict[str, str]:
    """Each country's current WHO region."""
    today = timezone.now().date()
    rows = (
        RegionMembership.objects.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=today))
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gt=today))
        .values_list("country", "region")
    )
    return dict(rows)


def quasi_identifiers(
    learner_ids: set[int], on_year: int | None = None
) -> dict[int, tuple[str, ...]]:
    """learner id → (uuid, WHO region, occupation group, organisation, age band in `on_year`),
    before anonymising; unknown values are ""."""
    regions = region_of_country()
    on_year = on_year or timezone.now().year
    people: dict[int, tuple[str, ...]] = {}
    rows = User.objects.filter(pk__in=learner_ids) if len(learner_ids) < 500 else User.objects
    for pk, uuid, country, group, organisation, birth_year in rows.values_list(
        "pk", "uuid", "country", "occupation__group", "organisation_name", "birth_year"
    ).iterator(chunk_size=BATCH):
        if pk in learner_ids:
            people[pk] = (
                str(uuid),
                regions.get(str(country), ""),
                group or "",
                " ".join(str(organisation).split()).casefold(),
                age_band(birth_year, on_year),
            )
    return people


def statements_in_scope(project: Project) -> QuerySet[Statement]:
    """The statements the project asked for: its verbs and date range, never voided ones, and
    only those of an authority trusted for research."""
    statements = trusted_statements(Purpose.RESEARCH)
    if project.verbs:
        statements = statements.filter(verb_id__in=project.verbs)
    if project.date_from:
        statements = statements.filter(timestamp__date__gte=project.date_from)
    if project.date_to:
        statements = statements.filter(timestamp__date__lte=project.date_to)
    return statements


@dataclass
class Written:
    rows: int
    learners: int
    csv_sha256: str
    parquet_sha256: str


def report_progress(export: Export, percent: int) -> None:
    """Store how far the export has got, for the page that polls it."""
    if percent != export.progress:
        export.progress = percent
        Export.objects.filter(pk=export.pk).update(progress=percent)


# What a statement gives an export, in this order, after the learner's own values.
STATEMENT_COLUMNS = (
    ExportColumn.VERB,
    ExportColumn.ACTIVITY,
    ExportColumn.REGISTRATION,
    ExportColumn.TIMESTAMP,
    ExportColumn.COMPLETION,
    ExportColumn.SUCCESS,
    ExportColumn.SCORE_SCALED,
    ExportColumn.DURATION,
)


def _statement_rows(
    export: Export, keys: dict[str, int], total: int
) -> Iterator[tuple[int, tuple[Any, ...]]]:
    """Every statement in scope of a learner kept: the learner's id and the statement's values
    of STATEMENT_COLUMNS (the caller keeps the columns requested)."""
    project = export.project
    secret = project.secret
    fields = (
        "actor_key",
        "verb_id",
        "activity_id",
        "registration",
        "timestamp",
        "data__result__completion",
        "data__result__success",
        "data__result__score__scaled",
        "data__result__duration",
    )
    seen = 0
    registration_codes: dict[Any, str] = {}

    def registration_code(registration: Any) -> str:
        code = pseudonym(secret, str(registration)) if registration else ""
        registration_codes[registration] = code
        return code

    statements = statements_in_scope(project).order_by().values_list(*fields)
    for (
        key,
        verb,
        activity,
        registration,
        timestamp,
        done,
        success,
        score,
        duration,
    ) in statements.iterator(chunk_size=BATCH):
        seen += 1
        if seen % BATCH == 0 and total:
            report_progress(export, min(95, 5 + 90 * seen // total))
        learner = keys.get(key)
        if learner is None:
            continue
        yield (
            learner,
            (
                verb,
                activity,
                registration_codes.get(registration) or registration_code(registration),
                timestamp,
                done if isinstance(done, bool) else None,
                success if isinstance(success, bool) else None,
                float(score) if isinstance(score, int | float) else None,
                duration if isinstance(duration, str) else "",
            ),
        )


def _statement_plan(
    export: Export, keys: dict[str, int], groups: dict[int, Row], columns: list[str]
) -> StatementPlan:
    """Read the statements in scope once to see how often each combination of their
    quasi-identifiers occurs, and decide how they are written (anonymity.StatementPlan)."""
    writes_verb = ExportColumn.VERB in columns
    writes_activity = ExportColumn.ACTIVITY in columns
    writes_time = ExportColumn.TIMESTAMP in columns
    precision = export.project.time_precision if writes_time else ""
    counter = StatementGroups(export.k)
    statements = statements_in_scope(export.project).order_by()
    for key, verb, activity, timestamp in statements.values_list(
        "actor_key", "verb_id", "activity_id", "timestamp"
    ).iterator(chunk_size=BATCH):
        learner = keys.get(key)
        if learner is not None:
            counter.add(
                learner,
                groups[learner],
                verb if writes_verb else "",
                activity if writes_activity else "",
                counting_day(timestamp.date(), precision) if precision else None,
            )
    return counter.plan(precision, writes_activity)


def _write(export: Export, learner_ids: set[int], folder: Path) -> tuple[Written, dict[str, Any]]:
    project = export.project
    columns = columns_of(project)
    exported = [name for name in QUASI_IDENTIFIERS if name in columns]
    indexes = [QUASI_IDENTIFIERS.index(name) + 1 for name in exported]
    people = quasi_identifiers(learner_ids, on_year=timezone.now().year)
    anonymised = k_anonymise(
        {pk: tuple(row[i] for i in indexes) for pk, row in people.items()}, export.k, exported
    )
    # Each learner's own values once (pseudonym, then the generalised quasi-identifiers), so a
    # row is that tuple and the statement's, with the requested columns picked out.
    own = [PSEUDONYM, *anonymised.report["quasi_identifiers"]]
    learner_values = {
        pk: (pseudonym(project.secret, people[pk][0]), *values)
        for pk, values in anonymised.rows.items()
    }
    every = [*own, *STATEMENT_COLUMNS]
    pick = itemgetter(*(every.index(name) for name in columns))
    single = len(columns) == 1
    keys = {actor_key(account_agent(people[pk][0])): pk for pk in anonymised.rows}
    report_progress(export, 5)
    plan = _statement_plan(export, keys, anonymised.rows, columns)
    writes = {name: name in columns for name in (ExportColumn.VERB, ExportColumn.ACTIVITY)}
    total = statements_in_scope(project).count()
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, parquet_path = folder / "export.csv", folder / "export.parquet"
    count = 0
    learners: set[int] = set()
    schema = schema_of(columns)
    import pyarrow.parquet as pq  # see schema_of

    with csv_path.open("w", newline="", encoding="utf-8") as csv_file:
        writer = csv.writer(csv_file)
        writer.writerow(columns)
        with pq.ParquetWriter(parquet_path, schema) as parquet:
            batch: list[tuple[Any, ...]] = []
            for learner, values in _statement_rows(export, keys, total):
                verb, activity, registration, timestamp, *result = values
                _group, _verb, activity, when = key = plan.key(
                    anonymised.rows[learner],
                    verb if writes[ExportColumn.VERB] else "",
                    activity if writes[ExportColumn.ACTIVITY] else "",
                    timestamp.date() if plan.precision else None,
                )
                if key not in plan.allowed:
                    continue  # a group of fewer than k learners
                learners.add(learner)
                row = pick(learner_values[learner] + (verb, activity, registration, when, *result))
                batch.append((row,) if single else row)
                if len(batch) >= BATCH:
                    count += _flush(batch, writer, parquet, schema)
            count += _flush(batch, writer, parquet, schema)
    report = {**anonymised.report, **plan.report, "columns": columns}
    return (
        Written(count, len(learners), _sha256(csv_path), _sha256(parquet_path)),
        report,
    )


def _flush(
    batch: list[tuple[Any, ...]], writer: CsvWriter, parquet: pq.ParquetWriter, schema: pa.Schema
) -> int:
    if not batch:
        return 0
    stamp = schema.get_field_index(ExportColumn.TIMESTAMP)
    rows = [["" if value is None else value for value in row] for row in batch]
    if stamp >= 0:
        for row in rows:
            row[stamp] = row[stamp].isoformat() if row[stamp] else ""
    writer.writerows(rows)
    import pyarrow as pa  # see schema_of

    columns = list(zip(*batch, strict=True))
    parquet.write_table(pa.Table.from_arrays([pa.array(c) for c in columns], schema=schema))
    count = len(batch)
    batch.clear()
    return count


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run_export(export_id: int) -> Export:
    """Produce the files of export `export_id`; safe to run again (it starts over)."""
    export = Export.objects.select_related("project").get(pk=export_id)
    if export.status == Export.Status.DONE:
        return export
    # Written on local disk first, then kept in the export storage.
    folder = Path(tempfile.mkdtemp(prefix="praxis-export-"))
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.RUNNING, started_at=timezone.now(), progress=0
    )
    try:
        _check_still_allowed(export)
        learner_ids = consent.consenting_learner_ids()
        withdrawn_total = 0
        for _attempt in range(MAX_ATTEMPTS):
            written, report = _write(export, learner_ids, folder)
            # Stored, but not downloadable until marked done below.
            _store(export, folder)
            with transaction.atomic():
                consent.lock_participants(exclusive=False)
                still = consent.consenting_learner_ids()
                withdrawn = learner_ids - still
                if not withdrawn:
                    # The approval may have ended while the files were written.
                    _check_still_allowed(export)
                    report["withdrawn_during_export"] = withdrawn_total
                    _mark_done(export, written, report)
                    break
            withdrawn_total += len(withdrawn)
            learner_ids = learner_ids & still
        else:
            raise ConsentChanged()
    except (PraxisError, ConsentChanged) as error:
        _discard(export)
        message = (
            str(error.message)
            if isinstance(error, PraxisError)
            else "Consent kept changing while the export ran; try again."
        )
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=message, finished_at=timezone.now()
        )
        export.refresh_from_db()
        return export
    except Exception:
        _discard(export)  # no half-written file is left behind for the retry
        raise
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    export.refresh_from_db()
    return export


def _mark_done(export: Export, written: Written, report: dict[str, Any]) -> None:
    finished = timezone.now()
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.DONE,
        progress=100,
        rows=written.rows,
        learners=written.learners,
        csv_sha256=written.csv_sha256,
        parquet_sha256=written.parquet_sha256,
        report=report,
        finished_at=finished,
        expires_at=export_expiry(finished),
    )


def _check_still_allowed(export: Export) -> None:
    project = Project.objects.get(pk=export.project_id)
    check_can_export(project, export.requested_by)
