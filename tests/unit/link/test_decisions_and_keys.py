from __future__ import annotations

from jtai.link import Decision, link_persons

from .conftest import child_of, nhs, person, persons

# A chain across three sources: H1 and S1 share an NHS number, S1 and P1 a UPN.
CHAIN = persons(
    person("health_events", "H1", nhs_number=nhs(1)),
    person("school_pupils", "S1", nhs_number=nhs(1), upn="C999000000001"),
    person("police_events", "P1", upn="C999000000001"),
    person("yjs_cases", "Y1", nhs_number=nhs(50)),
)


def test_not_same_decision_keeps_records_apart_even_through_a_chain_of_links():
    result = link_persons(CHAIN, [Decision("health_events:H1", "police_events:P1", same=False)])
    keys = child_of(result)
    assert keys["health_events:H1"] != keys["police_events:P1"]
    assert [e.kind for e in result.events] == ["identifier_cut"]
    assert len({keys["health_events:H1"], keys["school_pupils:S1"], keys["police_events:P1"]}) == 2


def test_same_decision_joins_records_with_nothing_in_common():
    result = link_persons(CHAIN, [Decision("police_events:P1", "yjs_cases:Y1", same=True)])
    keys = child_of(result)
    assert keys["yjs_cases:Y1"] == keys["health_events:H1"]
    method = dict(
        zip(
            result.assignments["record_key"].to_pylist(),
            result.assignments["method"].to_pylist(),
            strict=True,
        )
    )
    assert method["yjs_cases:Y1"] == "reviewed"


def test_decisions_beat_a_shared_identifier_and_the_cut_is_reported():
    result = link_persons(
        CHAIN,
        [
            Decision("health_events:H1", "yjs_cases:Y1", same=False),
            Decision("police_events:P1", "yjs_cases:Y1", same=True),
        ],
    )
    keys = child_of(result)
    assert keys["yjs_cases:Y1"] != keys["health_events:H1"]
    # Both decisions hold; the UPN link between S1 and P1 is what gives way, and is reported.
    assert keys["yjs_cases:Y1"] == keys["police_events:P1"]
    assert [(e.kind, e.record_keys) for e in result.events] == [
        ("identifier_cut", ("police_events:P1", "school_pupils:S1"))
    ]


def test_child_keys_are_stable_across_a_rerun():
    first = link_persons(CHAIN)
    again = link_persons(CHAIN, previous=first.child_keys())
    fresh = link_persons(CHAIN)
    assert again.child_keys() == first.child_keys() == fresh.child_keys()
    assert again.events == []
    assert all(k.startswith("C") for k in first.child_keys().values())


def test_a_split_is_reported_and_the_larger_part_keeps_the_key():
    first = link_persons(CHAIN)
    old = first.child_keys()["school_pupils:S1"]
    split = link_persons(
        CHAIN,
        [Decision("school_pupils:S1", "police_events:P1", same=False)],
        previous=first.child_keys(),
    )
    keys = split.child_keys()
    assert keys["school_pupils:S1"] == keys["health_events:H1"] == old
    assert keys["police_events:P1"] != old
    kinds = [(e.kind, e.previous_keys) for e in split.events]
    assert kinds == [("split", (old,)), ("identifier_cut", ())]
    assert set(split.events[0].child_keys) == {old, keys["police_events:P1"]}


def test_a_merge_is_reported_and_one_previous_key_survives():
    first = link_persons(CHAIN)
    before = first.child_keys()
    merged = link_persons(
        CHAIN, [Decision("yjs_cases:Y1", "health_events:H1", same=True)], previous=before
    )
    keys = merged.child_keys()
    olds = tuple(sorted({before["yjs_cases:Y1"], before["health_events:H1"]}))
    assert [(e.kind, e.previous_keys) for e in merged.events] == [("merge", olds)]
    assert keys["yjs_cases:Y1"] in olds
    assert len(set(keys.values())) == 1


def test_a_new_record_gets_a_new_key_without_disturbing_the_others():
    first = link_persons(CHAIN)
    grown = persons(*CHAIN.to_pylist(), person("police_events", "P7", nhs_number=nhs(70)))
    second = link_persons(grown, previous=first.child_keys())
    keys = second.child_keys()
    assert {k: keys[k] for k in first.child_keys()} == first.child_keys()
    assert keys["police_events:P7"] not in first.child_keys().values()
    assert second.events == []


def test_same_decision_that_contradicts_a_not_same_decision_is_reported_not_applied():
    result = link_persons(
        CHAIN,
        [
            Decision("health_events:H1", "yjs_cases:Y1", same=False),
            Decision("health_events:H1", "yjs_cases:Y1", same=True),
        ],
    )
    keys = child_of(result)
    assert keys["yjs_cases:Y1"] != keys["health_events:H1"]
    assert [e.kind for e in result.events] == ["decision_conflict"]
