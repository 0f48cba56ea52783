"""The review queue: which pairs wait for a person, and whether they already share a child."""

from __future__ import annotations

import pyarrow as pa

from jtai.link.result import Decision
from jtai.link.review import review_pairs
from jtai.link.settings import LinkSettings


def _scored(*pairs: tuple[str, str, float]) -> pa.Table:
    return pa.table(
        {
            "record_key_l": pa.array([a for a, _, _ in pairs], pa.string()),
            "record_key_r": pa.array([b for _, b, _ in pairs], pa.string()),
            "match_weight": pa.array([1.0] * len(pairs), pa.float64()),
            "match_probability": pa.array([p for _, _, p in pairs], pa.float64()),
        }
    )


def test_review_pairs_say_whether_both_records_are_already_one_child():
    assignments = pa.table(
        {
            "record_key": ["a:1", "a:2", "a:3", "a:4"],
            "child_key": ["C1", "C1", "C2", "C3"],
        }
    )
    scored = _scored(
        ("a:1", "a:2", 0.9),  # one child through other links
        ("a:1", "a:3", 0.8),
        ("a:3", "a:4", 0.7),
        ("a:2", "a:4", 0.99),  # links on the model alone: not for review
        ("a:1", "a:4", 0.1),  # below the band
        ("a:2", "a:3", 0.6),  # decided by a person
        ("x:8", "x:9", 0.55),  # neither record has a child: the lookup says "same"
    )
    got = review_pairs(
        scored, LinkSettings(), [Decision("a:3", "a:2", False)], assignments, {}
    ).to_pydict()
    assert list(zip(got["record_key_l"], got["record_key_r"], got["same_child"], strict=True)) == [
        ("a:1", "a:2", True),
        ("a:1", "a:3", False),
        ("a:3", "a:4", False),
        ("x:8", "x:9", True),
    ]


def test_an_empty_band_gives_an_empty_queue():
    assignments = pa.table({"record_key": ["a:1"], "child_key": ["C1"]})
    got = review_pairs(_scored(("a:1", "a:2", 0.1)), LinkSettings(), [], assignments, {})
    assert got.num_rows == 0
    assert got.column("same_child").type == pa.bool_()
