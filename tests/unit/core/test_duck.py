"""Private DuckDB connections: cheap, isolated, and never shared across a fork."""

from __future__ import annotations

import duckdb
import pyarrow as pa
import pytest

from jtai.core import duck


def test_each_connection_sees_only_what_it_registered_and_created() -> None:
    first, second = duck.private_connection(), duck.private_connection()
    try:
        first.register("rows", pa.table({"x": [1]}))
        second.register("rows", pa.table({"x": [2, 3]}))
        first.execute("CREATE TEMP TABLE t AS SELECT 'first' AS who")
        second.execute("CREATE TEMP TABLE t AS SELECT 'second' AS who")
        assert first.sql("SELECT count(*) FROM rows").fetchall() == [(1,)]
        assert second.sql("SELECT who FROM t").fetchall() == [("second",)]
    finally:
        first.close()
    third = duck.private_connection()
    try:
        with pytest.raises(duckdb.CatalogException):
            third.sql("SELECT * FROM t").fetchall()
    finally:
        second.close()
        third.close()


def test_a_forked_process_opens_its_own_database_and_leaves_the_parents_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    duck.private_connection().close()
    parent = dict(duck._DATABASE)
    monkeypatch.setattr(duck.os, "getpid", lambda: -1)  # as a forked child sees itself
    child = duck.private_connection()
    try:
        assert duck._DATABASE[-1] is not next(iter(parent.values()))
        assert all(duck._DATABASE[pid] is db for pid, db in parent.items())
        assert child.sql("SELECT 42").fetchall() == [(42,)]
    finally:
        child.close()
        del duck._DATABASE[-1]
