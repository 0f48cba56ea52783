"""Writes for linkage: store a run's answer (`record_link_run`), record a decision."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pyarrow.compute as pc
from django.db import connection, transaction

from jtai.areas.models import Area
from jtai.link.result import Decision, LinkResult
from jtai.links.models import ChildLink, KeyEvent, LinkDecision, LinkRun, ReviewPair
from jtai.store.bulk import insert_arrow, insert_rows

LINK_COLUMNS = (
    "area_id",
    "run_id",
    "record_key",
    "source",
    "person_id",
    "child_key",
    "la_child_id",
    "match_probability",
    "method",
)


REVIEW_COLUMNS = (
    "area_id",
    "run_id",
    "record_key_l",
    "record_key_r",
    "match_weight",
    "match_probability",
    "same_child",
    "comparisons",
)


def decisions_for(area: Area) -> list[Decision]:
    """The latest decision on each pair of records, oldest pairs first."""
    latest: dict[tuple[str, str], bool] = {}
    for row in LinkDecision.objects.filter(area=area).order_by("decided_at", "pk"):
        latest[(row.record_key_l, row.record_key_r)] = row.same
    return [Decision(left, right, same) for (left, right), same in latest.items()]


def previous_keys(area: Area) -> dict[str, str]:
    return dict(ChildLink.objects.filter(area=area).values_list("record_key", "child_key"))


@transaction.atomic
def record_link_run(area: Area, result: LinkResult, *, actor: str, trigger: str) -> LinkRun:
    """Replace the area's assignments and review queue with this run's, keep its key events."""
    assignments = result.assignments
    # Counted in Arrow; value_counts keeps the order in which each method first appears.
    methods = {
        item["values"]: int(item["counts"])
        for item in pc.value_counts(assignments.column("method")).to_pylist()
    }
    run = LinkRun.objects.create(
        area=area,
        actor=actor,
        trigger=trigger,
        records=assignments.num_rows,
        children=pc.count_distinct(assignments.column("child_key"), mode="all").as_py(),
        review_pairs=result.pairs.num_rows,
        by_method=methods,
        model_summary=_json_safe(result.model_summary),
        timings={k: round(v, 3) for k, v in result.timings.items()},
    )
    ChildLink.objects.filter(area=area).delete()
    ReviewPair.objects.filter(area=area).delete()
    # No LA child id is stored as the empty text (the column is NOT NULL).
    la_child_id = assignments.column("la_child_id").fill_null("")
    links = assignments.set_column(
        assignments.schema.get_field_index("la_child_id"), "la_child_id", la_child_id
    )
    insert_arrow(
        connection.connection,
        connection.vendor,
        ChildLink._meta.db_table,
        links,
        LINK_COLUMNS[2:],
        {"area_id": area.pk, "run_id": run.pk},
    )
    insert_rows(
        connection.connection,
        connection.vendor,
        ReviewPair._meta.db_table,
        REVIEW_COLUMNS,
        _review_rows(area, run, result),
    )
    KeyEvent.objects.bulk_create(
        KeyEvent(
            area=area,
            run=run,
            kind=event.kind,
            child_keys=list(event.child_keys),
            previous_keys=list(event.previous_keys),
            record_keys=list(event.record_keys),
        )
        for event in result.events
    )
    return run


def _review_rows(area: Area, run: LinkRun, result: LinkResult) -> Iterator[tuple[Any, ...]]:
    """ReviewPair rows; `comparisons` as the JSON text Django's JSONField would store."""
    for pair in result.pairs.to_pylist():
        names = [
            k[: -len("_weight")] for k in pair if k.endswith("_weight") and k != "match_weight"
        ]
        comparisons = [
            {"name": n, "level": pair.get(f"{n}_level"), "weight": pair.get(f"{n}_weight")}
            for n in names
        ]
        yield (
            area.pk,
            run.pk,
            pair["record_key_l"],
            pair["record_key_r"],
            pair["match_weight"],
            pair["match_probability"],
            bool(pair.get("same_child")),
            json.dumps(_json_safe(comparisons)),
        )


def record_review_decision(
    area: Area, left: str, right: str, *, same: bool, user: Any, reason: str = ""
) -> LinkDecision:
    """Keep a person's decision on two records; the next linkage run obeys it."""
    first, second = sorted((left, right))
    return LinkDecision.objects.create(
        area=area,
        record_key_l=first,
        record_key_r=second,
        same=same,
        reason=reason,
        decided_by=user,
    )


def _json_safe(value: Any) -> Any:
    """Turn numpy/pyarrow scalars and tuples into plain JSON values."""
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)
