"""Clustering across every source: connected components with cuts that people and identifiers make.

Links are applied strongest first (decisions that two records are the same, then shared valid
identifiers, then accepted model links by falling probability). A link is refused when it would put
two records a person decided are different into one child, or, for model links only, when the two
sides already hold different valid identifiers of a kind that cannot differ within one child. Doing
this greedily means a weak link can never undo a strong one, and a "not the same" decision holds
even when a chain of other links would join the two records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

REVIEWED = "reviewed"
DETERMINISTIC = "deterministic"
PROBABILISTIC = "probabilistic"
SINGLE = "single"


class Edge(NamedTuple):
    left: str
    right: str
    method: str  # REVIEWED, DETERMINISTIC or PROBABILISTIC
    probability: float


@dataclass(slots=True)
class Clustering:
    """Cluster members per root record, and the links that were applied or refused."""

    members: dict[str, list[str]]
    applied: list[Edge] = field(default_factory=list)
    refused: list[tuple[Edge, str]] = field(default_factory=list)


class _Forest:
    def __init__(
        self,
        keys: Sequence[str],
        apart: Iterable[tuple[str, str]],
        identifiers: Mapping[str, Mapping[str, Sequence[str]]],
        conflicting: Sequence[str],
    ) -> None:
        self.parent = {k: k for k in keys}
        self.size = dict.fromkeys(keys, 1)
        self.apart: dict[str, set[str]] = {}
        for a, b in apart:
            self.apart.setdefault(a, set()).add(b)
            self.apart.setdefault(b, set()).add(a)
        # Records with a "not the same" decision, per root: the only ones a merge must check.
        self.flagged = {k: [k] for k in self.apart if k in self.parent}
        # Identifier values per root, materialised on first use: most records never need them.
        self.record_ids = identifiers
        self.conflicting = tuple(conflicting)
        self.ids: dict[str, dict[str, set[str]]] = {}

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:  # path compression
            self.parent[key], key = root, self.parent[key]
        return root

    def decided_apart(self, ra: str, rb: str) -> bool:
        small, other = (
            (ra, rb) if len(self.flagged.get(ra, ())) <= len(self.flagged.get(rb, ())) else (rb, ra)
        )
        for member in self.flagged.get(small, ()):
            if any(self.find(x) == other for x in self.apart[member]):
                return True
        return False

    def root_ids(self, root: str) -> dict[str, set[str]]:
        found = self.ids.get(root)
        if found is None:  # an untouched root is its own single record
            values = self.record_ids.get(root, {})
            found = {k: set(values[k]) for k in self.conflicting if k in values}
            self.ids[root] = found
        return found

    def identifiers_conflict(self, ra: str, rb: str) -> bool:
        a, b = self.root_ids(ra), self.root_ids(rb)
        if not a or not b:
            return False
        return any(kind in b and values.isdisjoint(b[kind]) for kind, values in a.items())

    def union(self, ra: str, rb: str) -> None:
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        if rb in self.flagged:
            self.flagged.setdefault(ra, []).extend(self.flagged.pop(rb))
        if self.conflicting:
            merged = self.root_ids(ra)
            for kind, values in self.root_ids(rb).items():
                merged.setdefault(kind, set()).update(values)
            del self.ids[rb]


_ORDER = {REVIEWED: 0, DETERMINISTIC: 1, PROBABILISTIC: 2}


def cluster(
    keys: Sequence[str],
    edges: Iterable[Edge],
    decided_apart: Iterable[tuple[str, str]] = (),
    identifiers: Mapping[str, Mapping[str, Sequence[str]]] | None = None,
    conflicting: Sequence[str] = (),
) -> Clustering:
    """Connected components of `edges` over `keys`, honouring the cuts (see module docstring)."""
    forest = _Forest(keys, decided_apart, identifiers or {}, conflicting)
    ordered = sorted(
        (e for e in edges if e.left in forest.parent and e.right in forest.parent),
        key=lambda e: (_ORDER[e.method], -e.probability, e.left, e.right),
    )
    result = Clustering(members={})
    for edge in ordered:
        ra, rb = forest.find(edge.left), forest.find(edge.right)
        if ra == rb:
            result.applied.append(edge)
            continue
        if forest.decided_apart(ra, rb):
            result.refused.append((edge, "decided_not_same"))
            continue
        if edge.method == PROBABILISTIC and forest.identifiers_conflict(ra, rb):
            result.refused.append((edge, "conflicting_identifier"))
            continue
        forest.union(ra, rb)
        result.applied.append(edge)
    for key in keys:
        result.members.setdefault(forest.find(key), []).append(key)
    return result
