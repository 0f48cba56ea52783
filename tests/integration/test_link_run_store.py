"""Storing a linkage run: the review queue's JSON text and the replacement of an area's rows."""

from __future__ import annotations

import json
import math
from typing import Any

import pyarrow as pa
import pytest
from django.db import connection

from jtai.areas.services import ensure_area
from jtai.link.result import ASSIGNMENT_SCHEMA, LinkResult
from jtai.links import services
from jtai.links.models import ChildLink, ReviewPair
from jtai.links.services import record_link_run, review_table


def _json_safe_reference(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _json_safe_reference(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_safe_reference(v) for v in value]
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _comparisons_per_pair(pairs: pa.Table) -> list[str]:
    """The JSON text as it was written pair by pair before the column-wise path."""
    texts = []
    for pair in pairs.to_pylist():
        names = [
            k[: -len("_weight")] for k in pair if k.endswith("_weight") and k != "match_weight"
        ]
        comparisons = [
            {"name": n, "level": pair.get(f"{n}_level"), "weight": pair.get(f"{n}_weight")}
            for n in names
        ]
        texts.append(json.dumps(_json_safe_reference(comparisons)))
    return texts


def test_review_comparisons_are_the_json_text_written_pair_by_pair():
    weights = [3.5, -0.0, 1e-05, 3.0, float("nan"), None, float("inf"), -1.2345678901234567, 1e22]
    rows = len(weights)
    pairs = pa.table(
        {
            "record_key_l": [f"a:{i}" for i in range(rows)],
            "record_key_r": [f"b:{i}" for i in range(rows)],
            "match_weight": [0.5] * rows,
            "match_probability": [0.7] * rows,
            "same_child": [True, False, None] * 3,
            "name_level": ["Zoë 'exact'", None, 'say "hi"\n'] * 3,
            "name_weight": weights,
            "dob_level": pa.array(list(range(rows)), pa.int32()),
            "dob_weight": pa.array(list(range(rows)), pa.int64()),
            "postcode_weight": list(reversed(weights)),  # a weight without a level
        }
    )
    got = review_table(pairs)
    assert got.column("comparisons").to_pylist() == _comparisons_per_pair(pairs)
    assert got.column("same_child").to_pylist() == [True, False, False] * 3


def _assignments(prefix: str, size: int) -> pa.Table:
    return pa.table(
        {
            "record_key": [f"{prefix}:P{i:05d}" for i in range(size)],
            "source": [prefix] * size,
            "person_id": [f"P{i:05d}" for i in range(size)],
            "child_key": [f"C{i // 2}" for i in range(size)],
            "la_child_id": [None if i % 3 else f"LA{i}" for i in range(size)],
            "match_probability": [None if i % 2 else 0.9 for i in range(size)],
            "method": ["single" if i % 2 else "probabilistic" for i in range(size)],
        },
        schema=ASSIGNMENT_SCHEMA,
    )


def _indexes(table: str) -> list[tuple[str, str]]:
    if connection.vendor != "sqlite":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "ORDER BY name",
            [table],
        )
        return cursor.fetchall()


def _stored(area) -> list[tuple[Any, ...]]:
    return list(
        ChildLink.objects.filter(area=area)
        .order_by("id")
        .values_list("record_key", "child_key", "la_child_id", "match_probability", "method")
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rebuild_from", [1, 10**9], ids=["indexes rebuilt", "rows updated"])
def test_a_new_run_replaces_its_area_rows_and_keeps_the_indexes(area, monkeypatch, rebuild_from):
    monkeypatch.setattr(services, "REBUILD_INDEXES_FROM", rebuild_from)
    before = _indexes(ChildLink._meta.db_table), _indexes(ReviewPair._meta.db_table)
    first = record_link_run(
        area, LinkResult(_assignments("la_persons", 40), pa.table({})), actor="t", trigger="t"
    )
    pairs = pa.table(
        {
            "record_key_l": ["cin_census:P00000", "cin_census:P00002"],
            "record_key_r": ["cin_census:P00001", "cin_census:P00003"],
            "match_weight": [2.0, 1.0],
            "match_probability": [0.8, 0.6],
            "same_child": [True, False],
            "dob_level": ["Exact", None],
            "dob_weight": [4.25, None],
        }
    )
    second = record_link_run(
        area, LinkResult(_assignments("cin_census", 30), pairs), actor="t", trigger="t"
    )
    assert (_indexes(ChildLink._meta.db_table), _indexes(ReviewPair._meta.db_table)) == before
    assert not ChildLink.objects.filter(run=first).exists()
    links = _stored(area)
    assert [row[0] for row in links] == [f"cin_census:P{i:05d}" for i in range(30)]
    assert links[3] == ("cin_census:P00003", "C1", "LA3", None, "single")
    assert ChildLink.objects.filter(run=second).count() == 30
    reviews = ReviewPair.objects.filter(run=second).order_by("id")
    assert [(r.record_key_l, r.same_child, r.comparisons) for r in reviews] == [
        ("cin_census:P00000", True, [{"name": "dob", "level": "Exact", "weight": 4.25}]),
        ("cin_census:P00002", False, [{"name": "dob", "level": None, "weight": None}]),
    ]


@pytest.mark.django_db(transaction=True)
def test_a_run_leaves_another_area_rows_alone(area, monkeypatch):
    monkeypatch.setattr(services, "REBUILD_INDEXES_FROM", 1)
    other, _ = ensure_area("E06000002", "Otherton Safeguarding Partnership")
    for where in (other, area, area):
        record_link_run(
            where, LinkResult(_assignments("la_persons", 20), pa.table({})), actor="t", trigger="t"
        )
    assert ChildLink.objects.filter(area=other).count() == 20
    assert ChildLink.objects.filter(area=area).count() == 20
