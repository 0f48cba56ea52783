"""Load a CSV into DuckDB as text, or say in one file-level issue why it cannot be read.

The header is read in Python (so odd or duplicate names survive exactly) and DuckDB reads the body
with fixed positional column names and no dialect sniffing: a malformed file is then reported as
malformed rather than re-guessed into something else. The path reaches SQL only through `lit`.
"""
# ruff: noqa: S608

from __future__ import annotations

import csv
import re
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from jtai.core.issues import Issue
from jtai.ingest.tabular import lit
from jtai.validate.rules import read as rr

_BOM = b"\xef\xbb\xbf"


def read_header(path: Path) -> tuple[list[str] | None, Issue | None]:
    """The header names of a CSV, or a file-level issue (empty, not UTF-8, not CSV text)."""
    try:
        with path.open("rb") as handle:
            line = handle.readline(1 << 20)
    except OSError as exc:
        return None, rr.UNREADABLE.issue(path.name, cause=exc.strerror or "cannot open")
    if line.startswith(_BOM):
        line = line[len(_BOM) :]
    if not line.strip():
        return None, rr.UNREADABLE.issue(path.name, cause="it is empty or has no header row")
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, rr.ENCODING.issue(path.name, row=1, cause=f"bad byte at {exc.start} of row 1")
    if "\x00" in text:
        return None, rr.UNREADABLE.issue(
            path.name, cause="it contains NUL bytes, so is not CSV text"
        )
    try:
        headers = next(csv.reader([text.rstrip("\r\n")]))
    except (csv.Error, StopIteration):
        return None, rr.UNREADABLE.issue(path.name, cause="the header row is not valid CSV")
    if not any(h.strip() for h in headers):
        return None, rr.UNREADABLE.issue(path.name, cause="the header row has no column names")
    return headers, None


def load_csv(
    con: duckdb.DuckDBPyConnection, path: Path, table: str
) -> tuple[list[str], Issue | None]:
    """Register `table` (`__row`, `c0`..`cN` text) in DuckDB: the body of the CSV at `path`.

    `__row` is the record number counting the header as row 1, the number a spreadsheet shows.
    """
    headers, _, issue = load_csv_body(con, path, table)
    return headers, issue


def load_csv_body(
    con: duckdb.DuckDBPyConnection, path: Path, table: str
) -> tuple[list[str], pa.Table | None, Issue | None]:
    """`load_csv`, also giving the registered body as Arrow (None with an issue)."""
    headers, issue = read_header(path)
    if issue is not None or headers is None:
        return [], None, issue
    columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
    try:
        # Handed back as Arrow that DuckDB then reads in place (storing the text in a DuckDB table
        # first cost about twice the read itself). A query on one table function keeps the file's
        # order (DuckDB's "order preservation" guarantee), so the rows are numbered here, after
        # a parallel read: a row_number() in the query would read the file on one thread.
        body = con.sql(
            f"SELECT * FROM read_csv({lit(str(path))}, "
            f"header=true, auto_detect=false, columns={columns}, delim=',', quote='\"', "
            "escape='\"', strict_mode=true, null_padding=false, encoding='utf-8')"
        ).to_arrow_table()
    except duckdb.Error as exc:
        return [], None, _csv_issue(path.name, str(exc))
    # The record number counting the header as row 1, the number a spreadsheet shows.
    ones = pa.repeat(pa.scalar(1, pa.int64()), body.num_rows)
    body = body.add_column(0, "__row", pc.cumulative_sum(ones, start=1))
    con.register(table, body)
    return headers, body, None


def _csv_issue(file: str, message: str) -> Issue:
    line_match = re.search(r"Line:\s*(\d+)", message)
    row = int(line_match.group(1)) if line_match else None
    if "unicode" in message.casefold() or "utf-8" in message.casefold():
        return rr.ENCODING.issue(file, row=row, cause="invalid UTF-8 byte sequence")
    first = message.splitlines()[0] if message else "unknown error"
    detail = next(
        (ln.strip() for ln in message.splitlines() if "Expected" in ln or "expected" in ln), first
    )
    cause = f"row {row}: {detail}" if row else detail
    return rr.BAD_CSV_SHAPE.issue(file, row=row, cause=cause[:300])
