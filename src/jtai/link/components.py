"""Connected components of a graph on integer node ids, by union-find.

`assemble.py` uses it for the links of a whole area: most components can refuse no link, so their
members are simply the component, whatever order the links come in.
"""

from __future__ import annotations

from collections.abc import Sequence


def connected_components(size: int, lefts: Sequence[int], rights: Sequence[int]) -> list[int]:
    """Per node (ids 0..size-1), the smallest id in its component; edge i is lefts[i]-rights[i]."""
    parent = list(range(size))
    for a, b in zip(lefts, rights, strict=True):
        while parent[a] != a:  # path halving
            parent[a] = parent[parent[a]]
            a = parent[a]
        while parent[b] != b:
            parent[b] = parent[parent[b]]
            b = parent[b]
        if a < b:
            parent[b] = a
        elif b < a:
            parent[a] = b
    # Every parent is smaller than its child, so one pass in id order leaves each node its root.
    for node in range(size):
        parent[node] = parent[parent[node]]
    return parent
