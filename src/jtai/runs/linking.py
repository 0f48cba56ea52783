"""Link an area's records into children, keeping people's decisions and stable child keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection

from jtai.areas.models import Area
from jtai.link.api import link_persons
from jtai.link.quality import quality
from jtai.link.result import ASSIGNMENT_SCHEMA as LINK_SCHEMA
from jtai.link.result import LinkResult
from jtai.links.models import ChildLink, LinkRun
from jtai.links.services import decisions_for, previous_keys, record_link_run
from jtai.records.tables import area_persons
from jtai.store.read import read_table

ASSIGNMENT_SCHEMA = pa.schema(
    [(name, pa.string()) for name in ("source", "person_id", "child_key", "la_child_id")]
)


@dataclass(frozen=True)
class LinkOutcome:
    run: LinkRun
    result: LinkResult


def link_area(area: Area, *, actor: str, trigger: str = "command") -> LinkOutcome:
    """Link every current person record of the area and store the answer in one transaction."""
    result = link_persons(
        area_persons(area, raw=False), decisions=decisions_for(area), previous=previous_keys(area)
    )
    run = record_link_run(area, result, actor=actor, trigger=trigger)
    return LinkOutcome(run=run, result=result)


def area_assignments(area: Area, child_key: str | None = None) -> pa.Table:
    """Each record's child (source, person_id, child_key, la_child_id), as the cohort reads it."""
    mark = "?" if connection.vendor == "sqlite" else "%s"
    where = f"area_id = {mark}"
    params: list[object] = [area.pk]
    if child_key is not None:
        where = f"{where} AND child_key = {mark}"
        params.append(child_key)
    connection.ensure_connection()
    table = read_table(
        connection.connection,
        connection.vendor,
        ASSIGNMENT_SCHEMA,
        f"FROM {ChildLink._meta.db_table} WHERE {where} ORDER BY id",
        params,
    )
    # No LA child id is stored as the empty text; the cohort reads it as null.
    la_child_id = table.column("la_child_id")
    blank = pc.equal(la_child_id, "")
    return table.set_column(
        3, "la_child_id", pc.if_else(blank, pa.scalar(None, pa.string()), la_child_id)
    )


def stored_link_quality(area: Area, truth_persons_csv: Path) -> dict[str, Any]:
    """Precision, recall, F1 and right-LA-child share of the stored links, against a truth file."""
    rows = ChildLink.objects.filter(area=area).values_list(
        "record_key",
        "source",
        "person_id",
        "child_key",
        "la_child_id",
        "match_probability",
        "method",
    )
    columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) or [() for _ in LINK_SCHEMA]
    arrays = [
        pa.array(
            [v or None for v in column] if field.name == "la_child_id" else list(column), field.type
        )
        for column, field in zip(columns, LINK_SCHEMA, strict=True)
    ]
    stored = LinkResult(
        assignments=pa.Table.from_arrays(arrays, schema=LINK_SCHEMA), pairs=pa.table({})
    )
    return quality(stored, truth_persons_csv)
