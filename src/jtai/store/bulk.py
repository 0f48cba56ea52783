"""Write many rows fast inside the caller's transaction: COPY (PostgreSQL), executemany (SQLite).

Arrow tables go to PostgreSQL as CSV that pyarrow writes in C (a NULL is an unquoted empty field,
the empty text a quoted one, which is how COPY tells them apart) and to SQLite as tuples made
column by column, dates already ISO text, so no per-cell Python adapter runs.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
_BATCH = 50_000
_BIG_INSERT = 10_000
_CACHE_KIB = 128 * 1024  # 128 MiB


def arrow_rows(
    table: pa.Table, columns: Sequence[str], prefix: Sequence[Any] = ()
) -> Iterator[tuple[Any, ...]]:
    """Rows of `table` in `columns` order, each led by the constant `prefix` values.

    Dates come out as ISO text (what SQLite stores), everything else as Python values.
    """
    for batch in table.select(list(columns)).to_batches(max_chunksize=_BATCH):
        values = [_plain(column).to_pylist() for column in batch.columns]
        if prefix:
            yield from zip(*[[value] * batch.num_rows for value in prefix], *values, strict=True)
        else:
            yield from zip(*values, strict=True)


def _plain(column: pa.Array) -> pa.Array:
    if pa.types.is_date(column.type):
        return column.cast(pa.string())
    return column


def insert_arrow(
    connection: Any,
    vendor: str,
    table: str,
    data: pa.Table,
    columns: Sequence[str],
    constants: Mapping[str, Any] | None = None,
) -> int:
    """Insert `data`'s `columns` (each row led by the `constants` columns) into `table`.

    Returns how many rows went in. Commits nothing: it runs inside the caller's transaction.
    """
    constants = dict(constants or {})
    names = (*constants, *columns)
    if vendor == POSTGRESQL:
        _copy_csv(connection, table, names, _csv_batches(data, columns, constants))
        return data.num_rows
    if vendor != SQLITE:
        raise ValueError(f"Bulk insert is not implemented for the {vendor} database.")
    column_list = ", ".join(f'"{name}"' for name in names)
    placeholders = ", ".join("?" for _ in names)
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
    cursor = connection.cursor()
    try:
        with _sqlite_cache(cursor, data.num_rows):
            # executemany takes the rows as they are made: no list of a whole batch is kept.
            cursor.executemany(sql, arrow_rows(data, columns, tuple(constants.values())))
    finally:
        cursor.close()
    return data.num_rows


@contextmanager
def _sqlite_cache(cursor: Any, rows: int) -> Iterator[None]:
    """A bigger page cache while many rows go in, so index pages are not read again and again."""
    if rows < _BIG_INSERT:
        yield
        return
    with sqlite_page_cache(cursor, _CACHE_KIB):
        yield


@contextmanager
def sqlite_page_cache(cursor: Any, kib: int) -> Iterator[None]:
    """SQLite's page cache at `kib` KiB for this connection for a while, then as it was.

    The page cache is per connection and outside transactions: it is put back afterwards.
    """
    before = cursor.execute("PRAGMA cache_size").fetchone()[0]
    cursor.execute(f"PRAGMA cache_size = {-int(kib)}")
    try:
        yield
    finally:
        cursor.execute(f"PRAGMA cache_size = {int(before)}")


def _csv_batches(
    data: pa.Table, columns: Sequence[str], constants: Mapping[str, Any]
) -> Iterator[bytes]:
    """Headerless CSV, a batch at a time: NULL unquoted and empty, the empty text as `""`."""
    options = pa_csv.WriteOptions(include_header=False, quoting_style="needed")
    for batch in data.select(list(columns)).to_batches(max_chunksize=_BATCH):
        lead = [pa.array([value] * batch.num_rows) for value in constants.values()]
        out = pa.RecordBatch.from_arrays(
            [*lead, *batch.columns], names=[*constants, *batch.schema.names]
        )
        buffer = io.BytesIO()
        pa_csv.write_csv(out, buffer, write_options=options)
        yield buffer.getvalue()


def _copy_csv(connection: Any, table: str, names: Sequence[str], blocks: Iterable[bytes]) -> None:
    column_list = ", ".join(f'"{name}"' for name in names)
    with (
        connection.cursor() as cursor,
        cursor.copy(f"COPY {table} ({column_list}) FROM STDIN (FORMAT csv)") as copy,
    ):
        for block in blocks:
            copy.write(block)


def insert_rows(
    connection: Any,
    vendor: str,
    table: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
) -> int:
    """Insert `rows` into `table` and return how many went in. Commits nothing."""
    column_list = ", ".join(f'"{name}"' for name in columns)
    count = 0
    if vendor == POSTGRESQL:
        with (
            connection.cursor() as cursor,
            cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
                count += 1
        return count
    if vendor != SQLITE:
        raise ValueError(f"Bulk insert is not implemented for the {vendor} database.")
    placeholders = ", ".join("?" for _ in columns)
    sql = f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})"  # noqa: S608
    cursor = connection.cursor()
    try:
        batch: list[Sequence[Any]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _BATCH:
                cursor.executemany(sql, batch)
                count += len(batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)
            count += len(batch)
    finally:
        cursor.close()
    return count
