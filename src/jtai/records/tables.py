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


def area_persons(area: Area, record_keys: Sequence[str] | None = None) -> pa.Table:
    where, params = _where(area, record_keys)
    source = f"FROM {PersonRecord._meta.db_table} WHERE {where} ORDER BY id"
    connection.ensure_connection()
    return read_table(connection.connection, connection.vendor, PERSON_SCHEMA, source, params)


def area_events(area: Area, record_keys: Sequence[str] | None = None) -> pa.Table:
    where, params = _where(area, record_keys)
    source = f"FROM {EventRecord._meta.db_table} WHERE {where} ORDER BY id"
    connection.ensure_connection()
    return read_table(
        connection.connection,
        connection.vendor,
        EVENT_WITH_SEQ,
        source,
        params,
        names=_EVENT_NAMES,
    )
