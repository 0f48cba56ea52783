"""The tabular engine's fast paths give the same text and order as their plain forms."""
# ruff: noqa: S608

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from jtai.ingest.csvload import load_csv, load_csv_body
from jtai.ingest.tabular import (
    Col,
    EventMap,
    TableResult,
    TableSpec,
    _clean,
    _first_of_each,
    _in_row_order,
    run_spec,
    trimmed_columns,
)
from jtai.validate.rules import read as rr


def test_raw_lists_every_cell_in_file_order_and_the_header_is_kept_once(tmp_path: Path) -> None:
    # Headers repeat and differ only in case; values carry quotes, a backslash, a newline, a
    # control character and non-ASCII text; an empty cell is null.
    spec = TableSpec("t", "test", (Col("id"),), {"person_id": "id"}, warn_unknown=False)
    text = 'id,Name,name,Name\nx1,"q""\\ é' + "\n" + '\x01",,b\n'
    result = _run(tmp_path, text, spec)
    assert result.columns == ["id", "Name", "name", "Name"]
    raw = result.persons.column("raw").to_pylist()[0]
    assert json.loads(raw) == ["x1", 'q"\\ é\n\x01', None, "b"]


@given(st.lists(st.one_of(st.none(), st.sampled_from(["a", "b", "c", "", "A"]))))
def test_first_of_each_marks_the_first_row_of_every_id_and_no_null(ids: list[str | None]) -> None:
    seen: set[str] = set()
    want = []
    for value in ids:
        want.append(value is not None and value not in seen)
        if value is not None:
            seen.add(value)
    assert _first_of_each(pa.array(ids, pa.string())).to_pylist() == want


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


def test_a_batch_joining_the_end_of_one_run_to_another_is_split_and_put_in_order() -> None:
    relation = _Batches(
        {"__row": [2, 3, 8, 9], "x": ["b", "c", "h", "i"]},
        {"__row": [4, 5, 6, 7], "x": ["d", "e", "f", "g"]},
    )
    table = _in_row_order(relation)  # type: ignore[arg-type]
    assert table.column("__row").to_pylist() == list(range(2, 10))
    assert table.column("x").to_pylist() == list("bcdefghi")


def test_cleaning_trims_what_trim_trims_and_keeps_the_rest() -> None:
    con = duckdb.connect()
    values = [" a ", "a", "\u00a0a\u3000", "\ta\n", "é ", " ", "", None, "  two words  "]
    con.register("v", pa.table({"c0": values}))
    spec = TableSpec("t", "t", ())
    cleaned = con.sql(f"SELECT {_clean('c0', spec)}, NULLIF(trim(c0), '') FROM v").fetchall()
    assert [fast for fast, _ in cleaned] == [plain for _, plain in cleaned]
    assert [fast for fast, _ in cleaned][:3] == ["a", "a", "a"]


def test_columns_with_no_space_at_either_end_and_only_ascii_need_no_trimming() -> None:
    table = pa.table(
        {
            "__row": [2, 3],
            "plain": ["a b", None],
            "lead": [" a", "b"],
            "tail": ["a", "b "],
            "unicode": ["caf\u00e9", "b"],  # not ASCII: left to trim, which knows Unicode spaces
            "tab": ["\ta", "b"],  # a tab is not a space separator: trim keeps it
        }
    )
    assert trimmed_columns(table) == {"plain", "tab"}


def test_a_column_known_trimmed_is_cleaned_as_trim_would(tmp_path: Path) -> None:
    text = "id,code,n,when\nx1,a,1,\nx2,b,,2024-01-02\n"
    con = duckdb.connect()
    headers, body, issue = load_csv_body(con, _csv(tmp_path, text), "src")
    assert issue is None and body is not None
    assert trimmed_columns(body) == {"c0", "c1", "c2", "c3"}
    fast = run_spec(con, "src", headers, _SPEC, "data.csv", trimmed=trimmed_columns(body))
    slow = run_spec(con, "src", headers, _SPEC, "data.csv")
    assert fast.persons.equals(slow.persons) and fast.events.equals(slow.events)
    assert fast.issues == slow.issues


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_csv_body_is_numbered_in_file_order_from_row_two(tmp_path: Path) -> None:
    lines = "".join(f"id{i},{i}\n" for i in range(5000))
    con = duckdb.connect()
    headers, issue = load_csv(con, _csv(tmp_path, "id,n\n" + lines), "src")
    assert issue is None and headers == ["id", "n"]
    rows = con.sql("SELECT __row, c1 FROM src").fetchall()
    assert sorted(rows) == [(i + 2, str(i)) for i in range(5000)]


_SPEC = TableSpec(
    "people",
    "test",
    (
        Col("id", required=True),
        Col("code", "code", codes=frozenset({"a", "b"}), pattern="[a-z]"),
        Col("n", "int", lo=0, not_blank=True),
        Col("when", "date"),
    ),
    person={"person_id": "id"},
    event=EventMap("thing", "code", "when", record_id=("id", "when")),
)


def _run(tmp_path: Path, text: str, spec: TableSpec = _SPEC) -> TableResult:
    con = duckdb.connect()
    headers, issue = load_csv(con, _csv(tmp_path, text), "src")
    assert issue is None
    return run_spec(con, "src", headers, spec, "data.csv")


def test_failed_checks_are_reported_by_row_then_column_with_the_cleaned_value(
    tmp_path: Path,
) -> None:
    result = _run(
        tmp_path,
        "id,code,n,when\nx1, b ,1,2024-01-02\nx2,9,-3,bad\nx3,a,,02/01/2024\n",
    )
    found = [(i.row, i.column, i.value, i.rule) for i in result.issues]
    assert found == [
        (3, "code", "9", rr.BAD_CODE.code),
        (3, "code", "9", rr.BAD_FORMAT.code),
        (3, "n", "-3", rr.BAD_NUMBER.code),
        (3, "when", "bad", rr.BAD_DATE.code),
        (4, "n", None, rr.REQUIRED_VALUE.code),
    ]
    assert result.rows == 3


def test_a_person_is_the_first_row_of_an_id_and_every_row_is_an_event(tmp_path: Path) -> None:
    result = _run(tmp_path, "id,code,n,when\nx1,a,1,\nx2,b,2,\nx1,b,3,2024-05-06\n,a,4,\n")
    persons, events = result.persons, result.events
    assert persons.column("person_id").to_pylist() == ["x1", "x2"]
    assert persons.column("row_ref").to_pylist() == ["2", "3"]
    assert events.column("record_id").to_pylist() == ["x1/", "x2/", "x1/2024-05-06", "/"]
    assert events.column("row_ref").to_pylist() == ["2", "3", "4", "5"]
    assert events.column("raw").to_pylist()[0] == '["x1","a","1",null]'
    assert result.columns == ["id", "code", "n", "when"]


def test_more_checks_than_one_mask_holds_are_all_reported(tmp_path: Path) -> None:
    cols = tuple(Col(f"n{i}", "int", lo=0) for i in range(70))
    spec = TableSpec("wide", "test", cols, warn_unknown=False)
    header = ",".join(c.name for c in cols)
    result = _run(tmp_path, f"{header}\n" + ",".join(["-1"] * 70) + "\n", spec)
    issues = result.issues
    assert len(issues) == 70
    assert [i.column for i in issues] == sorted(c.name for c in cols)
