"""An area's current canonical records as Arrow tables: what linkage and the cohort compute on.

Only accepted loads hold records (a superseded load's records are removed), so everything in the
tables is current. `load_seq` is the load's id: a later load has a higher one.
"""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa
from django.db import connection

from jtai.areas.models import Area
from jtai.core.canonical import EVENT_COLUMNS, PERSON_COLUMNS
from jtai.ingest.model import EVENT_SCHEMA, PERSON_SCHEMA
from jtai.records.models import EventRecord, PersonRecord
from jtai.store.read import read_arrow

EVENT_WITH_SEQ = EVENT_SCHEMA.append(pa.field("load_seq", pa.int64()))


def _quoted(columns: tuple[str, ...]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def _placeholder() -> str:
    return "?" if connection.vendor == "sqlite" else "%s"


def _where(area: Area, record_keys: Sequence[str] | None) -> tuple[str, list[object]]:
    """Rows of the area, optionally only those of the given records (`source:person_id`)."""
    mark = _placeholder()
    if record_keys is None:
        return f"area_id = {mark}", [area.pk]
    keys = list(record_keys) or [""]
    marks = ", ".join(mark for _ in keys)
    return f"area_id = {mark} AND source || ':' || person_id IN ({marks})", [area.pk, *keys]


def area_persons(area: Area, record_keys: Sequence[str] | None = None) -> pa.Table:
    where, params = _where(area, record_keys)
    sql = (
        f"SELECT {_quoted(PERSON_COLUMNS)} FROM {PersonRecord._meta.db_table} "  # noqa: S608
        f"WHERE {where} ORDER BY id"
    )
    connection.ensure_connection()
    return read_arrow(connection.connection, sql, params, PERSON_SCHEMA)


def area_events(area: Area, record_keys: Sequence[str] | None = None) -> pa.Table:
    where, params = _where(area, record_keys)
    sql = (
        f"SELECT {_quoted(EVENT_COLUMNS)}, load_id FROM {EventRecord._meta.db_table} "  # noqa: S608
        f"WHERE {where} ORDER BY id"
    )
    connection.ensure_connection()
    return read_arrow(connection.connection, sql, params, EVENT_WITH_SEQ)
