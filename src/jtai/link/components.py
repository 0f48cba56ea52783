"""Connected components of a graph on integer node ids, in Arrow: min-label hooking and pointer
jumping, each round a few vectorised passes over the edges instead of a Python loop per edge.

`assemble.py` uses it for the links of a whole area: most components can refuse no link, so their
members are simply the component, whatever order the links come in.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc


def component_roots(
    size: int, lefts: pa.Array, rights: pa.Array, start: pa.Array | None = None
) -> pa.Array:
    """Per node (ids 0..size-1), the smallest id in its component; edge i is lefts[i]-rights[i].

    start: labels to begin from instead of the ids, each no larger than its node and inside its
    component (such as a first round of hooking done in SQL, where it is cheaper).

    Every node points at a root (a node pointing at itself). Each round hooks every root at an
    end of an edge whose ends differ to the smallest root across such edges (always a smaller id,
    so no cycle), then jumps pointers until each node points at a root again. A label only ever
    falls and stays inside its component, so when no edge joins two labels each component is
    labelled by its smallest id.
    """
    ids = pa.array(range(size), pa.int64())
    label = ids if start is None else _jump(pc.cast(start, pa.int64()))
    lefts = pc.cast(lefts, pa.int64())
    rights = pc.cast(rights, pa.int64())
    while True:
        a, b = pc.take(label, lefts), pc.take(label, rights)
        differ = pc.not_equal(a, b)
        if not pc.any(differ).as_py():
            return label
        high = pc.max_element_wise(a, b).filter(differ)
        low = pc.min_element_wise(a, b).filter(differ)
        hooks = (
            pa.table({"node": high, "to": low})
            .group_by("node", use_threads=False)
            .aggregate([("to", "min")])
            .sort_by("node")
        )
        # Each hooked node is a root (its own label), so its new label is the hook's.
        hooked = pc.is_in(ids, value_set=hooks["node"])
        label = _jump(pc.replace_with_mask(label, hooked, hooks["to_min"].combine_chunks()))


def _jump(label: pa.Array) -> pa.Array:
    """Follow labels to their roots: every label points at a smaller or equal id, so this ends."""
    while True:
        jumped = pc.take(label, label)
        if jumped.equals(label):
            return label
        label = jumped
