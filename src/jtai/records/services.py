"""The one entry point that writes a read file into the database: `record_load`.

A rejected file leaves a Load row and its issues (the history) and nothing else. An accepted file's
load row, records and issues commit together; a newer file of the same kind then supersedes the
older one for the area, whose records are removed while its Load row stays. The same bytes offered
again change nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Protocol

import pyarrow as pa
from django.db import connection, transaction

from jtai.areas.models import Area
from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS
from jtai.core.issues import Issue, Severity
from jtai.records.models import EventRecord, Load, LoadIssue, LoadStatus, PersonRecord
from jtai.store.bulk import insert_arrow, insert_rows

ISSUE_COLUMNS = ("file", "row", "path", "column", "value", "rule", "severity", "message")


class ReadFile(Protocol):
    """What a reader hands over (jtai.ingest.model.ParsedFile satisfies it)."""

    source: Any
    kind: Any
    file: str
    sha256: str
    persons: pa.Table
    events: pa.Table
    issues: list[Issue]
    rows_read: int
    columns: dict[str, list[str]]

    @property
    def rejected(self) -> bool: ...


@dataclass(frozen=True)
class LoadOutcome:
    load: Load
    unchanged: bool = False

    @property
    def accepted(self) -> bool:
        return self.load.status != LoadStatus.REJECTED


def record_load(
    area: Area,
    parsed: ReadFile,
    *,
    as_of: date,
    actor: str,
    user: Any = None,
) -> LoadOutcome:
    """Write one read file for one area, atomically. See the module docstring for the rules."""
    kind = str(parsed.kind or parsed.source or "")
    already = Load.objects.filter(
        area=area, sha256=parsed.sha256, kind=kind, status=LoadStatus.ACCEPTED
    ).first()
    if already is not None:
        return LoadOutcome(already, unchanged=True)
    counts = _severity_counts(parsed.issues)
    with transaction.atomic():
        load = Load.objects.create(
            area=area,
            source=str(parsed.source or ""),
            kind=kind,
            file_name=parsed.file,
            sha256=parsed.sha256,
            status=LoadStatus.REJECTED if parsed.rejected else LoadStatus.ACCEPTED,
            as_of=as_of,
            loaded_by=user if getattr(user, "pk", None) else None,
            actor=actor,
            rows_read=parsed.rows_read,
            columns=parsed.columns,
            **counts,
        )
        raw = connection.connection
        vendor = connection.vendor
        insert_rows(
            raw,
            vendor,
            LoadIssue._meta.db_table,
            ("load_id", *ISSUE_COLUMNS),
            _issue_rows(load, parsed),
        )
        if load.status == LoadStatus.ACCEPTED:
            owner = {"area_id": area.pk, "load_id": load.pk}
            load.persons_loaded = insert_arrow(
                raw, vendor, PersonRecord._meta.db_table, parsed.persons, PERSON_COLUMNS, owner
            )
            load.events_loaded = insert_arrow(
                raw, vendor, EventRecord._meta.db_table, parsed.events, EVENT_COLUMNS, owner
            )
            load.save(update_fields=["persons_loaded", "events_loaded"])
            _supersede_older(load)
    return LoadOutcome(load)


def _severity_counts(issues: list[Issue]) -> dict[str, int]:
    counts = {"errors": 0, "queries": 0, "warnings": 0}
    names = {Severity.ERROR: "errors", Severity.QUERY: "queries", Severity.WARNING: "warnings"}
    for issue in issues:
        counts[names[Severity(issue.severity)]] += 1
    return counts


def _issue_rows(load: Load, parsed: ReadFile):
    for issue in parsed.issues:
        yield (
            load.pk,
            issue.file,
            issue.row,
            issue.path or "",
            issue.column or "",
            "" if issue.value is None else str(issue.value),
            issue.rule,
            str(issue.severity),
            issue.message,
        )


def _supersede_older(load: Load) -> None:
    older = Load.objects.filter(area=load.area, kind=load.kind, status=LoadStatus.ACCEPTED).exclude(
        pk=load.pk
    )
    older_ids = list(older.values_list("pk", flat=True))
    if not older_ids:
        return
    PersonRecord.objects.filter(load_id__in=older_ids).delete()
    EventRecord.objects.filter(load_id__in=older_ids).delete()
    older.update(status=LoadStatus.SUPERSEDED, superseded_by=load)
