"""Link an area's records into children, keeping people's decisions and stable child keys."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from jtai.areas.models import Area
from jtai.link.api import link_persons
from jtai.link.quality import quality
from jtai.link.result import ASSIGNMENT_SCHEMA as LINK_SCHEMA
from jtai.link.result import LinkResult
from jtai.links.models import ChildLink, LinkRun
from jtai.links.services import decisions_for, previous_keys, record_link_run
from jtai.records.tables import area_persons

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
        area_persons(area), decisions=decisions_for(area), previous=previous_keys(area)
    )
    run = record_link_run(area, result, actor=actor, trigger=trigger)
    return LinkOutcome(run=run, result=result)


def area_assignments(area: Area, child_key: str | None = None) -> pa.Table:
    """Each record's child (source, person_id, child_key, la_child_id), as the cohort reads it."""
    links = ChildLink.objects.filter(area=area)
    if child_key is not None:
        links = links.filter(child_key=child_key)
    rows = links.values_list("source", "person_id", "child_key", "la_child_id")
    columns: list[tuple[Any, ...]] = list(zip(*rows, strict=True)) or [(), (), (), ()]
    arrays = [
        pa.array([v or None for v in column] if i == 3 else list(column), pa.string())
        for i, column in enumerate(columns)
    ]
    return pa.Table.from_arrays(arrays, schema=ASSIGNMENT_SCHEMA)


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
