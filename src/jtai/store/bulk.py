"""Write many rows fast inside the caller's transaction: COPY (PostgreSQL), executemany (SQLite)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import pyarrow as pa

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
_BATCH = 50_000


def arrow_rows(
    table: pa.Table, columns: Sequence[str], prefix: Sequence[Any] = ()
) -> Iterator[tuple[Any, ...]]:
    """Rows of `table` in `columns` order, each led by the constant `prefix` values."""
    for batch in table.select(list(columns)).to_batches(max_chunksize=_BATCH):
        values = [column.to_pylist() for column in batch.columns]
        for row in zip(*values, strict=True):
            yield (*prefix, *row)


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
