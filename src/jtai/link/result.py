"""What linkage hands back: assignments, the review queue, key events and the trained model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from jtai.link.keys import LinkEvent

ASSIGNMENT_SCHEMA = pa.schema(
    [
        ("record_key", pa.string()),
        ("source", pa.string()),
        ("person_id", pa.string()),
        ("child_key", pa.string()),
        ("la_child_id", pa.string()),
        ("match_probability", pa.float64()),
        ("method", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class Decision:
    """A person's decision on two records (record keys `source:person_id`): same child or not."""

    left: str
    right: str
    same: bool


@dataclass(slots=True)
class LinkResult:
    """The outcome of linking one area's person records.

    assignments: one row per record (ASSIGNMENT_SCHEMA). `la_child_id` is the LA child id of the
        record's child where any record of that child carries one; `match_probability` is the
        record's best link into its child (1.0 for deterministic and reviewed links, null when the
        record is a child on its own); `method` is deterministic, probabilistic, reviewed or single.
    pairs: the review queue, pairs whose probability is in the uncertain band and that nobody has
        decided: record_key_l/_r, match_weight, match_probability, same_child (already in one child
        through other links), then per comparison `<name>_level` (label), `<name>_gamma` and
        `<name>_weight` (log2 Bayes factor, term-frequency adjustment included).
    events: merges and splits of previous child keys, and decisions that could not hold.
    model_summary: prior and m/u/Bayes factor/weight per comparison level (empty when not trained).
    timings: seconds per step, for the quality report.
    """

    assignments: pa.Table
    pairs: pa.Table
    events: list[LinkEvent] = field(default_factory=list)
    model_summary: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    def child_keys(self) -> dict[str, str]:
        """record_key -> child_key: pass as `previous` to the next run to keep keys stable."""
        keys = self.assignments.column("record_key").to_pylist()
        children = self.assignments.column("child_key").to_pylist()
        return dict(zip(keys, children, strict=True))
