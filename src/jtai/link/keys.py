"""Stable child keys across re-loads, and merges and splits reported as events.

Each cluster takes the previous key it shares most records with; one previous key goes to one
cluster at most (largest overlap first; ties to the smaller previous key, then the cluster with the
smaller first record key). A cluster left without a key gets a new one minted from a hash of its
smallest record key, so the same data always gets the same keys. Any two previous keys now in one
cluster is a merge, any previous key now spread over several clusters a split: never a silent
renumbering.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

KEY_PREFIX = "C"
_HASH_CHARS = 10


@dataclass(frozen=True, slots=True)
class LinkEvent:
    """A change of child keys since the previous assignment, or a decision that could not hold.

    kind: "merge" (previous_keys now one child, `child_keys` has the one key), "split" (one
    previous key now in several children, listed in `child_keys`), "decision_conflict" (a "same"
    decision refused because it would join records decided "not the same"), or "identifier_cut"
    (two records sharing a valid identifier kept apart by a "not the same" decision).
    `record_keys` names the two records for the last two kinds.
    """

    kind: str
    child_keys: tuple[str, ...]
    previous_keys: tuple[str, ...]
    record_keys: tuple[str, ...] = ()


def mint_key(smallest_record_key: str, taken: set[str]) -> str:
    """`C` + hash of the record key; lengthened on the (unlikely) clash with a key in use."""
    digest = hashlib.sha256(smallest_record_key.encode("utf-8")).hexdigest().upper()
    for length in range(_HASH_CHARS, len(digest) + 1):
        key = KEY_PREFIX + digest[:length]
        if key not in taken:
            return key
    raise RuntimeError(f"cannot mint a free child key for {smallest_record_key!r}")


def assign_keys(
    clusters: Sequence[Sequence[str]], previous: Mapping[str, str] | None = None
) -> tuple[list[str], list[LinkEvent]]:
    """A child key per cluster (same order) and the merge/split events against `previous`."""
    previous = previous or {}
    firsts = [min(members) for members in clusters]
    overlaps: list[tuple[int, str, str, int]] = []
    for index, members in enumerate(clusters if previous else ()):
        counts = Counter(previous[k] for k in members if k in previous)
        overlaps += [(-n, old, firsts[index], index) for old, n in counts.items()]
    overlaps.sort()
    keys: list[str | None] = [None] * len(clusters)
    used: set[str] = set()
    for _, old, _, index in overlaps:
        if keys[index] is None and old not in used:
            keys[index] = old
            used.add(old)
    # New keys must not collide with any previous key, even one retired by a merge, so an old key
    # never comes back meaning a different child.
    taken = used | set(previous.values())
    for index in sorted(range(len(clusters)), key=lambda i: firsts[i]):
        if keys[index] is None:
            key = mint_key(firsts[index], taken)
            keys[index] = key
            taken.add(key)
    final = [k for k in keys if k is not None]
    return final, _events(clusters, final, previous)


def _events(
    clusters: Sequence[Sequence[str]], keys: Sequence[str], previous: Mapping[str, str]
) -> list[LinkEvent]:
    events: list[LinkEvent] = []
    if not previous:  # a first run: nothing to merge or split
        return events
    spread: dict[str, set[str]] = {}
    for members, key in zip(clusters, keys, strict=True):
        olds = sorted({previous[k] for k in members if k in previous})
        for old in olds:
            spread.setdefault(old, set()).add(key)
        if len(olds) > 1:
            events.append(LinkEvent("merge", (key,), tuple(olds)))
    for old in sorted(spread):
        if len(spread[old]) > 1:
            events.append(LinkEvent("split", tuple(sorted(spread[old])), (old,)))
    return events
