"""Read canonical records back out of the database as Arrow tables, for DuckDB to compute on.

PostgreSQL: one `COPY (SELECT ...) TO STDOUT` in CSV on the caller's connection, parsed by
pyarrow's CSV reader with the explicit schema (an unquoted empty field is NULL, a quoted one the
empty string, exactly as PostgreSQL writes them). SQLite: rows fetched in batches, each column made
an Arrow array in C; dates are selected as text so no per-cell Python date parsing happens.
Either way the caller's connection and transaction are used, and callers get the same table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.csv as pa_csv

POSTGRESQL = "postgresql"
SQLITE = "sqlite"
_BATCH = 50_000
_BLOCK = 1 << 24
_SQLITE_CAST = {pa.string(): "TEXT", pa.int64(): "INTEGER"}


def read_table(
    connection: Any,
    vendor: str,
    schema: pa.Schema,
    source: str,
    params: Sequence[Any],
    *,
    names: Sequence[str] | None = None,
) -> pa.Table:
    """Rows of `SELECT <columns> <source>` typed by `schema`, on either database.

    `source` is the rest of the statement (`FROM ... WHERE ... ORDER BY ...`) with the
    vendor's placeholders; `names` are the database columns for the schema's fields, in order
    (the field names themselves by default).
    """
    columns = list(names or schema.names)
    if len(columns) != len(schema):
        raise ValueError("One database column is needed for each field of the schema.")
    if vendor == POSTGRESQL:
        return _read_postgresql(connection, schema, columns, source, params)
    if vendor == SQLITE:
        return _read_sqlite(connection, schema, columns, source, params)
    raise ValueError(f"Bulk read is not implemented for the {vendor} database.")


def read_arrow(connection: Any, sql: str, params: Sequence[Any], schema: pa.Schema) -> pa.Table:
    """Run any `sql` through the DB-API cursor and return its rows typed by `schema`.

    The generic (slower) path: every cell passes through Python. SQLite hands dates back as ISO
    text (or `date` objects where a converter is registered) and booleans as integers; both are
    cast to the schema's types here.
    """
    cursor = connection.cursor()
    try:
        cursor.execute(sql, params)
        batches = []
        while rows := cursor.fetchmany(_BATCH):
            batches.append(_batch(rows, schema))
    finally:
        cursor.close()
    return pa.Table.from_batches(batches, schema=schema)


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _read_sqlite(
    connection: Any, schema: pa.Schema, columns: list[str], source: str, params: Sequence[Any]
) -> pa.Table:
    # A column with no declared type (a CAST) escapes the connection's `date` and `bool`
    # converters, which would otherwise turn every cell into a Python object one at a time.
    select = ", ".join(
        f"CAST({_quoted(name)} AS {_SQLITE_CAST[_fetched(field.type)]})"
        if _fetched(field.type) != field.type
        else _quoted(name)
        for name, field in zip(columns, schema, strict=True)
    )
    return read_arrow(connection, f"SELECT {select} {source}", params, schema)


def _batch(rows: list[Any], schema: pa.Schema) -> pa.RecordBatch:
    # Rows (tuples) go into one struct array in a single C pass; its fields are the columns.
    # Dates arrive as ISO text, booleans as 0/1: both are read as such and cast in Arrow.
    try:
        fetched = pa.array(rows, pa.struct([pa.field(f.name, _fetched(f.type)) for f in schema]))
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a converter made dates or booleans
        columns = list(zip(*rows, strict=True))
        arrays = [_typed(column, field.type) for column, field in zip(columns, schema, strict=True)]
        return pa.record_batch(arrays, schema=schema)
    return pa.record_batch(
        [column.cast(field.type) for column, field in zip(fetched.flatten(), schema, strict=True)],
        schema=schema,
    )


def _typed(values: Sequence[Any], kind: pa.DataType) -> pa.Array:
    if pa.types.is_date32(kind) and any(isinstance(v, str) for v in values):
        return pa.array(values, pa.string()).cast(kind)
    if pa.types.is_boolean(kind):
        return pa.array([None if v is None else bool(v) for v in values], kind)
    return pa.array(values, kind)


def _fetched(kind: pa.DataType) -> pa.DataType:
    """The Arrow type of a column as SQLite hands it back."""
    if pa.types.is_date32(kind):
        return pa.string()
    if pa.types.is_boolean(kind):
        return pa.int64()
    return kind


def _read_postgresql(
    connection: Any, schema: pa.Schema, columns: list[str], source: str, params: Sequence[Any]
) -> pa.Table:
    # Dates are written as ISO text whatever the session's DateStyle.
    select = ", ".join(
        f"to_char({_quoted(name)}, 'YYYY-MM-DD')"
        if pa.types.is_date32(field.type)
        else _quoted(name)
        for name, field in zip(columns, schema, strict=True)
    )
    statement = f"COPY (SELECT {select} {source}) TO STDOUT (FORMAT csv)"
    chunks: list[bytes] = []
    with connection.cursor() as cursor, cursor.copy(statement, params or None) as copy:
        chunks.extend(bytes(data) for data in copy)
    return parse_csv(b"".join(chunks), schema, booleans=(["t"], ["f"]))


def parse_csv(
    data: bytes, schema: pa.Schema, *, booleans: tuple[list[str], list[str]] | None = None
) -> pa.Table:
    """Headerless CSV as PostgreSQL writes it (unquoted empty = NULL, `""` = empty text)."""
    if not data:
        return schema.empty_table()
    true_values, false_values = booleans or (["true"], ["false"])
    table = pa_csv.read_csv(
        pa.py_buffer(data),
        read_options=pa_csv.ReadOptions(
            column_names=schema.names, block_size=_BLOCK, use_threads=False
        ),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types=schema,
            null_values=[""],
            true_values=true_values,
            false_values=false_values,
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        ),
    )
    return table.cast(schema)
