"""Link each child across agencies: `link_persons` is the whole analytical entry point.

Steps: prepare records -> deterministic links on valid identifiers -> Splink model trained on this
area (when it has enough records) -> bands -> clusters across all sources with people's decisions
-> stable child keys. Pure: a pyarrow table in, a `LinkResult` out, an in-memory DuckDB in between.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import duckdb
import pyarrow as pa

from jtai.link.clusters import DETERMINISTIC, PROBABILISTIC, REVIEWED, SINGLE, Edge, cluster
from jtai.link.deterministic import deterministic_edges, identifier_values
from jtai.link.keys import LinkEvent, assign_keys
from jtai.link.model import ModelNotTrained, make_linker, model_summary, predict_pairs, train
from jtai.link.prepare import load_raw, prepare_records
from jtai.link.result import ASSIGNMENT_SCHEMA, Decision, LinkResult
from jtai.link.review import auto_link_mask, review_pairs
from jtai.link.settings import LA_ID_SOURCES, LinkSettings, default_backend

# Below this many linkable records EM has too little to learn from; link on identifiers and
# decisions only and say so in the model summary.
MIN_RECORDS_TO_TRAIN = 200
_REFUSED_EVENT = {REVIEWED: "decision_conflict", DETERMINISTIC: "identifier_cut"}
_METHOD_RANK = {REVIEWED: 0, DETERMINISTIC: 1, PROBABILISTIC: 2}


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
    records = con.execute(
        "select record_key, source, person_id, la_child_id from link_records order by record_key"
    ).fetchall()
    det = deterministic_edges(con)
    identifiers = identifier_values(con)
    timings["prepare"] = time.perf_counter() - clock

    clock = time.perf_counter()
    scored, summary = _probabilistic(con, cfg, backend)
    timings["model"] = time.perf_counter() - clock

    clock = time.perf_counter()
    edges = [Edge(d.left, d.right, REVIEWED, 1.0) for d in decided if d.same]
    edges += [Edge(a, b, DETERMINISTIC, 1.0) for a, b, _ in det]
    accepted = scored.filter(auto_link_mask(scored, cfg))
    edges += [
        Edge(a, b, PROBABILISTIC, p)
        for a, b, p in zip(
            accepted["record_key_l"].to_pylist(),
            accepted["record_key_r"].to_pylist(),
            accepted["match_probability"].to_pylist(),
            strict=True,
        )
    ]
    keys = [r[0] for r in records]
    apart = [(d.left, d.right) for d in decided if not d.same]
    clustering = cluster(keys, edges, apart, identifiers, cfg.conflicting_identifiers)
    # Each cluster sorted, clusters in order of their smallest record key. Most clusters are one
    # record, and sorting 200,000 one-item lists is not free.
    groups = [m if len(m) == 1 else sorted(m) for m in clustering.members.values()]
    groups.sort(key=lambda members: members[0])
    child_keys, events = assign_keys(groups, previous)
    # A refused "same" decision, or a shared valid identifier cut by a "not same" decision, is
    # something a person should see; refused model links are routine and are not reported.
    events += [
        LinkEvent(_REFUSED_EVENT[e.method], (), (), tuple(sorted((e.left, e.right))))
        for e, _ in clustering.refused
        if e.method in _REFUSED_EVENT
    ]
    child_of = {
        k: child for members, child in zip(groups, child_keys, strict=True) for k in members
    }
    assignments = _assignments(records, groups, child_keys, clustering.applied)
    pairs = review_pairs(scored, cfg, decided, child_of, summary)
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


def _assignments(
    records: list[tuple[Any, ...]],
    groups: list[list[str]],
    child_keys: list[str],
    applied: list[Edge],
) -> pa.Table:
    best: dict[str, tuple[int, float]] = {}
    for edge in applied:
        candidate = (_METHOD_RANK[edge.method], -edge.probability)
        for key in (edge.left, edge.right):
            current = best.get(key)
            if current is None or candidate < current:
                best[key] = candidate
    info = {r[0]: r for r in records}
    methods = {v: k for k, v in _METHOD_RANK.items()}
    keys = [k for members in groups for k in members]
    repeat = [len(members) for members in groups]
    la_ids = [_cluster_la_id([info[k] for k in members]) for members in groups]
    ranked = [best.get(k) for k in keys]
    table = pa.table(
        {
            "record_key": keys,
            "source": [info[k][1] for k in keys],
            "person_id": [info[k][2] for k in keys],
            "child_key": [c for c, n in zip(child_keys, repeat, strict=True) for _ in range(n)],
            "la_child_id": [v for v, n in zip(la_ids, repeat, strict=True) for _ in range(n)],
            "match_probability": [None if r is None else -r[1] for r in ranked],
            "method": [SINGLE if r is None else methods[r[0]] for r in ranked],
        },
        schema=ASSIGNMENT_SCHEMA,
    )
    return table.sort_by([("record_key", "ascending")])


def _cluster_la_id(members: list[tuple[Any, ...]]) -> str | None:
    """The LA's own records decide; otherwise the id partners recorded. Most common, then least."""
    if len(members) == 1:  # the common case, without counting
        _, source, person_id, la_child_id = members[0][:4]
        return person_id if source in LA_ID_SOURCES else (la_child_id or None)
    own = Counter(r[2] for r in members if r[1] in LA_ID_SOURCES)
    counts = own or Counter(r[3] for r in members if r[3])
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))
