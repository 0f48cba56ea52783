"""What the cohort reads: canonical persons and events, and linkage's assignments to children.

`CohortTables` is the whole input. `persons` and `events` have the canonical columns
(`jtai.core.canonical`); events may carry one extra integer column, `load_seq`: the order in which
the area loaded the file the row came from (higher is later). It decides which OC2 is "the most
recent the area has loaded" (cohort-rules.md section 9); without it, rows load in table order.
`assignments` has `source, person_id, child_key, la_child_id`, one row per record: linkage's answer.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pyarrow as pa

from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS, Source

ASSIGNMENT_COLUMNS: tuple[str, ...] = ("source", "person_id", "child_key", "la_child_id")
ASSIGNMENT_SCHEMA = pa.schema([(c, pa.string()) for c in ASSIGNMENT_COLUMNS])
LA_SOURCES: tuple[str, ...] = (
    Source.CIN_CENSUS,
    Source.SSDA903,
    Source.ANNEX_A,
    Source.LA_PERSONS,
)


@dataclass(frozen=True)
class CohortTables:
    """Persons, events (optionally with `load_seq`) and assignments, as pyarrow tables."""

    persons: pa.Table
    events: pa.Table
    assignments: pa.Table

    def __post_init__(self) -> None:
        _require(self.persons, PERSON_COLUMNS, "persons")
        _require(self.events, EVENT_COLUMNS, "events")
        _require(self.assignments, ASSIGNMENT_COLUMNS, "assignments")


def _require(table: pa.Table, columns: Sequence[str], name: str) -> None:
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise ValueError(f"{name} table lacks column(s): {', '.join(missing)}")


class _Parsed(Protocol):  # the part of jtai.ingest.ParsedFile read here
    @property
    def persons(self) -> pa.Table: ...
    @property
    def events(self) -> pa.Table: ...


def tables_from_files(files: Iterable[_Parsed], assignments: pa.Table) -> CohortTables:
    """Stack every file's persons and events; `load_seq` is each file's position in `files`."""
    persons, events = [], []
    for seq, parsed in enumerate(files):
        persons.append(parsed.persons.select(list(PERSON_COLUMNS)))
        table = parsed.events.select(list(EVENT_COLUMNS))
        seqs = pa.array([seq] * table.num_rows, type=pa.int32())
        events.append(table.append_column("load_seq", seqs))
    return CohortTables(
        persons=pa.concat_tables(persons, promote_options="permissive"),
        events=pa.concat_tables(events, promote_options="permissive"),
        assignments=assignments,
    )


def assignments_from_truth(persons_csv: Path) -> pa.Table:
    """Assignments from a synthetic area's `_truth/persons.csv` (for tests, before linkage exists).

    `child_key` is the true child; `la_child_id` the person_id of the child's LA record, if any.
    """
    with persons_csv.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    la_id: dict[str, str] = {}
    for row in rows:
        if row["source"] in LA_SOURCES:
            la_id.setdefault(row["child_uid"], row["person_id"])
    return pa.table(
        {
            "source": [r["source"] for r in rows],
            "person_id": [r["person_id"] for r in rows],
            "child_key": [r["child_uid"] for r in rows],
            "la_child_id": [la_id.get(r["child_uid"]) for r in rows],
        },
        schema=ASSIGNMENT_SCHEMA,
    )
