"""Read canonical records back out of the database as Arrow tables, for DuckDB to compute on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa

_BATCH = 50_000


def read_arrow(connection: Any, sql: str, params: Sequence[Any], schema: pa.Schema) -> pa.Table:
    """Run `sql` and return its rows typed by `schema` (columns in the same order).

    SQLite hands dates back as ISO text and booleans as integers; both are cast to the schema's
    types here, so callers see the same table whichever database is behind.
    """
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params)
        batches = []
        while rows := cursor.fetchmany(_BATCH):
            columns = list(zip(*rows, strict=True))
            batches.append(
                pa.record_batch(
                    [
                        _typed(column, field.type)
                        for column, field in zip(columns, schema, strict=True)
                    ],
                    schema=schema,
                )
            )
    finally:
        cursor.close()
    return pa.Table.from_batches(batches, schema=schema)


def _typed(values: Sequence[Any], kind: pa.DataType) -> pa.Array:
    if pa.types.is_date32(kind) and any(isinstance(v, str) for v in values):
        return pa.array(values, pa.string()).cast(kind)
    if pa.types.is_boolean(kind) and any(isinstance(v, int) for v in values):
        return pa.array([None if v is None else bool(v) for v in values], kind)
    return pa.array(values, kind)
