"""Link each child across agencies: `link_persons` is the whole analytical entry point.

Steps: prepare records -> deterministic links on valid identifiers -> Splink model trained on this
area (when it has enough records) -> bands -> clusters across all sources with people's decisions
-> stable child keys. Pure: a pyarrow table in, a `LinkResult` out, an in-memory DuckDB in between.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb
import pyarrow as pa

from jtai.link.assemble import assemble_children
from jtai.link.clusters import DETERMINISTIC, REVIEWED
from jtai.link.keys import LinkEvent
from jtai.link.model import ModelNotTrained, make_linker, model_summary, predict_pairs, train
from jtai.link.prepare import load_raw, prepare_records
from jtai.link.result import Decision, LinkResult
from jtai.link.review import auto_link_mask, review_pairs
from jtai.link.settings import LinkSettings, default_backend

# Below this many linkable records EM has too little to learn from; link on identifiers and
# decisions only and say so in the model summary.
MIN_RECORDS_TO_TRAIN = 200
_REFUSED_EVENT = {REVIEWED: "decision_conflict", DETERMINISTIC: "identifier_cut"}


def link_persons(
    persons: pa.Table,
    decisions: Iterable[Decision] = (),
    previous: Mapping[str, str] | None = None,
    settings: LinkSettings | Mapping[str, Any] | None = None,
    backend: str | None = None,
) -> LinkResult:
    """Link person records (PERSON_COLUMNS) of one area into children.

    decisions: people's decisions on pairs of record keys; they override the model.
    previous: record_key -> child_key from the last run, so keys stay stable.
    backend: where the model trains and scores, `duckdb` or `spark`; by default the setting
    `JTAI_LINK_BACKEND` (DuckDB when unset).
    """
    backend = backend or default_backend()
    cfg = (
        settings
        if isinstance(settings, LinkSettings)
        else LinkSettings.from_dict(dict(settings) if settings else None)
    )
    decided = list(decisions)
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    con = duckdb.connect()
    if cfg.threads:
        con.execute(f"set threads = {int(cfg.threads)}")
    load_raw(con, persons)
    prepare_records(con)
    timings["prepare"] = time.perf_counter() - clock

    clock = time.perf_counter()
    scored, summary = _probabilistic(con, cfg, backend)
    timings["model"] = time.perf_counter() - clock

    clock = time.perf_counter()
    accepted = scored.filter(auto_link_mask(scored, cfg)).select(
        ["record_key_l", "record_key_r", "match_probability"]
    )
    children = assemble_children(con, decided, accepted, previous, cfg.conflicting_identifiers)
    # A refused "same" decision, or a shared valid identifier cut by a "not same" decision, is
    # something a person should see; refused model links are routine and are not reported.
    events = children.events + [
        LinkEvent(_REFUSED_EVENT[e.method], (), (), tuple(sorted((e.left, e.right))))
        for e, _ in children.refused
        if e.method in _REFUSED_EVENT
    ]
    assignments = children.assignments
    pairs = review_pairs(scored, cfg, decided, assignments, summary)
    timings["cluster"] = time.perf_counter() - clock
    con.close()
    return LinkResult(assignments, pairs, events, summary, timings)


def _probabilistic(
    con: duckdb.DuckDBPyConnection, cfg: LinkSettings, backend: str
) -> tuple[pa.Table, dict[str, Any]]:
    model_input = con.sql("select * from link_records where linkable").to_arrow_table()
    empty = pa.table(
        {
            "record_key_l": pa.array([], pa.string()),
            "record_key_r": pa.array([], pa.string()),
            "match_weight": pa.array([], pa.float64()),
            "match_probability": pa.array([], pa.float64()),
        }
    )
    if model_input.num_rows < MIN_RECORDS_TO_TRAIN:
        note = f"not trained: {model_input.num_rows} linkable records, need {MIN_RECORDS_TO_TRAIN}"
        return empty, {"trained": False, "note": note, "levels": []}
    linker = make_linker(model_input, cfg, backend, connection=con)
    try:
        train(linker, cfg)
    except ModelNotTrained as error:
        # u is this area's; m stays at Splink's defaults. Say so, rather than fail the load.
        summary = {"trained": False, "note": f"m at defaults: {error}", **model_summary(linker)}
        return predict_pairs(linker, cfg), summary
    summary = {"trained": True, **model_summary(linker)}
    return predict_pairs(linker, cfg), summary
