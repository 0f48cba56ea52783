"""Linkage on Spark (local mode) gives the same children as on DuckDB, on a small synthetic area.

Slow (a JVM starts) and skipped where PySpark or Java is missing; see docs/how-to/spark.md.
"""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date
from itertools import combinations

import pytest

from jtai.link.api import link_persons
from jtai.link.evaluate import read_persons
from jtai.link.quality import quality
from jtai.synth import generate_area

AS_OF = date(2026, 11, 1)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("pyspark") is None or shutil.which("java") is None,
        reason="needs PySpark and Java",
    ),
]


def _linked_pairs(result) -> set[tuple[str, str]]:
    members: dict[str, list[str]] = {}
    rows = result.assignments.select(["record_key", "child_key"]).to_pylist()
    for row in rows:
        members.setdefault(row["child_key"], []).append(row["record_key"])
    return {pair for keys in members.values() for pair in combinations(sorted(keys), 2)}


def test_spark_local_mode_links_the_same_children_as_duckdb(tmp_path, monkeypatch):
    monkeypatch.setenv("JTAI_SPARK_MASTER", "local[2]")
    monkeypatch.setenv("JTAI_SPARK_SCRATCH_DIR", str(tmp_path / "spark"))
    generate_area(tmp_path / "area", 500, 7, AS_OF)
    persons = read_persons(tmp_path / "area", AS_OF)
    on_duckdb = link_persons(persons, backend="duckdb")
    on_spark = link_persons(persons, backend="spark")
    assert on_spark.model_summary["trained"]
    duck_pairs, spark_pairs = _linked_pairs(on_duckdb), _linked_pairs(on_spark)
    # Training samples differ between the engines, so allow a stated sliver of difference.
    assert len(duck_pairs ^ spark_pairs) <= max(2, len(duck_pairs) // 100)
    truth = tmp_path / "area" / "_truth" / "persons.csv"
    assert round(quality(on_spark, truth)["f1"], 2) == round(quality(on_duckdb, truth)["f1"], 2)
