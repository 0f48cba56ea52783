"""Children assembled set-wise in DuckDB equal the record-by-record reference, on random areas."""

from __future__ import annotations

from collections import Counter
from typing import Any

import duckdb
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jtai.link.assemble import assemble_children
from jtai.link.clusters import DETERMINISTIC, PROBABILISTIC, REVIEWED, SINGLE, Edge, cluster
from jtai.link.deterministic import deterministic_edges, identifier_values
from jtai.link.keys import LinkEvent, assign_keys
from jtai.link.prepare import load_raw, prepare_records
from jtai.link.result import ASSIGNMENT_SCHEMA, Decision
from jtai.link.settings import LA_ID_SOURCES

from .conftest import nhs, person, persons

SOURCES = ["cin_census", "la_persons", "health_events", "police_events", "school_pupils"]
IDS = [f"P{i}" for i in range(7)]
CONFLICTING = ("la_child_id", "nhs_number", "upn")
_RANK = {REVIEWED: 0, DETERMINISTIC: 1, PROBABILISTIC: 2}


def _reference(
    con: duckdb.DuckDBPyConnection,
    decided: list[Decision],
    accepted: pa.Table,
    previous: dict[str, str] | None,
) -> tuple[pa.Table, list[LinkEvent]]:
    """What link_persons computed record by record before the set-wise path."""
    records = con.execute(
        "select record_key, source, person_id, la_child_id from link_records order by record_key"
    ).fetchall()
    edges = [Edge(d.left, d.right, REVIEWED, 1.0) for d in decided if d.same]
    edges += [Edge(a, b, DETERMINISTIC, 1.0) for a, b, _ in deterministic_edges(con)]
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
    clustering = cluster(keys, edges, apart, identifier_values(con), CONFLICTING)
    groups = sorted((sorted(m) for m in clustering.members.values()), key=lambda m: m[0])
    child_keys, events = assign_keys(groups, previous)
    kinds = {REVIEWED: "decision_conflict", DETERMINISTIC: "identifier_cut"}
    events += [
        LinkEvent(kinds[e.method], (), (), tuple(sorted((e.left, e.right))))
        for e, _ in clustering.refused
        if e.method in kinds
    ]
    best: dict[str, tuple[int, float]] = {}
    for edge in clustering.applied:
        candidate = (_RANK[edge.method], -edge.probability)
        for key in (edge.left, edge.right):
            if key not in best or candidate < best[key]:
                best[key] = candidate
    info = {r[0]: r for r in records}
    methods = {v: k for k, v in _RANK.items()}
    rows: list[dict[str, Any]] = []
    for members, child in zip(groups, child_keys, strict=True):
        la = _la_id([info[k] for k in members])
        for key in members:
            ranked = best.get(key)
            rows.append(
                {
                    "record_key": key,
                    "source": info[key][1],
                    "person_id": info[key][2],
                    "child_key": child,
                    "la_child_id": la,
                    "match_probability": None if ranked is None else -ranked[1],
                    "method": SINGLE if ranked is None else methods[ranked[0]],
                }
            )
    table = pa.Table.from_pylist(rows, schema=ASSIGNMENT_SCHEMA)
    return table.sort_by([("record_key", "ascending")]), events


def _la_id(members: list[tuple[Any, ...]]) -> str | None:
    own = Counter(r[2] for r in members if r[1] in LA_ID_SOURCES)
    counts = own or Counter(r[3] for r in members if r[3])
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


@st.composite
def areas(draw: st.DrawFn) -> tuple[pa.Table, list[Decision], pa.Table, dict[str, str] | None]:
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(SOURCES),
                st.sampled_from(IDS),
                st.sampled_from([None, nhs(1), nhs(2), nhs(3)]),
                st.sampled_from([None, "", "P1", "P2", "P3"]),
            ),
            min_size=1,
            max_size=14,
        )
    )
    table = persons(
        *(
            person(s, p, nhs_number=n, la_child_id=la, forename="Ann", dob="2012-01-01")
            for s, p, n, la in rows
        )
    )
    keys = sorted({f"{s}:{p}" for s, p, _, _ in rows})
    key = st.sampled_from([*keys, "gone:P9"])
    links = draw(
        st.lists(st.tuples(key, key, st.sampled_from([0.95, 0.97, 0.99])), max_size=len(keys) * 2)
    )
    accepted = pa.table(
        {
            "record_key_l": pa.array([a for a, _, _ in links], pa.string()),
            "record_key_r": pa.array([b for _, b, _ in links], pa.string()),
            "match_probability": pa.array([p for _, _, p in links], pa.float64()),
        }
    )
    present = st.sampled_from(keys)
    decided = draw(st.lists(st.builds(Decision, present, present, st.booleans()), max_size=3))
    previous = draw(
        st.one_of(
            st.none(),
            # Previous keys of records still here and of one that is gone.
            st.dictionaries(key, st.sampled_from(["CA", "CB", "CC"]), max_size=6),
        )
    )
    return table, decided, accepted, previous


@settings(max_examples=80, deadline=None)
@given(areas())
def test_assembled_children_equal_the_record_by_record_reference(area):
    table, decided, accepted, previous = area
    con = duckdb.connect()
    load_raw(con, table)
    prepare_records(con)
    expected, events = _reference(con, decided, accepted, previous)
    got = assemble_children(con, decided, accepted, previous, CONFLICTING)
    found = got.events + [
        LinkEvent(
            {REVIEWED: "decision_conflict", DETERMINISTIC: "identifier_cut"}[e.method],
            (),
            (),
            tuple(sorted((e.left, e.right))),
        )
        for e, _ in got.refused
        if e.method in (REVIEWED, DETERMINISTIC)
    ]
    assert got.assignments.to_pylist() == expected.to_pylist()
    assert found == events


def test_a_new_key_that_a_previous_run_used_is_lengthened_as_before():
    from jtai.link.keys import mint_key

    table = persons(person("health_events", "H1"), person("police_events", "P1"))
    con = duckdb.connect()
    load_raw(con, table)
    prepare_records(con)
    empty = pa.table(
        {
            "record_key_l": pa.array([], pa.string()),
            "record_key_r": pa.array([], pa.string()),
            "match_probability": pa.array([], pa.float64()),
        }
    )
    # P1 keeps the key that H1 would be minted, so H1 needs a longer one.
    previous = {"police_events:P1": mint_key("health_events:H1", set())}
    got = assemble_children(con, [], empty, previous, CONFLICTING)
    expected, events = _reference(con, [], empty, previous)
    assert got.assignments.to_pylist() == expected.to_pylist()
    assert got.events == events
    assert len(got.assignments["child_key"][0].as_py()) == len(previous["police_events:P1"]) + 1


@settings(max_examples=40, deadline=None)
@given(areas())
def test_new_keys_whose_short_hash_clashes_are_lengthened_in_record_order(area):
    # One hex character of hash: most new keys clash with a previous key or an earlier new one.
    import jtai.link.assemble as assemble
    import jtai.link.keys as keys

    table, decided, accepted, previous = area
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(assemble, "_HASH_CHARS", 1)
        patch.setattr(keys, "_HASH_CHARS", 1)
        previous = {**(previous or {}), "gone:P8": keys.mint_key("cin_census:P0", set())}
        con = duckdb.connect()
        load_raw(con, table)
        prepare_records(con)
        expected, events = _reference(con, decided, accepted, previous)
        got = assemble_children(con, decided, accepted, previous, CONFLICTING)
    assert got.assignments.to_pylist() == expected.to_pylist()
    assert [e for e in events if e.kind in ("merge", "split")] == got.events
