"""An area's current canonical records as Arrow tables: what linkage and the cohort compute on.

Only accepted loads hold records (a superseded load's records are removed), so everything in the
tables is current. `load_seq` is the load's id: a later load has a higher one.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
from django.db import connection

from jtai.areas.models import Area
from jtai.core.canonical import EVENT_COLUMNS
from jtai.ingest.model import EVENT_SCHEMA, PERSON_SCHEMA
from jtai.records.models import EventRecord, PersonRecord
from jtai.store.read import read_table

EVENT_WITH_SEQ = EVENT_SCHEMA.append(pa.field("load_seq", pa.int64()))
_EVENT_NAMES = (*EVENT_COLUMNS, "load_id")
_MAX_PAIRS = 200


def _placeholder() -> str:
    return "?" if connection.vendor == "sqlite" else "%s"


def _where(area: Area, record_keys: Sequence[str] | None) -> tuple[str, list[object]]:
    """Rows of the area, optionally only those of the given records (`source:person_id`)."""
    mark = _placeholder()
    if record_keys is None:
        return f"area_id = {mark}", [area.pk]
    # One (source = ? AND person_id = ?) per record, so the (area, source, person_id) index serves
    # the lookup: a child's page then reads its own rows, not a scan of the whole area.
    # Past a few hundred records (never one child in practice) the OR chain would outgrow SQLite's
    # expression depth, so fall back to matching the joined key.
    if len(record_keys) > _MAX_PAIRS:
        marks = ", ".join(mark for _ in record_keys)
        return (
            f"area_id = {mark} AND source || ':' || person_id IN ({marks})",
            [area.pk, *record_keys],
        )
    pairs = [key.split(":", 1) for key in record_keys]
    pairs = [pair for pair in pairs if len(pair) == 2]
    if not pairs:
        return f"area_id = {mark} AND 1 = 0", [area.pk]
    either = " OR ".join(f"(source = {mark} AND person_id = {mark})" for _ in pairs)
    return f"area_id = {mark} AND ({either})", [area.pk, *(v for pair in pairs for v in pair)]


def area_persons(
    area: Area, record_keys: Sequence[str] | None = None, *, raw: bool = True
) -> pa.Table:
    """The area's person records (PERSON_SCHEMA). `raw=False` leaves the source rows as read
    out (null): linkage and the cohort never look at them, and they are close to half the bytes."""
    return _area_rows(PersonRecord, PERSON_SCHEMA, PERSON_SCHEMA.names, area, record_keys, raw)


def area_events(
    area: Area, record_keys: Sequence[str] | None = None, *, raw: bool = True
) -> pa.Table:
    """The area's event records with their load's id (EVENT_WITH_SEQ); `raw` as for persons."""
    return _area_rows(EventRecord, EVENT_WITH_SEQ, _EVENT_NAMES, area, record_keys, raw)


def _area_rows(
    model: type[PersonRecord] | type[EventRecord],
    schema: pa.Schema,
    names: Sequence[str],
    area: Area,
    record_keys: Sequence[str] | None,
    raw: bool,
) -> pa.Table:
    where, params = _where(area, record_keys)
    source = f"FROM {model._meta.db_table} WHERE {where} ORDER BY id"
    read_schema, read_names = _without_raw(schema, names, raw)
    connection.ensure_connection()
    table = read_table(
        connection.connection, connection.vendor, read_schema, source, params, names=read_names
    )
    return _with_null_raw(table, schema)


def _without_raw(schema: pa.Schema, names: Sequence[str], raw: bool) -> tuple[pa.Schema, list[str]]:
    if raw:
        return schema, list(names)
    keep = [i for i, field in enumerate(schema) if field.name != "raw"]
    return pa.schema([schema.field(i) for i in keep]), [names[i] for i in keep]


def _with_null_raw(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """`table` with every field of `schema`, a missing `raw` as nulls: the same shape either way."""
    if table.schema.names == schema.names:
        return table
    columns = [
        table.column(field.name)
        if field.name in table.schema.names
        else pa.nulls(table.num_rows, field.type)
        for field in schema
    ]
    return pa.Table.from_arrays(columns, schema=schema)
