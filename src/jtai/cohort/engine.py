"""Run named SQL steps over the input tables in a private in-memory DuckDB connection.

The birthday rule is Python (`jtai.core.dates.age_on`). DuckDB's Python functions need numpy, which
the product does not depend on, so ages are computed in Python and handed to SQL as a small table
(`child_age`) between steps: the SQL and the rest of the product share one implementation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from jtai.cohort.steps import Step
from jtai.cohort.tables import CohortTables
from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS
from jtai.core.dates import age_on


def _events(table: pa.Table) -> pa.Table:
    """Canonical columns plus `load_seq` (0 when absent) and `ordinal` (row position)."""
    events = table.select(list(EVENT_COLUMNS))
    if "load_seq" in table.column_names:
        seq = table.column("load_seq").cast(pa.int64()).fill_null(0)
    else:
        seq = pa.array([0] * table.num_rows, type=pa.int64())
    events = events.append_column("load_seq", seq)
    ordinal = pa.array(range(table.num_rows), type=pa.int64())
    return events.append_column("ordinal", ordinal)


_DATABASE: list[duckdb.DuckDBPyConnection] = []


def connect(tables: CohortTables) -> duckdb.DuckDBPyConnection:
    """A private connection with `events`, `persons` and `assignments` registered.

    Connections are cursors on one in-memory database (opening a database costs ~70 ms; a cursor
    ~1 ms). Steps create TEMP tables, which belong to the cursor alone: close it when done.
    """
    if not _DATABASE:
        _DATABASE.append(duckdb.connect(":memory:"))
    con = _DATABASE[0].cursor()
    con.register("events", _events(tables.events))
    con.register("persons", tables.persons.select(list(PERSON_COLUMNS)))
    con.register("assignments", tables.assignments)
    return con


def add_ages(con: duckdb.DuckDBPyConnection, as_of: date) -> None:
    """Table `child_age(child_key, age)`: each child's age on `as_of` (from the `child` step)."""
    rows = con.execute("SELECT child_key, dob FROM child WHERE dob IS NOT NULL").fetchall()
    ages = pa.table(
        {
            "child_key": pa.array([r[0] for r in rows], type=pa.string()),
            "age": pa.array([age_on(r[1], as_of) for r in rows], type=pa.int32()),
        }
    )
    con.register("child_age_input", ages)
    con.execute("CREATE OR REPLACE TEMP TABLE child_age AS SELECT * FROM child_age_input")
    con.unregister("child_age_input")


def run(con: duckdb.DuckDBPyConnection, steps: Iterable[Step], as_of: date) -> None:
    """Create each step's table, in order."""
    for step in steps:
        if step.in_python:
            PYTHON_STEPS[step.name](con, as_of)
            continue
        try:
            con.execute(step.statement())
        except duckdb.Error as exc:
            raise RuntimeError(f"cohort step {step.name!r} failed: {exc}\n{step.sql}") from exc


@contextmanager
def session(
    tables: CohortTables, plan: Sequence[Step], as_of: date
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with every step of `plan` run; closed (its tables dropped) on exit."""
    con = connect(tables)
    try:
        run(con, plan, as_of)
        yield con
    finally:
        con.close()


def fetch(con: duckdb.DuckDBPyConnection, query: str) -> list[dict[str, Any]]:
    """The rows of a query as dicts by column name."""
    cursor = con.execute(query)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


PYTHON_STEPS = {"child_age": add_ages}


def explain(steps: Iterable[Step]) -> str:
    """The steps as one readable SQL script."""
    return "\n\n".join(f"-- step: {s.name}\n{s.statement()};" for s in steps)
