"""The review queue: undecided pairs in the uncertain band, with what each field said.

For each comparison the queue carries the level's label ("Same name (variant or nickname)"), its
gamma and its weight (log2 Bayes factor, with the term-frequency adjustment added where the level
has one), so a review page can show which fields agree and how each moved the match weight.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from jtai.link.model import COMPARISON_NAMES, level_labels
from jtai.link.result import Decision
from jtai.link.settings import LinkSettings


def auto_link_mask(scored: pa.Table, settings: LinkSettings) -> pa.ChunkedArray:
    """True where a pair links on the model alone: in the upper band, and no field listed in
    `review_if_disagree` disagrees completely (gamma 0; missing is gamma -1 and does not count)."""
    mask = pc.greater_equal(scored["match_probability"], settings.upper)
    for name in settings.review_if_disagree:
        if f"gamma_{name}" in scored.column_names:
            mask = pc.and_(mask, pc.not_equal(scored[f"gamma_{name}"], 0))
    return mask


def review_pairs(
    scored: pa.Table,
    settings: LinkSettings,
    decisions: Sequence[Decision],
    assignments: pa.Table,
    summary: Mapping[str, Any],
) -> pa.Table:
    """Undecided pairs at or above the lower band that did not link on the model alone.

    assignments: record_key and child_key of every record, for `same_child`.
    """
    band = scored.filter(
        pc.and_(
            pc.greater_equal(scored["match_probability"], settings.lower),
            pc.invert(auto_link_mask(scored, settings)),
        )
    )
    decided = {frozenset((d.left, d.right)) for d in decisions}
    lefts = band["record_key_l"].to_pylist()
    rights = band["record_key_r"].to_pylist()
    keep = [frozenset((a, b)) not in decided for a, b in zip(lefts, rights, strict=True)]
    band = band.filter(pa.array(keep, pa.bool_()))
    columns: dict[str, Any] = {
        "record_key_l": band["record_key_l"],
        "record_key_r": band["record_key_r"],
        "match_weight": band["match_weight"],
        "match_probability": band["match_probability"],
        "same_child": _same_child(band, assignments),
    }
    labels = level_labels(summary) if summary.get("levels") else {}
    for name in COMPARISON_NAMES:
        if f"gamma_{name}" not in band.column_names:
            continue
        gammas = band[f"gamma_{name}"].to_pylist()
        weights = band[f"mw_{name}"].to_pylist() if f"mw_{name}" in band.column_names else []
        tf = f"mw_tf_adj_{name}"
        if tf in band.column_names and weights:
            weights = [w + (t or 0.0) for w, t in zip(weights, band[tf].to_pylist(), strict=True)]
        columns[f"{name}_level"] = pa.array(
            [labels.get((name, int(g)), str(g)) for g in gammas], pa.string()
        )
        columns[f"{name}_gamma"] = pa.array(gammas, pa.int32())
        columns[f"{name}_weight"] = pa.array(weights or [None] * len(gammas), pa.float64())
    table = pa.table(columns)
    return table.sort_by(
        [
            ("match_probability", "descending"),
            ("record_key_l", "ascending"),
            ("record_key_r", "ascending"),
        ]
    )


def _same_child(band: pa.Table, assignments: pa.Table) -> pa.Array:
    """True where both records of a pair have one child key (or, as a lookup would say, neither
    has one). The area's records are first cut down to those the pairs name, so the lookup
    table is built over thousands of keys, not millions."""
    named = pa.concat_arrays(
        [band["record_key_l"].combine_chunks(), band["record_key_r"].combine_chunks()]
    )
    lookup = assignments.select(["record_key", "child_key"]).filter(
        pc.is_in(assignments["record_key"], value_set=named)
    )
    children = pc.take(lookup["child_key"], pc.index_in(named, value_set=lookup["record_key"]))
    left, right = children[: band.num_rows], children[band.num_rows :]
    neither = pc.and_(pc.is_null(left), pc.is_null(right))
    return pc.or_(pc.fill_null(pc.equal(left, right), False), neither).combine_chunks()
