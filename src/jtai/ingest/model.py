"""What a reader hands back: one ParsedFile per input file, in the canonical persons/events model.

Readers never raise for bad input; they return a ParsedFile whose issues say what was wrong. A file
with any error is `rejected`, and its tables are then only informative: the loader stores nothing
from it (the storage layer, not this package, makes that atomic).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import pyarrow as pa

from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS, Source
from jtai.core.issues import Issue


class FileKind(StrEnum):
    """What one file is. Several kinds share a Source (the 903 return comes as several CSVs)."""

    CIN_CENSUS = "cin_census"
    SSDA903_HEADER = "ssda903_header"
    SSDA903_EPISODES = "ssda903_episodes"
    SSDA903_OC2 = "ssda903_oc2"
    SSDA903_MISSING = "ssda903_missing"
    SSDA903_REVIEWS = "ssda903_reviews"
    SSDA903_UASC = "ssda903_uasc"
    ANNEX_A = "annex_a"
    LA_PERSONS = "la_persons"
    HEALTH_REFERRALS = "health_referrals"
    HEALTH_EVENTS = "health_events"
    POLICE_EVENTS = "police_events"
    SCHOOL_PUPILS = "school_pupils"
    SCHOOL_EVENTS = "school_events"
    YJS_CASES = "yjs_cases"
    EARLY_HELP = "early_help"
    MAPPED = "mapped"  # a partner's own layout with a YAML mapping file next to it
    POPULATION = "population"  # reference data, not a partner extract: recognised, not read


SOURCE_OF_KIND: dict[FileKind, Source] = {
    FileKind.CIN_CENSUS: Source.CIN_CENSUS,
    FileKind.SSDA903_HEADER: Source.SSDA903,
    FileKind.SSDA903_EPISODES: Source.SSDA903,
    FileKind.SSDA903_OC2: Source.SSDA903,
    FileKind.SSDA903_MISSING: Source.SSDA903,
    FileKind.SSDA903_REVIEWS: Source.SSDA903,
    FileKind.SSDA903_UASC: Source.SSDA903,
    FileKind.ANNEX_A: Source.ANNEX_A,
    FileKind.LA_PERSONS: Source.LA_PERSONS,
    FileKind.HEALTH_REFERRALS: Source.HEALTH_REFERRALS,
    FileKind.HEALTH_EVENTS: Source.HEALTH_EVENTS,
    FileKind.POLICE_EVENTS: Source.POLICE_EVENTS,
    FileKind.SCHOOL_PUPILS: Source.SCHOOL_PUPILS,
    FileKind.SCHOOL_EVENTS: Source.SCHOOL_EVENTS,
    FileKind.YJS_CASES: Source.YJS_CASES,
    FileKind.EARLY_HELP: Source.EARLY_HELP,
}

_TYPES: dict[str, pa.DataType] = {
    "nhs_number_valid": pa.bool_(),
    "upn_valid": pa.bool_(),
    "dob": pa.date32(),
    "start_date": pa.date32(),
    "end_date": pa.date32(),
}
PERSON_SCHEMA = pa.schema([(c, _TYPES.get(c, pa.string())) for c in PERSON_COLUMNS])
EVENT_SCHEMA = pa.schema([(c, _TYPES.get(c, pa.string())) for c in EVENT_COLUMNS])


@dataclass
class ParsedFile:
    """One input file read into the canonical model, with every issue found in it.

    `row_ref` in both tables locates the record: the 1-based row number (header = row 1) for CSV,
    `<sheet>!<row>` for a workbook, and the XML path for the CIN census. `attributes` and `raw` are
    JSON text. `kind` says which file of a multi-file return this is (e.g. `ssda903_episodes`).

    A CSV or spreadsheet row's `raw` is a JSON array of its cells in file order; `columns` holds
    the header those cells sit under, once per table: under "" for a CSV, under the sheet's name
    for a workbook. The CIN census's `raw` is an object of XML elements, and `columns` is empty.
    """

    source: Source | None
    file: str
    sha256: str
    persons: pa.Table
    events: pa.Table
    issues: list[Issue] = field(default_factory=list)
    rows_read: int = 0
    kind: FileKind | None = None
    columns: dict[str, list[str]] = field(default_factory=dict)

    @property
    def rejected(self) -> bool:
        """True when any issue is an error (an unreadable file always carries one)."""
        return any(issue.is_error for issue in self.issues)

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.is_error]


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def empty_persons() -> pa.Table:
    return PERSON_SCHEMA.empty_table()


def empty_events() -> pa.Table:
    return EVENT_SCHEMA.empty_table()


def persons_from_rows(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=PERSON_SCHEMA) if rows else empty_persons()


def events_from_rows(rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=EVENT_SCHEMA) if rows else empty_events()


_ENCODE = json.JSONEncoder(default=str, ensure_ascii=False, separators=(",", ":")).encode


def to_json(value: dict[str, Any]) -> str:
    """Compact JSON with dates as ISO text, keys in insertion order (stable across runs)."""
    return _ENCODE(value)


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """Reorder and cast a table to the canonical schema, adding missing columns as nulls."""
    columns = []
    for fld in schema:
        if fld.name in table.column_names:
            columns.append(table.column(fld.name).cast(fld.type))
        else:
            columns.append(pa.nulls(table.num_rows, type=fld.type))
    return pa.Table.from_arrays(columns, schema=schema)


def unreadable(
    path: Path, kind: FileKind | None, issue: Issue, *, sha256: str | None = None
) -> ParsedFile:
    """A rejected file with empty tables and the one file-level issue that says why."""
    digest = sha256
    if digest is None:
        try:
            digest = file_sha256(path)
        except OSError:
            digest = ""
    return ParsedFile(
        source=SOURCE_OF_KIND.get(kind) if kind else None,
        file=path.name,
        sha256=digest,
        persons=empty_persons(),
        events=empty_events(),
        issues=[issue],
        kind=kind,
    )
