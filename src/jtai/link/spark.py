"""Training and scoring on Apache Spark: the `spark` branch of `make_linker`.

Only the model moves: preparation, identifier links and clustering stay in DuckDB and Python,
which is where they are fastest; training and scoring are the parts that grow with the number of
compared pairs. The session is Spark's local mode unless `JTAI_SPARK_MASTER` names a cluster
(see docs/how-to/spark.md). Importing this module needs PySpark; nothing else in jtai imports it.
"""

from __future__ import annotations

import logging
import os
import tempfile
from typing import Any

import pyarrow as pa
from splink import Linker, SettingsCreator, SparkAPI

DEFAULT_MASTER = "local[2]"


def spark_session() -> Any:
    """The Spark session: `JTAI_SPARK_MASTER` (default local mode on two cores)."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    master = os.environ.get("JTAI_SPARK_MASTER", DEFAULT_MASTER)
    scratch = os.environ.get("JTAI_SPARK_SCRATCH_DIR") or tempfile.mkdtemp(prefix="jtai-spark-")
    spark = (
        SparkSession.builder.master(master)
        .appName("jtai-link")
        .config("spark.sql.shuffle.partitions", os.environ.get("JTAI_SPARK_PARTITIONS", "8"))
        .config("spark.ui.enabled", "false")
        # Splink's Scala functions (Jaro-Winkler and friends), shipped in its wheel.
        .config("spark.jars", similarity_jar_location())
        # Never a spark-warehouse folder in whatever directory the command ran from.
        .config("spark.sql.warehouse.dir", os.path.join(scratch, "warehouse"))
        .getOrCreate()
    )
    spark.sparkContext.setCheckpointDir(os.path.join(scratch, "checkpoints"))
    return spark


def spark_linker(records: pa.Table, creator: SettingsCreator) -> Linker:
    """A Splink linker over `records` (MODEL_COLUMNS) on Spark."""
    spark = spark_session()
    db_api = SparkAPI(spark_session=spark)
    frame = db_api.register(spark.createDataFrame(records), table_name="link_model_input")
    return Linker(frame, creator, log_level=logging.WARNING)
