"""Writes for linkage: store a run's answer (`record_link_run`), record a decision."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from django.db import connection, models, transaction

from jtai.areas.models import Area
from jtai.link.result import Decision, LinkResult
from jtai.links.models import ChildLink, KeyEvent, LinkDecision, LinkRun, ReviewPair
from jtai.store.bulk import insert_arrow, sqlite_page_cache

# From this many rows, replacing an area's rows in an embedded (SQLite) table that holds no other
# area drops the table's indexes and builds them again after the insert: one sort per index instead
# of a b-tree update per row and index, about three times faster at a million rows.
REBUILD_INDEXES_FROM = 50_000
_DELETE_CACHE_KIB = 256 * 1024  # 256 MiB of page cache while many rows are deleted

# The columns written after `area_id` and `run_id`, which every row of a run shares.
LINK_COLUMNS = (
    "record_key",
    "source",
    "person_id",
    "child_key",
    "la_child_id",
    "match_probability",
    "method",
)
REVIEW_SCHEMA = pa.schema(
    [
        ("record_key_l", pa.string()),
        ("record_key_r", pa.string()),
        ("match_weight", pa.float64()),
        ("match_probability", pa.float64()),
        ("same_child", pa.bool_()),
        ("comparisons", pa.string()),
    ]
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
    # No LA child id is stored as the empty text (the column is NOT NULL).
    la_child_id = assignments.column("la_child_id").fill_null("")
    links = assignments.set_column(
        assignments.schema.get_field_index("la_child_id"), "la_child_id", la_child_id
    )
    constants = {"area_id": area.pk, "run_id": run.pk}
    _replace_area_rows(ChildLink, area, links, LINK_COLUMNS, constants)
    _replace_area_rows(ReviewPair, area, review_table(result.pairs), REVIEW_SCHEMA.names, constants)
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


def review_table(pairs: pa.Table) -> pa.Table:
    """ReviewPair columns (REVIEW_SCHEMA) of the review queue, column-wise; `comparisons` is the
    JSON text Django's JSONField would store for the list of {name, level, weight} per comparison
    (`<name>_weight` columns, in column order)."""
    names = [
        column[: -len("_weight")]
        for column in pairs.column_names
        if column.endswith("_weight") and column != "match_weight"
    ]
    rows = pairs.num_rows
    if not rows:
        return REVIEW_SCHEMA.empty_table()
    pieces: list[Any] = ["["]
    for number, name in enumerate(names):
        pieces += [
            (", " if number else "") + '{"name": ' + json.dumps(name) + ', "level": ',
            _json_texts(pairs, f"{name}_level"),
            ', "weight": ',
            _json_texts(pairs, f"{name}_weight"),
            "}",
        ]
    pieces.append("]")
    arrays = [p if isinstance(p, pa.Array) else pa.array([p] * rows, pa.string()) for p in pieces]
    comparisons = pc.binary_join_element_wise(*arrays, "")
    same = (
        pairs.column("same_child").combine_chunks().cast(pa.bool_()).fill_null(False)
        if "same_child" in pairs.column_names
        else pa.array([False] * rows, pa.bool_())
    )
    return pa.table(
        {
            "record_key_l": pairs.column("record_key_l"),
            "record_key_r": pairs.column("record_key_r"),
            "match_weight": pairs.column("match_weight"),
            "match_probability": pairs.column("match_probability"),
            "same_child": same,
            "comparisons": comparisons,
        },
        schema=REVIEW_SCHEMA,
    )


def _json_texts(pairs: pa.Table, column: str) -> pa.Array:
    """Each value of `column` as JSON text (`_json_safe`, then json.dumps); "null" when the
    column is missing. Texts are made once per distinct text value, and per float without
    json.dumps' per-call overhead (json writes a finite float as its repr)."""
    if column not in pairs.column_names:
        return pa.array(["null"] * pairs.num_rows, pa.string())
    values = pairs.column(column).combine_chunks()
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        encoded = pc.dictionary_encode(values)
        texts = pa.array(
            [json.dumps(_json_safe(v)) for v in encoded.dictionary.to_pylist()], pa.string()
        )
        return pc.take(texts, encoded.indices).fill_null("null")
    if pa.types.is_floating(values.type):
        return pa.array([_float_json(v) for v in values.to_pylist()], pa.string())
    return pa.array([json.dumps(_json_safe(v)) for v in values.to_pylist()], pa.string())


def _float_json(value: float | None) -> str:
    if value is None or value != value:  # null and NaN: `_json_safe` makes both None
        return "null"
    if value in (float("inf"), float("-inf")):
        return json.dumps(value)
    return float.__repr__(value)


def _replace_area_rows(
    model: type[models.Model],
    area: Area,
    data: pa.Table,
    columns: Sequence[str],
    constants: Mapping[str, Any],
) -> None:
    """Delete the area's rows of `model`'s table, then insert `data` (`insert_arrow`).

    On SQLite a big replacement in a table no other area uses runs with the table's indexes
    dropped and rebuilt from their own schema text (same indexes, same rows, one transaction);
    otherwise the delete gets a bigger page cache, since it touches every index page.
    """
    table = model._meta.db_table

    def insert() -> None:
        insert_arrow(connection.connection, connection.vendor, table, data, columns, constants)

    if connection.vendor != "sqlite":
        model._default_manager.filter(area=area).delete()
        insert()
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {table} WHERE area_id <> %s)",  # noqa: S608
            [area.pk],
        )
        shared = bool(cursor.fetchone()[0])
        if shared or data.num_rows < REBUILD_INDEXES_FROM:
            with sqlite_page_cache(cursor.cursor, _DELETE_CACHE_KIB):
                model._default_manager.filter(area=area).delete()
            insert()
            return
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL ORDER BY name",
            [table],
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        model._default_manager.filter(area=area).delete()
        insert()
        for _, sql in indexes:
            cursor.execute(sql)


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
