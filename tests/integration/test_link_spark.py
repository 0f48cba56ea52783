"""Linkage on Spark (local mode) gives the same children as on DuckDB, on a small synthetic area.

The Spark test is slow (a JVM starts). Where PySpark or Java 17+ is missing it skips, or fails
with `JTAI_REQUIRE_SPARK=1` (CI sets it). See docs/how-to/spark.md.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from datetime import date
from itertools import combinations

import pytest
from typer.testing import CliRunner

from jtai.cli.main import app
from jtai.link import spark as link_spark
from jtai.link.api import link_persons
from jtai.link.quality import quality
from jtai.synth import generate_area

AS_OF = date(2026, 11, 1)
AREA = "E06000047"
CHILDREN = 500
runner = CliRunner()


def _spark_or_skip() -> None:
    problem = link_spark.missing_requirements()
    if problem is None:
        return
    if os.environ.get("JTAI_REQUIRE_SPARK", "").lower() in {"1", "true", "yes"}:
        pytest.fail(f"JTAI_REQUIRE_SPARK is set, but {problem}")
    pytest.skip(problem)


@pytest.fixture
def stop_spark():
    """Stop the test's Spark session afterwards: the JVM holds a gigabyte the suite can use."""
    yield
    if link_spark.importlib.util.find_spec("pyspark") is not None:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()


def _pairs(rows: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Every pair of records put in one child, from (record_key, child_key) rows."""
    members: dict[str, list[str]] = {}
    for record_key, child_key in rows:
        members.setdefault(child_key, []).append(record_key)
    return {pair for keys in members.values() for pair in combinations(sorted(keys), 2)}


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_jtai_load_with_the_spark_setting_links_the_same_children_as_duckdb(
    tmp_path, monkeypatch, stop_spark
):
    _spark_or_skip()
    from jtai.areas.models import Area
    from jtai.links.models import ChildLink, LinkRun
    from jtai.records.tables import area_persons
    from jtai.runs.linking import stored_link_quality

    # The setting, not an argument: `jtai load` links after loading, on Spark's local mode.
    monkeypatch.setenv("JTAI_LINK_BACKEND", "spark")
    monkeypatch.setenv("JTAI_SPARK_MASTER", "local[2]")
    monkeypatch.setenv("JTAI_SPARK_SCRATCH_DIR", str(tmp_path / "spark"))
    # A short-lived JVM: the quick JIT compiler only (about a quarter off this test's time).
    monkeypatch.setenv(
        "PYSPARK_SUBMIT_ARGS",
        os.environ.get(
            "PYSPARK_SUBMIT_ARGS", "--driver-java-options -XX:TieredStopAtLevel=1 pyspark-shell"
        ),
    )
    on_spark: list[int] = []
    real_linker = link_spark.spark_linker

    def spark_linker(records, creator):
        on_spark.append(records.num_rows)
        return real_linker(records, creator)

    monkeypatch.setattr(link_spark, "spark_linker", spark_linker)

    folder = tmp_path / "area"
    generate_area(folder, CHILDREN, 7, AS_OF)
    args = ["load", str(folder), "--area", AREA, "--as-of", AS_OF.isoformat()]
    loaded = runner.invoke(app, [*args, "--report", str(tmp_path)])
    assert loaded.exit_code == 0, loaded.output
    assert len(on_spark) == 1 and on_spark[0] > 500  # the model ran on Spark, once
    area = Area.objects.get(code=AREA)
    assert LinkRun.objects.get(area=area).model_summary["trained"]

    # The same records through DuckDB (an explicit backend wins over the setting).
    on_duckdb = link_persons(area_persons(area), backend="duckdb")
    duck_pairs = _pairs(
        (r["record_key"], r["child_key"]) for r in on_duckdb.assignments.to_pylist()
    )
    spark_pairs = _pairs(ChildLink.objects.filter(area=area).values_list("record_key", "child_key"))
    assert len(duck_pairs) > 100
    # Training samples u differently on the two engines, so allow a stated sliver of difference.
    assert len(duck_pairs ^ spark_pairs) <= max(2, len(duck_pairs) // 100)
    truth = folder / "_truth" / "persons.csv"
    spark_f1 = stored_link_quality(area, truth)["f1"]
    assert round(spark_f1, 2) == round(quality(on_duckdb, truth)["f1"], 2)
    assert spark_f1 > 0.9

    # Once the linker is gone, Spark holds none of the run's tables (children's records).
    gc.collect()
    spark = link_spark.spark_session()
    assert not [t.name for t in spark.catalog.listTables() if t.isTemporary]


def test_java_versions_are_read_from_java_dash_version():
    assert link_spark.java_version('openjdk version "17.0.15" 2025-04-15') == 17
    assert link_spark.java_version('openjdk version "21" 2023-09-19') == 21
    assert link_spark.java_version('java version "1.8.0_392"') == 8
    assert link_spark.java_version("no java here") is None


def test_without_java_the_spark_backend_says_what_to_install(monkeypatch):
    monkeypatch.delenv("JAVA_HOME", raising=False)
    monkeypatch.setattr(link_spark.shutil, "which", lambda name: None)
    monkeypatch.setattr(link_spark.importlib.util, "find_spec", lambda name: object())
    problem = link_spark.missing_requirements()
    assert problem is not None and "Java 17" in problem
    with pytest.raises(RuntimeError, match="JTAI_LINK_BACKEND=spark cannot run"):
        link_spark.spark_session()


def test_a_cluster_needs_shared_scratch_storage_and_local_mode_does_not(monkeypatch):
    monkeypatch.delenv("JTAI_SPARK_SCRATCH_DIR", raising=False)
    monkeypatch.delenv("JTAI_SPARK_BREAK_LINEAGE", raising=False)
    assert link_spark.break_lineage_method("local[2]") == "persist"
    assert link_spark.break_lineage_method("spark://head:7077") == "parquet"
    assert os.path.isdir(link_spark.scratch_dir("local[*]"))
    with pytest.raises(ValueError, match="JTAI_SPARK_SCRATCH_DIR"):
        link_spark.scratch_dir("yarn")
    monkeypatch.setenv("JTAI_SPARK_SCRATCH_DIR", "hdfs:///tmp/jtai-spark")
    assert link_spark.scratch_dir("yarn") == "hdfs:///tmp/jtai-spark"
    monkeypatch.setenv("JTAI_SPARK_BREAK_LINEAGE", "delta")
    with pytest.raises(ValueError, match="one of"):
        link_spark.break_lineage_method("yarn")
