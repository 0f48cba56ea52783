"""Children from links, set-wise in DuckDB: the clustering step of `link_persons` at area scale.

The same answer as the record-by-record path (`clusters.cluster`, `keys.assign_keys` and the
per-record assignment), computed on integer record ids: connected components of every link by an
unordered union-find, the greedy cut-aware pass (`cluster`) only for the few components where a
link can be refused (two records decided apart, or two values of one conflicting identifier kind),
then each record's best link, its child's LA id and the child keys in SQL.
"""

# ruff: noqa: S608 -- SQL interpolates module constants only (column names, LA source codes)

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from jtai.link.clusters import DETERMINISTIC, PROBABILISTIC, REVIEWED, Edge, cluster
from jtai.link.components import connected_components
from jtai.link.deterministic import IDENTIFIER_KEYS, anchored_sql, identifier_sql
from jtai.link.keys import _HASH_CHARS, KEY_PREFIX, LinkEvent, mint_key
from jtai.link.result import ASSIGNMENT_SCHEMA, Decision
from jtai.link.settings import LA_ID_SOURCES

_RANK = {REVIEWED: 0, DETERMINISTIC: 1, PROBABILISTIC: 2}
_METHOD_SQL = (
    "case rank when 0 then 'reviewed' when 1 then 'deterministic' else 'probabilistic' end"
)
_PAIR = pa.schema([("a", pa.string()), ("b", pa.string())])
_METHODS = {rank: method for method, rank in _RANK.items()}


@dataclass(slots=True)
class Children:
    """Assignments by record key (ASSIGNMENT_SCHEMA), key events, and the links refused."""

    assignments: pa.Table
    events: list[LinkEvent] = field(default_factory=list)
    refused: list[tuple[Edge, str]] = field(default_factory=list)


def _la_list(values: frozenset[str]) -> str:
    return ", ".join(f"'{v}'" for v in sorted(values))


def _edges(con: duckdb.DuckDBPyConnection, decided: Sequence[Decision], accepted: pa.Table) -> None:
    """`link_edges` (l, r, rank, probability) on record ids; links naming no record are dropped."""
    same = [d for d in decided if d.same]
    con.register(
        "link_reviewed",
        pa.table({"a": [d.left for d in same], "b": [d.right for d in same]}, schema=_PAIR),
    )
    con.register("link_accepted", accepted)
    con.execute(
        f"""
        create or replace table link_edges as
        with det as (
            select record_key as a, anchor as b, kind from ({anchored_sql()})
        ),
        named as (
            select a, b, 0 as rank, 1.0::double as probability from link_reviewed
            union all
            select a, b, 1, 1.0::double from det
            union all
            select record_key_l, record_key_r, 2, match_probability from link_accepted
        )
        select l.id as l, r.id as r, rank, probability
        from named
        join link_ids l on l.record_key = named.a
        join link_ids r on r.record_key = named.b
        """
    )
    con.unregister("link_reviewed")
    con.unregister("link_accepted")


def assemble_children(
    con: duckdb.DuckDBPyConnection,
    decided: Sequence[Decision],
    accepted: pa.Table,
    previous: Mapping[str, str] | None,
    conflicting: Sequence[str],
) -> Children:
    """Assignments (ASSIGNMENT_SCHEMA, by record key), key events and refused links.

    Needs `link_raw` and `link_records` (prepare.py) in `con`; `accepted` holds the model links
    (record_key_l, record_key_r, match_probability).
    """
    con.execute(
        """
        create or replace table link_ids as
        select (row_number() over (order by record_key) - 1)::bigint as id,
               record_key, source, person_id, la_child_id
        from link_records
        """
    )
    keys: list[str] = _column(con, "select record_key from link_ids order by id")
    _edges(con, decided, accepted)
    edges = con.sql("select l, r from link_edges").to_arrow_table()
    root = connected_components(len(keys), edges["l"].to_pylist(), edges["r"].to_pylist())

    # Components where a link can be refused go through the greedy pass.
    position = _positions(keys, [k for d in decided if not d.same for k in (d.left, d.right)])
    apart = [
        (d.left, d.right)
        for d in decided
        if not d.same
        and d.left in position
        and d.right in position
        and root[position[d.left]] == root[position[d.right]]
    ]
    greedy = {root[position[a]] for a, _ in apart}
    con.register(
        "link_roots",
        pa.table(
            {"id": pa.array(range(len(keys)), pa.int64()), "root": pa.array(root, pa.int64())}
        ),
    )
    kinds = [k for k in conflicting if k in IDENTIFIER_KEYS]
    if kinds:
        greedy.update(
            _column(
                con,
                f"""
                select distinct root from ({identifier_sql(kinds)}) v
                join link_ids using (record_key) join link_roots using (id)
                group by root, kind having count(distinct value) > 1
                """,
            )
        )
    applied = pa.table(
        {"l": [], "r": [], "rank": [], "probability": []},
        schema=pa.schema(
            [
                ("l", pa.int64()),
                ("r", pa.int64()),
                ("rank", pa.int32()),
                ("probability", pa.float64()),
            ]
        ),
    )
    refused: list[tuple[Edge, str]] = []
    labels = root
    if greedy:
        labels, applied, refused = _greedy(con, keys, root, greedy, apart, kinds, conflicting)
    con.register("link_greedy", pa.table({"root": pa.array(sorted(greedy), pa.int64())}))
    con.register(
        "link_labels",
        pa.table(
            {"id": pa.array(range(len(keys)), pa.int64()), "label": pa.array(labels, pa.int64())}
        ),
    )
    con.register("link_greedy_applied", applied)
    order = _column(con, "select distinct label from link_labels order by label")
    child_keys, events = _child_keys(con, keys, order, previous)
    con.register(
        "link_child",
        pa.table(
            {"label": pa.array(order, pa.int64()), "child_key": pa.array(child_keys, pa.string())}
        ),
    )
    assignments = con.sql(
        _ASSIGNMENTS_SQL.format(la_sources=_la_list(LA_ID_SOURCES), method=_METHOD_SQL)
    ).to_arrow_table()
    for name in ("link_roots", "link_greedy", "link_labels", "link_greedy_applied", "link_child"):
        con.unregister(name)
    return Children(assignments.cast(ASSIGNMENT_SCHEMA), events, refused)


_ASSIGNMENTS_SQL = """
with applied as (
    select e.l, e.r, e.rank, e.probability from link_edges e
    join link_roots o on o.id = e.l
    where o.root not in (select root from link_greedy)
    union all
    select l, r, rank, probability from link_greedy_applied
),
ends as (
    select l as id, rank, probability from applied
    union all
    select r, rank, probability from applied
),
best as (
    select id, rank, max(probability) as probability from (
        select id, rank, probability, min(rank) over (partition by id) as top from ends
    ) where rank = top
    group by id, rank
),
members as (
    select i.id, i.record_key, i.source, i.person_id, i.la_child_id, b.label
    from link_ids i join link_labels b using (id)
),
candidates as (
    select label, 1 as own, person_id as value from members
    where source in ({la_sources})
    union all
    select label, 0, la_child_id from members
    where source not in ({la_sources}) and la_child_id is not null and la_child_id <> ''
),
counted as (
    select label, own, value, count(*) as n from candidates group by label, own, value
),
la as (
    select label, value from (
        select label, value,
               row_number() over (partition by label order by own desc, n desc, value) as pick
        from counted
    ) where pick = 1
)
select m.record_key, m.source, m.person_id, c.child_key, la.value as la_child_id,
       b.probability as match_probability,
       case when b.rank is null then 'single' else {method} end as method
from members m
join link_child c using (label)
left join la using (label)
left join best b using (id)
order by m.record_key
"""


def _column(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    return con.sql(sql).to_arrow_table().column(0).to_pylist()


def _positions(keys: Sequence[str], wanted: Sequence[str]) -> dict[str, int]:
    """Position in `keys` of each wanted key that is there (decisions are few; keys are many)."""
    look = set(wanted)
    return {key: at for at, key in enumerate(keys) if key in look} if look else {}


def _greedy(
    con: duckdb.DuckDBPyConnection,
    keys: Sequence[str],
    root: list[int],
    greedy: set[int],
    apart: list[tuple[str, str]],
    kinds: Sequence[str],
    conflicting: Sequence[str],
) -> tuple[list[int], pa.Table, list[tuple[Edge, str]]]:
    """Run `cluster` on the components in `greedy`: labels (smallest id), applied links, refused."""
    con.register("link_greedy", pa.table({"root": pa.array(sorted(greedy), pa.int64())}))
    inside = "(select root from link_greedy)"
    ids = _column(con, f"select id from link_roots where root in {inside} order by id")
    subset = [keys[i] for i in ids]
    rows = con.execute(
        f"""
        select e.l, e.r, e.rank, e.probability from link_edges e
        join link_roots o on o.id = e.l where o.root in {inside}
        """
    ).fetchall()
    edges = [Edge(keys[a], keys[b], _METHODS[rank], p) for a, b, rank, p in rows]
    identifiers: dict[str, dict[str, list[str]]] = {}
    if kinds:
        found = con.execute(
            f"""
            select v.record_key, v.kind, v.value from ({identifier_sql(kinds)}) v
            join link_ids using (record_key) join link_roots using (id)
            where root in {inside}
            """
        ).fetchall()
        for key, kind, value in found:
            identifiers.setdefault(key, {}).setdefault(kind, []).append(value)
    con.unregister("link_greedy")
    chosen = cluster(subset, edges, apart, identifiers, conflicting)
    position = dict(zip(subset, ids, strict=True))
    labels = list(root)
    for members in chosen.members.values():
        label = min(position[k] for k in members)
        for key in members:
            labels[position[key]] = label
    applied = pa.table(
        {
            "l": pa.array([position[e.left] for e in chosen.applied], pa.int64()),
            "r": pa.array([position[e.right] for e in chosen.applied], pa.int64()),
            "rank": pa.array([_RANK[e.method] for e in chosen.applied], pa.int32()),
            "probability": pa.array([e.probability for e in chosen.applied], pa.float64()),
        }
    )
    return labels, applied, chosen.refused


def _child_keys(
    con: duckdb.DuckDBPyConnection,
    keys: Sequence[str],
    order: Sequence[int],
    previous: Mapping[str, str] | None,
) -> tuple[list[str], list[LinkEvent]]:
    """`assign_keys` for the clusters labelled `order` (each label a cluster's smallest record id,
    so label order is the order of first record keys). Overlaps with the previous keys are
    counted in SQL, and each cluster's short hash too."""
    child: list[str | None] = [None] * len(order)
    taken: set[str] = set()
    labels: list[int] = []
    olds: list[str] = []
    at = {label: number for number, label in enumerate(order)}
    if previous:
        con.register(
            "link_previous",
            pa.table(
                {
                    "record_key": pa.array(list(previous.keys()), pa.string()),
                    "old": pa.array(list(previous.values()), pa.string()),
                }
            ),
        )
        overlaps = con.sql(
            """
            select b.label, p.old, count(*) as n
            from link_ids i join link_labels b using (id) join link_previous p using (record_key)
            group by b.label, p.old
            order by n desc, p.old, b.label
            """
        ).to_arrow_table()
        con.unregister("link_previous")
        labels = overlaps["label"].to_pylist()
        olds = overlaps["old"].to_pylist()
        for label, old in zip(labels, olds, strict=True):
            number = at[label]
            if child[number] is None and old not in taken:
                child[number] = old
                taken.add(old)
        taken.update(previous.values())
    minted = _column(
        con,
        f"""
        select '{KEY_PREFIX}' || upper(left(sha256(i.record_key), {_HASH_CHARS}))
        from (select distinct label from link_labels) c join link_ids i on i.id = c.label
        order by c.label
        """,
    )
    # New keys in order of first record key, as `assign_keys` mints them: the short hash unless
    # it is taken (by a previous key or an earlier new one), then `mint_key` lengthens it.
    final: list[str] = []
    for number, kept in enumerate(child):
        if kept is None:
            kept = minted[number]
            if kept in taken:
                kept = mint_key(keys[order[number]], taken)
            taken.add(kept)
        final.append(kept)
    return final, _key_events(labels, olds, at, final)


def _key_events(
    labels: Sequence[int], olds: Sequence[str], at: Mapping[int, int], child: Sequence[str]
) -> list[LinkEvent]:
    """Merges (a cluster holding records of several previous keys, in cluster order) and splits
    (a previous key spread over several clusters, by previous key), as `assign_keys` reports.
    `labels` and `olds` are the distinct (cluster, previous key) overlaps."""
    per_cluster = Counter(labels)
    per_old = Counter(olds)
    merged: dict[int, list[str]] = {}
    split: dict[str, list[str]] = {}
    for label, old in zip(labels, olds, strict=True):
        if per_cluster[label] > 1:
            merged.setdefault(at[label], []).append(old)
        if per_old[old] > 1:
            split.setdefault(old, []).append(child[at[label]])
    events = [
        LinkEvent("merge", (child[number],), tuple(sorted(merged[number])))
        for number in sorted(merged)
    ]
    events += [LinkEvent("split", tuple(sorted(split[old])), (old,)) for old in sorted(split)]
    return events
