"""The probabilistic pass: Splink settings, the backend, training and scoring.

`make_linker` is the one place that knows the backend. Everything else talks to the `Linker` and
reads results as pyarrow tables, so moving a large area to Spark means adding a branch there.
Training follows Splink's recipe on the area's own data: the prior from near-certain rules, u from
random pairs (seeded), m by expectation maximisation on blocked pairs (hash-sampled, deterministic).
"""

from __future__ import annotations

import copy
import logging
import math
from collections.abc import Mapping
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator
from splink.internals.comparison_creator import ComparisonCreator

from jtai.link.comparisons import comparisons
from jtai.link.settings import LinkSettings

# Columns the model reads; everything else stays out of Splink's tables.
MODEL_COLUMNS: tuple[str, ...] = (
    "record_key",
    "forename",
    "forename_std",
    "forename_sdx",
    "surname",
    "surname_sdx",
    "dob",
    "dob_swapped",
    "birth_year",
    "sex",
    "postcode",
    "postcode_sector",
    "postcode_district",
    "nhs_number",
    "upn",
    "la_child_id",
)
COMPARISON_NAMES: tuple[str, ...] = (
    "forename",
    "surname",
    "dob",
    "sex",
    "postcode",
    "identifiers",
)


def _rule(rule: tuple[str, ...] | str) -> BlockingRuleCreator | dict[str, Any]:
    # A string rule is SQL over l./r. columns; Splink takes it as a dict in any dialect.
    return {"blocking_rule": rule} if isinstance(rule, str) else block_on(*rule)


def splink_settings(settings: LinkSettings) -> SettingsCreator:
    """Splink model settings: dialect-free until a backend builds the linker."""
    return SettingsCreator(
        unique_id_column_name="record_key",
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=[_rule(r) for r in settings.blocking_rules],
        comparisons=list[ComparisonCreator | dict[str, Any]](comparisons(settings)),
        # Splink 5 emits the gamma (level) columns only with the matching columns; both flags are
        # needed for the per-field levels and weights the review page shows.
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
    )


def make_linker(
    records: pa.Table,
    settings: LinkSettings,
    backend: str = "duckdb",
    *,
    connection: duckdb.DuckDBPyConnection | None = None,
) -> Linker:
    """A Splink linker over `records` (MODEL_COLUMNS) on the chosen backend.

    DuckDB runs in process and in memory. Spark (`jtai.link.spark`) trains and scores on the
    session `JTAI_SPARK_MASTER` names; see docs/how-to/spark.md.
    """
    creator = splink_settings(settings)
    if backend == "duckdb":
        con = connection if connection is not None else duckdb.connect()
        if settings.threads:
            con.execute(f"set threads = {int(settings.threads)}")
        db_api = DuckDBAPI(connection=con)
        frame = db_api.register(records.select(list(MODEL_COLUMNS)), table_name="link_model_input")
        return Linker(frame, creator, log_level=logging.WARNING)
    if backend == "spark":
        from jtai.link.spark import spark_linker  # PySpark and a JVM only when asked for

        return spark_linker(records.select(list(MODEL_COLUMNS)), creator)
    raise ValueError(f"unknown linkage backend {backend!r}")


class ModelNotTrained(RuntimeError):
    """Training could not estimate the model on this area's records."""


def train(linker: Linker, settings: LinkSettings) -> None:
    """Estimate the prior, u and m on this area's records. Seeded, so reruns give one model."""
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on(*r) for r in settings.prior_rules], recall=settings.prior_recall
    )
    training.estimate_u_using_random_sampling(max_pairs=settings.u_max_pairs, seed=settings.seed)
    rounds = 0
    for rule in settings.em_rules:
        before = copy.deepcopy(linker._settings_obj)
        try:
            training.estimate_parameters_using_expectation_maximisation(
                block_on(*rule),
                estimate_without_term_frequencies=True,
                max_pairs=settings.em_max_pairs,
            )
        except ValueError as error:
            # Splink 5.0 refuses an m probability that underflows below 1e-300, which EM can
            # reach on some areas' data. That round's estimates are dropped; the others stand.
            if "below the minimum allowed value" not in str(error):
                raise
            linker._settings_obj = before  # a failed round may have changed some estimates
            continue
        rounds += 1
    if not rounds:
        # No round estimated m: predict with Splink's default m values and this area's u.
        raise ModelNotTrained("every expectation-maximisation round underflowed")
    floor_agreement_weights(linker)


def floor_agreement_weights(linker: Linker) -> None:
    """No agreement level may count as stronger evidence against a match than total disagreement.

    EM on an area's own data can drive an m probability towards zero for a level it rarely sees
    among matches (in synthetic data a move is never to the same postcode sector), which gives that
    level a weight far below the "all other comparisons" level: partial agreement would then be
    worse than none. Raising m to the else level's Bayes factor keeps the levels ordered.
    """
    for comparison in linker._settings_obj.comparisons:
        levels = [lv for lv in comparison.comparison_levels if not lv.is_null_level]
        others = [lv for lv in levels if lv._is_else_level]
        if not others or not _trained(others[0]):
            continue
        else_bf = _value(others[0].m_probability) / _value(others[0].u_probability)
        for level in levels:
            if level._is_else_level or not _trained(level):
                continue
            floor = _value(level.u_probability) * else_bf
            if _value(level.m_probability) < floor:
                level.m_probability = min(floor, 1.0)


def _value(probability: float | None) -> float:
    return float(probability) if probability is not None else 0.0


def _trained(level: Any) -> bool:
    m, u = level.m_probability, level.u_probability
    return isinstance(m, float) and isinstance(u, float) and m > 0 and u > 0


def predict_pairs(linker: Linker, settings: LinkSettings) -> pa.Table:
    """Scored candidate pairs at or above the lower band, with per-comparison levels and weights."""
    frame = linker.inference.predict(threshold_match_probability=settings.lower)
    table = frame.as_pyarrow_table()
    keep = ["record_key_l", "record_key_r", "match_weight", "match_probability"]
    for name in COMPARISON_NAMES:
        wanted = (f"gamma_{name}", f"mw_{name}", f"mw_tf_adj_{name}")
        keep += [c for c in wanted if c in table.column_names]
    return table.select(keep)


def model_summary(linker: Linker) -> dict[str, Any]:
    """Trained m and u per comparison level, with Bayes factor and weight, for display."""
    model = linker.misc.save_model_to_json()
    rows: list[dict[str, Any]] = []
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        for gamma, level in zip(range(len(levels) - 1, -1, -1), levels, strict=True):
            m, u = level.get("m_probability"), level.get("u_probability")
            bf = m / u if m and u else None
            rows.append(
                {
                    "comparison": comparison["output_column_name"],
                    "gamma": gamma,
                    "level": level.get("label_for_charts", level["sql_condition"]),
                    "m_probability": m,
                    "u_probability": u,
                    "bayes_factor": bf,
                    "match_weight": math.log2(bf) if bf else None,
                    "tf_adjusted": bool(level.get("tf_adjustment_column")),
                }
            )
    return {
        "probability_two_random_records_match": model["probability_two_random_records_match"],
        "levels": rows,
    }


def level_labels(summary: Mapping[str, Any]) -> dict[tuple[str, int], str]:
    """(comparison, gamma) -> label; gamma -1 is the null level."""
    labels = {(r["comparison"], int(r["gamma"])): str(r["level"]) for r in summary["levels"]}
    for name in COMPARISON_NAMES:
        labels[(name, -1)] = "Missing on one side"
    return labels
