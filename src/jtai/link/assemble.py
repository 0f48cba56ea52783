"""Children from links, set-wise in DuckDB: the clustering step of `link_persons` at area scale.

The same answer as the record-by-record path (`clusters.cluster`, `keys.assign_keys` and the
per-record assignment), computed on integer record ids: connected components of every link in
SQL and Arrow (`components.component_roots`), the greedy cut-aware pass (`cluster`) only for the
few components where a link can be refused (two records decided apart, or two values of one
conflicting identifier kind), then each record's best link, its child's LA id and the child keys
in SQL. No per-record Python object is made: at a million children the Python loops over every
record were most of this step.
"""

# ruff: noqa: S608 -- SQL interpolates module constants only (column names, LA source codes)

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from jtai.link.clusters import DETERMINISTIC, PROBABILISTIC, REVIEWED, Edge, cluster
from jtai.link.components import component_roots
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
    (record_key_l, record_key_r, match_probability). Only the few records and links of components
    that can refuse a link, and the few contested previous keys, ever become Python objects.
    """
    con.execute(
        """
        create or replace table link_ids as
        select (row_number() over (order by record_key) - 1)::bigint as id,
               record_key, source, person_id, la_child_id
        from link_records
        """
    )
    size = con.execute("select count(*) from link_ids").fetchall()[0][0]
    _edges(con, decided, accepted)
    edges = con.sql("select l, r from link_edges").to_arrow_table()
    # The first round of hooking (each record to its smallest neighbour) in SQL.
    start = con.sql(
        """
        select least(i.id, coalesce(h.low, i.id)) as label from link_ids i
        left join (
            select greatest(l, r) as node, min(least(l, r)) as low from link_edges group by node
        ) h on h.node = i.id
        order by i.id
        """
    ).to_arrow_table()
    root = component_roots(
        size,
        edges["l"].combine_chunks(),
        edges["r"].combine_chunks(),
        start["label"].combine_chunks(),
    )
    con.register(
        "link_roots_arrow", pa.table({"id": pa.array(range(size), pa.int64()), "root": root})
    )
    con.execute("create or replace table link_roots as select * from link_roots_arrow")
    con.unregister("link_roots_arrow")

    # Components where a link can be refused go through the greedy pass.
    apart = _apart_within(con, decided)
    greedy = set(_column(con, "select distinct root from link_apart_found"))
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
    relabelled = pa.table({"id": pa.array([], pa.int64()), "label": pa.array([], pa.int64())})
    if greedy:
        relabelled, applied, refused = _greedy(con, greedy, apart, kinds, conflicting)
    con.register("link_greedy", pa.table({"root": pa.array(sorted(greedy), pa.int64())}))
    con.register("link_relabelled", relabelled)
    con.execute(
        """
        create or replace table link_labels as
        select o.id, coalesce(g.label, o.root) as label
        from link_roots o left join link_relabelled g using (id)
        """
    )
    con.register("link_greedy_applied", applied)
    events = _child_keys(con, previous)
    assignments = con.sql(
        _ASSIGNMENTS_SQL.format(la_sources=_la_list(LA_ID_SOURCES), method=_METHOD_SQL)
    ).to_arrow_table()
    for name in ("link_greedy", "link_relabelled", "link_greedy_applied"):
        con.unregister(name)
    for name in ("link_roots", "link_labels", "link_child", "link_apart_found"):
        con.execute(f"drop table if exists {name}")
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
order by m.id  -- ids follow record keys: an integer sort gives their order
"""


def _column(con: duckdb.DuckDBPyConnection, sql: str) -> list[Any]:
    return con.sql(sql).to_arrow_table().column(0).to_pylist()


def _apart_within(
    con: duckdb.DuckDBPyConnection, decided: Sequence[Decision]
) -> list[tuple[str, str]]:
    """The "not the same" decisions on two records of one component (the only ones that can cut
    a link), in decision order; `link_apart_found` keeps their components' roots."""
    apart = [(d.left, d.right) for d in decided if not d.same]
    con.register(
        "link_apart",
        pa.table(
            {
                "n": pa.array(range(len(apart)), pa.int64()),
                "a": pa.array([a for a, _ in apart], pa.string()),
                "b": pa.array([b for _, b in apart], pa.string()),
            }
        ),
    )
    con.execute(
        """
        create or replace table link_apart_found as
        select d.n, d.a, d.b, ra.root
        from link_apart d
        join link_ids ia on ia.record_key = d.a join link_roots ra on ra.id = ia.id
        join link_ids ib on ib.record_key = d.b join link_roots rb on rb.id = ib.id
        where ra.root = rb.root
        """
    )
    con.unregister("link_apart")
    return [
        (a, b) for a, b in con.execute("select a, b from link_apart_found order by n").fetchall()
    ]


def _greedy(
    con: duckdb.DuckDBPyConnection,
    greedy: set[int],
    apart: list[tuple[str, str]],
    kinds: Sequence[str],
    conflicting: Sequence[str],
) -> tuple[pa.Table, pa.Table, list[tuple[Edge, str]]]:
    """Run `cluster` on the components in `greedy`: their records' labels (smallest id), the
    links applied and the links refused."""
    con.register("link_greedy", pa.table({"root": pa.array(sorted(greedy), pa.int64())}))
    inside = "(select root from link_greedy)"
    members = con.execute(
        f"""
        select id, record_key from link_ids join link_roots using (id)
        where root in {inside} order by id
        """
    ).fetchall()
    subset = [key for _, key in members]
    rows = con.execute(
        f"""
        select kl.record_key, kr.record_key, e.rank, e.probability from link_edges e
        join link_roots o on o.id = e.l
        join link_ids kl on kl.id = e.l join link_ids kr on kr.id = e.r
        where o.root in {inside}
        """
    ).fetchall()
    edges = [Edge(a, b, _METHODS[rank], p) for a, b, rank, p in rows]
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
    position = {key: at for at, key in members}
    ids: list[int] = []
    labels: list[int] = []
    for group in chosen.members.values():
        label = min(position[k] for k in group)
        ids += [position[k] for k in group]
        labels += [label] * len(group)
    relabelled = pa.table({"id": pa.array(ids, pa.int64()), "label": pa.array(labels, pa.int64())})
    applied = pa.table(
        {
            "l": pa.array([position[e.left] for e in chosen.applied], pa.int64()),
            "r": pa.array([position[e.right] for e in chosen.applied], pa.int64()),
            "rank": pa.array([_RANK[e.method] for e in chosen.applied], pa.int32()),
            "probability": pa.array([e.probability for e in chosen.applied], pa.float64()),
        }
    )
    return relabelled, applied, chosen.refused


def _child_keys(
    con: duckdb.DuckDBPyConnection, previous: Mapping[str, str] | None
) -> list[LinkEvent]:
    """`assign_keys` for the clusters of `link_labels` (each label a cluster's smallest record
    id, so label order is the order of first record keys), into `link_child` (label, child_key);
    returns the key events.

    A cluster keeps the previous key it shares most records with (ties: the smaller key, then the
    earlier cluster), unless an earlier choice took it. Where a cluster and a previous key overlap
    only each other, nothing competes and SQL decides; only the contested overlaps (merges and
    splits) go through that greedy choice in Python. New keys are each cluster's short hash;
    the rare one taken already (by a previous key or an earlier new one) is lengthened by
    `mint_key` as `assign_keys` does.
    """
    con.register(
        "link_kept_contested",
        pa.table({"label": pa.array([], pa.int64()), "old": pa.array([], pa.string())}),
    )
    con.register(
        "link_previous",
        pa.table(
            {
                "record_key": pa.array(list(previous.keys()) if previous else [], pa.string()),
                "old": pa.array(list(previous.values()) if previous else [], pa.string()),
            }
        ),
    )
    if previous:
        con.execute(
            """
            create or replace temp table link_overlaps as
            select label, old, n,
                   count(*) over (partition by label) as per_label,
                   count(*) over (partition by old) as per_old
            from (
                select b.label, p.old, count(*) as n
                from link_ids i join link_labels b using (id)
                join link_previous p using (record_key)
                group by b.label, p.old
            )
            """
        )
        rows = con.execute(
            """
            select label, old from link_overlaps where per_label > 1 or per_old > 1
            order by n desc, old, label
            """
        ).fetchall()
        chosen: dict[int, str] = {}
        used: set[str] = set()
        for label, old in rows:
            if label not in chosen and old not in used:
                chosen[label] = old
                used.add(old)
        con.unregister("link_kept_contested")
        con.register(
            "link_kept_contested",
            pa.table(
                {
                    "label": pa.array(list(chosen), pa.int64()),
                    "old": pa.array(list(chosen.values()), pa.string()),
                }
            ),
        )
    else:
        con.execute(
            "create or replace temp table link_overlaps "
            "(label bigint, old varchar, n bigint, per_label bigint, per_old bigint)"
        )
    con.execute(
        f"""
        create or replace table link_child as
        with clusters as (select distinct label from link_labels),
        kept as (
            select label, old from link_overlaps where per_label = 1 and per_old = 1
            union all
            select label, old from link_kept_contested
        ),
        keyed as (
            select c.label, i.record_key, k.old,
                   '{KEY_PREFIX}' || upper(left(sha256(i.record_key), {_HASH_CHARS})) as minted
            from clusters c join link_ids i on i.id = c.label left join kept k using (label)
        ),
        fresh as (select label, minted from keyed where old is null),
        -- A new key clashes when a previous key or an earlier new key is the same text.
        clashed as (
            select f.label from fresh f
            join (
                select minted, min(label) as first from fresh
                group by minted having count(*) > 1
            ) d on d.minted = f.minted and f.label > d.first
            union
            select label from fresh where minted in (select old from link_previous)
        )
        select k.label, k.record_key, coalesce(k.old, k.minted) as child_key,
               c.label is not null as clash
        from keyed k left join clashed c using (label)
        """
    )
    clashes = con.execute(
        "select label, record_key, child_key from link_child where clash order by label"
    ).fetchall()
    if clashes:
        # `mint_key` skips a clashing cluster's own short hash (taken, or it would not clash),
        # then tries longer ones, which only a previous key or an earlier lengthened key as long
        # can equal: the short hashes of other clusters need not be in `taken`.
        taken = set(
            _column(
                con,
                f"""
                select distinct old from link_previous
                where length(old) > {len(KEY_PREFIX) + _HASH_CHARS}
                """,
            )
        )
        taken.update(short for _, _, short in clashes)
        lengthened: list[str] = []
        for _, key, _ in clashes:
            lengthened.append(mint_key(key, taken))
            taken.add(lengthened[-1])
        con.register(
            "link_lengthened",
            pa.table(
                {
                    "label": pa.array([label for label, _, _ in clashes], pa.int64()),
                    "child_key": pa.array(lengthened, pa.string()),
                }
            ),
        )
        con.execute(
            """
            update link_child set child_key = l.child_key
            from link_lengthened l where link_child.label = l.label
            """
        )
        con.unregister("link_lengthened")
    con.unregister("link_kept_contested")
    events = _key_events(
        con.execute(
            """
            select o.label, o.old, c.child_key, o.per_label > 1, o.per_old > 1
            from link_overlaps o join link_child c using (label)
            where o.per_label > 1 or o.per_old > 1
            order by o.label, o.old
            """
        ).fetchall()
    )
    con.execute("drop table if exists link_overlaps")
    con.unregister("link_previous")
    return events


def _key_events(rows: Sequence[tuple[int, str, str, bool, bool]]) -> list[LinkEvent]:
    """Merges (a cluster holding records of several previous keys, in cluster order) and splits
    (a previous key spread over several clusters, by previous key), as `assign_keys` reports.
    `rows` are the contested (cluster label, previous key, child key, merged, split) overlaps."""
    merged: dict[int, tuple[str, list[str]]] = {}
    split: dict[str, list[str]] = {}
    for label, old, child, is_merge, is_split in rows:
        if is_merge:
            merged.setdefault(label, (child, []))[1].append(old)
        if is_split:
            split.setdefault(old, []).append(child)
    events = [
        LinkEvent("merge", (merged[label][0],), tuple(sorted(merged[label][1])))
        for label in sorted(merged)
    ]
    events += [LinkEvent("split", tuple(sorted(split[old])), (old,)) for old in sorted(split)]
    return events
