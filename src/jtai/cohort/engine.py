"""Run named SQL steps over the input tables in a private in-memory DuckDB connection.

The birthday rule is Python (`jtai.core.dates.age_on`). DuckDB's Python functions need numpy, which
the product does not depend on, so ages are computed in Python and handed to SQL as a small table
(`child_age`) between steps: the SQL and the rest of the product share one implementation.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb
import pyarrow as pa

from jtai.cohort.steps import Step
from jtai.cohort.tables import CohortTables
from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS
from jtai.core.dates import age_on
from jtai.core.duck import private_connection


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


def connect(tables: CohortTables) -> duckdb.DuckDBPyConnection:
    """A private connection with `events`, `persons` and `assignments` registered.

    Connections are cursors on one in-memory database (`jtai.core.duck`). Steps create TEMP
    tables, which belong to the cursor alone: close it when done.
    """
    con = private_connection()
    con.register("events", _events(tables.events))
    con.register("persons", tables.persons.select(list(PERSON_COLUMNS)))
    con.register("assignments", tables.assignments)
    return con


def add_ages(con: duckdb.DuckDBPyConnection, as_of: date) -> None:
    """Table `child_age(child_key, age)`: each child's age on `as_of` (from the `child` step).

    Children share birthdays, so `age_on` runs once per distinct date of birth (a few thousand
    days however many children) and DuckDB joins the ages back to the children.
    """
    found = con.execute("SELECT DISTINCT dob FROM child WHERE dob IS NOT NULL").fetchall()
    dobs = [row[0] for row in found]
    ages = pa.table(
        {
            "dob": pa.array(dobs, type=pa.date32()),
            "age": pa.array([age_on(dob, as_of) for dob in dobs], type=pa.int32()),
        }
    )
    con.register("dob_age_input", ages)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE child_age AS "
        "SELECT c.child_key, a.age FROM child c JOIN dob_age_input a USING (dob)"
    )
    con.unregister("dob_age_input")


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


@dataclass
class _Kept:
    """The cursor of the last session on one `CohortTables`, and the steps whose tables it holds."""

    tables: weakref.ref[CohortTables]
    con: duckdb.DuckDBPyConnection
    done: list[tuple[str, str]]  # (name, `_key`) of each step run, in order
    lock: threading.Lock = field(default_factory=threading.Lock)
    retired: bool = False  # no longer kept: closed by whoever holds `lock` when it lets go


_KEPT: list[_Kept] = []  # at most one: the last tables a session ran on
_KEPT_GUARD = threading.Lock()


def _close(kept: _Kept) -> None:
    """Forget `kept`; close its cursor now, or when the session using it ends."""
    with _KEPT_GUARD:
        if kept in _KEPT:
            _KEPT.remove(kept)
        kept.retired = True
        free = kept.lock.acquire(blocking=False)
    if free:
        try:
            kept.con.close()
        finally:
            kept.lock.release()


def _release(kept: _Kept) -> None:
    """Let go of a kept cursor after a session; close it if it was retired meanwhile."""
    with _KEPT_GUARD:
        kept.lock.release()
        retired = kept.retired
    if retired:
        _close(kept)


def _take(kept: _Kept) -> bool:
    """Hold `kept` for one session; False when another session holds it or it was retired."""
    if not kept.lock.acquire(blocking=False):
        return False
    with _KEPT_GUARD:
        retired = kept.retired
    if retired:  # replaced between finding it and taking it: close it, run privately
        _release(kept)
        return False
    return True


def _kept_for(tables: CohortTables) -> _Kept:
    """The kept session on `tables`, made (and the previous one closed) if there is none."""
    with _KEPT_GUARD:
        for kept in _KEPT:
            if kept.tables() is tables:
                return kept
        old = list(_KEPT)
        _KEPT.clear()
        kept = _Kept(weakref.ref(tables), connect(tables), [])
        _KEPT.append(kept)
    for previous in old:
        _close(previous)
    weakref.finalize(tables, _close, kept)
    return kept


def _key(step: Step, as_of: date) -> str:
    """What a step's table depends on besides earlier steps: its SQL (a Python step: the date)."""
    return f"{step.statement()} @ {as_of.isoformat()}" if step.in_python else step.statement()


def _run_reusing(kept: _Kept, plan: Sequence[Step], as_of: date) -> None:
    """Run the steps of `plan` after the longest start it shares with the steps already run.

    A step is reused only when it and every step before it are the same statements, in the same
    order, as were run: then it read the same tables and holds the same rows.
    """
    wanted = [(step.name, _key(step, as_of)) for step in plan]
    same = 0
    while same < min(len(wanted), len(kept.done)) and wanted[same] == kept.done[same]:
        same += 1
    stale = {name for name, _ in kept.done[same:]} - {name for name, _ in wanted}
    kept.done = kept.done[:same]
    for name in sorted(stale):
        kept.con.execute(f"DROP TABLE IF EXISTS {name}")
    for step, done in zip(plan[same:], wanted[same:], strict=True):
        run(kept.con, [step], as_of)
        kept.done.append(done)


@contextmanager
def session(
    tables: CohortTables, plan: Sequence[Step], as_of: date
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection with every step of `plan` run.

    The cohort, the front door and the lists of one area are usually asked for one after another
    on the same `tables` and start with the same steps, so the last session's cursor is kept
    while `tables` lives (one at a time): a session on the same tables runs only the steps that
    differ. Pyarrow tables never change, so a kept step table always holds what the step would
    give now. A session that finds the kept cursor in use (another thread) runs on its own.
    """
    kept = _kept_for(tables)
    if not _take(kept):
        yield from _private(tables, plan, as_of)
        return
    try:
        try:
            _run_reusing(kept, plan, as_of)
        except BaseException:
            kept.done = []
            raise
        yield kept.con
    finally:
        _release(kept)


def _private(
    tables: CohortTables, plan: Sequence[Step], as_of: date
) -> Iterator[duckdb.DuckDBPyConnection]:
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
