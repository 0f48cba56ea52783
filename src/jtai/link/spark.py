"""Training and scoring on Apache Spark: the `spark` branch of `make_linker`.

Only the model moves: preparation, identifier links and clustering stay in DuckDB and Python,
which is where they are fastest; training and scoring are the parts that grow with the number of
compared pairs. The session is Spark's local mode unless `JTAI_SPARK_MASTER` names a cluster
(see docs/how-to/spark.md). PySpark is an optional extra (`pip install -e '.[spark]'`) and needs
Java 17 or later; this module imports PySpark only when a session is asked for.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import re
import shutil
import subprocess
import tempfile
import uuid
import weakref
from functools import cache
from typing import Any

import pyarrow as pa
from splink import Linker, SettingsCreator

DEFAULT_MASTER = "local[2]"
# Spark 4 runs on Java 17 and 21 (and Splink 5's Scala functions are built for Spark 4).
MIN_JAVA = 17
# How Splink cuts the lineage of its intermediate tables (SparkAPI's break_lineage_method).
BREAK_LINEAGE_METHODS = ("persist", "parquet", "checkpoint")
_log = logging.getLogger(__name__)


def is_local(master: str) -> bool:
    """True for Spark's local mode (`local`, `local[4]`, `local[*]`, `local[4,2]`)."""
    return master.strip().startswith("local")


def java_version(text: str) -> int | None:
    """The major version in `java -version` output: 17 for `17.0.15`, 8 for `1.8.0_392`."""
    found = re.search(r'version "(\d+)(?:\.(\d+))?', text)
    if found is None:
        return None
    major = int(found.group(1))
    return int(found.group(2) or 0) if major == 1 else major


def _java() -> str | None:
    # PySpark starts $JAVA_HOME/bin/java when JAVA_HOME is set, else `java` on the PATH.
    home = os.environ.get("JAVA_HOME")
    if home:
        candidate = os.path.join(home, "bin", "java")
        return candidate if os.access(candidate, os.X_OK) else None
    return shutil.which("java")


@cache
def _java_problem(java: str) -> str | None:
    try:
        shown = subprocess.run(  # noqa: S603 - the JVM PySpark itself would start
            [java, "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"{java} -version failed: {error}"
    version = java_version(shown.stderr + shown.stdout)
    if version is None or version < MIN_JAVA:
        return (
            f"Spark 4 needs Java {MIN_JAVA} or later, and {java} is "
            f"{version or 'of unknown version'}: install a newer JRE or set JAVA_HOME"
        )
    return None


def missing_requirements() -> str | None:
    """Why linkage cannot run on Spark here (no PySpark, no Java, Java too old), or None."""
    if importlib.util.find_spec("pyspark") is None:
        return "PySpark is not installed: pip install -e '.[spark]' (docs/how-to/spark.md)"
    java = _java()
    if java is None:
        return (
            "No Java runtime for Spark: install Java 17 or later "
            "(Debian: apt-get install default-jre-headless) or set JAVA_HOME"
        )
    return _java_problem(java)


def break_lineage_method(master: str) -> str:
    """`JTAI_SPARK_BREAK_LINEAGE`; by default `persist` in local mode, `parquet` on a cluster.

    Persisting keeps Splink's intermediate tables in memory (spilling to Spark's local disk), so
    a local run writes no personal data to the scratch folder. On a cluster Splink's own default,
    parquet files in the checkpoint folder, cuts long lineages and survives a lost executor.
    """
    method = os.environ.get("JTAI_SPARK_BREAK_LINEAGE", "").strip().lower()
    if not method:
        return "persist" if is_local(master) else "parquet"
    if method not in BREAK_LINEAGE_METHODS:
        raise ValueError(f"JTAI_SPARK_BREAK_LINEAGE must be one of {BREAK_LINEAGE_METHODS}")
    return method


@cache
def _own_scratch() -> str:
    # One folder per process, removed when the process ends.
    folder = tempfile.mkdtemp(prefix="jtai-spark-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def scratch_dir(master: str) -> str:
    """`JTAI_SPARK_SCRATCH_DIR`, or in local mode a temporary folder removed at exit.

    On a cluster every executor writes there, so it must be shared storage (hdfs://, s3a://,
    abfss://, or a mount every node has) and cannot default to the driver's /tmp.
    """
    given = os.environ.get("JTAI_SPARK_SCRATCH_DIR", "").strip()
    if given:
        return given
    if is_local(master) or break_lineage_method(master) == "persist":
        return _own_scratch()
    raise ValueError(
        f"JTAI_SPARK_MASTER={master} is a cluster: set JTAI_SPARK_SCRATCH_DIR to storage every "
        "node can reach (for example hdfs:///tmp/jtai-spark), see docs/how-to/spark.md"
    )


def spark_session() -> Any:
    """The Spark session: `JTAI_SPARK_MASTER` (default local mode on two cores)."""
    problem = missing_requirements()
    if problem:
        raise RuntimeError(f"JTAI_LINK_BACKEND=spark cannot run: {problem}")
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    active = SparkSession.getActiveSession()
    if active is not None:  # this process's session from an earlier run, or the platform's
        return active
    master = os.environ.get("JTAI_SPARK_MASTER", "").strip() or DEFAULT_MASTER
    scratch = scratch_dir(master)
    builder = (
        SparkSession.builder.master(master)
        .appName("jtai-link")
        .config("spark.ui.showConsoleProgress", "false")
        # Splink's Scala functions (Jaro-Winkler and friends), shipped in its wheel; Spark sends
        # the jar to the executors.
        .config("spark.jars", similarity_jar_location())
        # Never a spark-warehouse folder in whatever directory the command ran from.
        .config("spark.sql.warehouse.dir", os.path.join(scratch, "warehouse"))
        # Checkpoint files go when their data is no longer referenced (break lineage `checkpoint`).
        .config("spark.cleaner.referenceTracking.cleanCheckpoints", "true")
    )
    partitions = os.environ.get("JTAI_SPARK_PARTITIONS", "").strip()
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(int(partitions)))
    if is_local(master):
        builder = builder.config("spark.ui.enabled", "false")
        if not partitions:
            builder = builder.config("spark.sql.shuffle.partitions", "4")
        # Adaptive execution splits each of Splink's queries into more jobs, which costs more
        # than it saves on one machine (about 180 jobs a training run instead of 300).
        builder = builder.config("spark.sql.adaptive.enabled", "false")
    spark = builder.getOrCreate()
    if spark.sparkContext.getCheckpointDir() is None:
        spark.sparkContext.setCheckpointDir(os.path.join(scratch, "checkpoints"))
    return spark


def spark_linker(records: pa.Table, creator: SettingsCreator) -> Linker:
    """A Splink linker over `records` (MODEL_COLUMNS) on Spark.

    Each linker has its own input view, and Splink names its tables per linker, so runs in one
    process (the web app's re-link) do not meet. When the linker is garbage collected its tables
    are dropped, unpersisted and, if written as parquet, deleted: a long-running process keeps no
    copies of children's records from earlier runs.
    """
    spark = spark_session()
    master = spark.sparkContext.master
    db_api = _tracked_spark_api(spark, break_lineage_method(master))
    view = f"link_model_input_{uuid.uuid4().hex[:12]}"
    frame = db_api.register(spark.createDataFrame(records), table_name=view)
    linker = Linker(frame, creator, log_level=logging.WARNING)
    weakref.finalize(linker, release, db_api)
    return linker


def _tracked_spark_api(spark: Any, method: str) -> Any:
    from splink import SparkAPI

    class TrackedSparkAPI(SparkAPI):
        """Splink's SparkAPI, remembering every table it makes (Splink forgets some it drops)."""

        jtai_tables: set[str]
        jtai_frames: list[Any]

        def _repartition_if_needed(self, spark_df: Any, templated_name: str) -> Any:
            # What this returns is what Splink persists, if it persists.
            frame = super()._repartition_if_needed(spark_df, templated_name)
            self.jtai_frames.append(frame)
            return frame

        def _table_registration(self, input: Any, table_name: str) -> None:
            self.jtai_tables.add(table_name)
            super()._table_registration(input, table_name)

        def _cleanup_for_execute_sql(
            self, table: Any, templated_name: str, physical_name: str
        ) -> Any:
            self.jtai_tables.add(physical_name)
            return super()._cleanup_for_execute_sql(table, templated_name, physical_name)

    db_api = TrackedSparkAPI(spark_session=spark, break_lineage_method=method)
    db_api.jtai_tables, db_api.jtai_frames = set(), []
    return db_api


def release(db_api: Any) -> None:
    """Unpersist and drop one linker's input view and every table Splink made for it, and delete
    their parquet files."""
    try:
        spark, names, frames = db_api.spark, sorted(db_api.jtai_tables), db_api.jtai_frames
        db_api.jtai_tables, db_api.jtai_frames = set(), []
        for frame in frames:
            frame.unpersist()  # nothing to do where Splink did not persist
        for name in names:
            spark.catalog.dropTempView(name)
        if db_api.break_lineage_method == "parquet" and names:
            jvm, context = spark._jvm, spark._jsc.sc()
            folder = context.getCheckpointDir().get()
            for name in names:
                path = jvm.org.apache.hadoop.fs.Path(folder, name)
                path.getFileSystem(context.hadoopConfiguration()).delete(path, True)
    except Exception:  # the session may be gone already, at interpreter exit
        _log.debug("could not release Splink's tables on Spark", exc_info=True)
