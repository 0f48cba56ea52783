"""The tabular engine's fast paths give the same text and order as their plain forms."""
# ruff: noqa: S608

from __future__ import annotations

import duckdb
import pyarrow as pa

from jtai.ingest.tabular import _in_row_order, raw_json


def _raw(keys: list[str]) -> tuple[str, str]:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES ('q\"\\ é' || chr(10) || chr(1), NULL, ''))"
        " v(c0, c1, c2)"
    )
    plain = "json_object(" + ", ".join(f"'{k}', c{i}" for i, k in enumerate(keys)) + ")"
    fast, slow = con.execute(f"SELECT {raw_json(keys)}, {plain}::VARCHAR FROM t").fetchall()[0]
    return fast, slow


def test_raw_json_by_struct_writes_the_same_text_as_json_object() -> None:
    fast, slow = _raw(["id", 'say "hi"', "café"])
    assert fast == slow
    assert fast.startswith('{"id":')


def test_raw_json_keys_differing_only_in_case_fall_back_to_json_object() -> None:
    fast, slow = _raw(["Name", "name", "NAME"])
    assert fast == slow
    assert '"Name"' in fast and '"name"' in fast and '"NAME"' in fast


def test_raw_json_of_no_columns_is_an_empty_object() -> None:
    assert raw_json([]) == "'{}'"


def test_rows_already_in_file_order_are_kept_as_they_are() -> None:
    con = duckdb.connect()
    table = _in_row_order(
        con.sql("SELECT * FROM (VALUES (2, 'a'), (3, 'b'), (7, 'c')) v(__row, x)")
    )
    assert table.column("x").to_pylist() == ["a", "b", "c"]


def test_rows_out_of_file_order_are_sorted_by_row() -> None:
    con = duckdb.connect()
    con.register("data", pa.table({"__row": [5, 2, 9, 3], "x": ["e", "b", "i", "c"]}))
    table = _in_row_order(con.sql("SELECT * FROM data"))
    assert table.column("__row").to_pylist() == [2, 3, 5, 9]
    assert table.column("x").to_pylist() == ["b", "c", "e", "i"]


def test_no_rows_and_one_row_need_no_sorting() -> None:
    con = duckdb.connect()
    assert _in_row_order(con.sql("SELECT 4 AS __row WHERE false")).num_rows == 0
    assert _in_row_order(con.sql("SELECT 4 AS __row")).column("__row").to_pylist() == [4]


class _Batches:
    """A relation stand-in whose result comes back as DuckDB gives a large parallel scan: each
    batch in order, the batches not."""

    def __init__(self, *batches: dict[str, list[object]]) -> None:
        schema = pa.schema([("__row", pa.int64()), ("x", pa.string())])
        self.table = pa.Table.from_batches(
            [pa.RecordBatch.from_pydict(b, schema=schema) for b in batches], schema=schema
        )

    def to_arrow_table(self) -> pa.Table:
        return self.table


def test_batches_each_in_order_are_put_in_file_order_without_sorting_rows() -> None:
    relation = _Batches(
        {"__row": [5, 6], "x": ["e", "f"]},
        {"__row": [2, 3, 4], "x": ["b", "c", "d"]},
        {"__row": [], "x": []},
        {"__row": [7], "x": ["g"]},
    )
    table = _in_row_order(relation)  # type: ignore[arg-type]
    assert table.column("__row").to_pylist() == [2, 3, 4, 5, 6, 7]
    assert table.column("x").to_pylist() == ["b", "c", "d", "e", "f", "g"]


def test_batches_that_overlap_are_sorted_by_row() -> None:
    relation = _Batches({"__row": [4, 9], "x": ["d", "i"]}, {"__row": [2, 5], "x": ["b", "e"]})
    table = _in_row_order(relation)  # type: ignore[arg-type]
    assert table.column("__row").to_pylist() == [2, 4, 5, 9]
    assert table.column("x").to_pylist() == ["b", "d", "e", "i"]
