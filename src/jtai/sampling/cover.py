"""Choose the tracked children: cover every target the cohort allows, then as many agencies.

1. Each child's *profile* is the set of targets it covers (`targets.targets_of`). Profiles that
   another profile strictly contains are dropped: a child with more never hurts.
2. The smallest set of profiles covering every target the cohort has is found exactly, by
   iterative deepening (size 1, 2, ... up to the number tracked), always branching on the uncovered
   target with the fewest profiles and pruning with a lower bound (a child has one legal status,
   one category and one `at_risk` value, so three uncovered statuses need three more children).
   Profiles are tried in a seeded order, so another seed can find another cover of the same size.
   The search is bounded (`BUDGET` nodes); past it, or when no cover fits, step 4 covers greedily.
3. For each profile of the cover, the child with that profile (or more) bringing in the most
   agencies not yet seen is taken; ties go to the seeded order.
4. The remaining places go, one at a time, to the child adding the most uncovered targets, then the
   most new agencies, then a new legal status / category / at-risk mix; ties to the seeded order.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from jtai.cohort import CohortChild
from jtai.sampling.targets import CATEGORIES, LEGAL_STATUSES, agencies_of, targets_of

BUDGET = 50_000


@dataclass(frozen=True)
class Pick:
    """One tracked child and the step that chose it: cover, agencies, mix or number."""

    child: CohortChild
    step: str


def _lower_bound(uncovered: frozenset[str]) -> int:
    if not uncovered:
        return 0
    groups = (
        [f"legal_status:{s}" for s in LEGAL_STATUSES],
        [f"category:{c}" for c in CATEGORIES],
        ["at_risk:Y", "at_risk:N"],
    )
    return max(1, *(sum(t in uncovered for t in group) for group in groups))


def _maximal(profiles: list[frozenset[str]]) -> list[frozenset[str]]:
    return [p for p in profiles if not any(p < q for q in profiles)]


class _Search:
    def __init__(self, profiles: list[frozenset[str]]) -> None:
        self.profiles = profiles
        self.nodes = 0

    def cover(self, need: frozenset[str], size: int) -> list[frozenset[str]] | None:
        self.nodes += 1
        if not need:
            return []
        if self.nodes > BUDGET or _lower_bound(need) > size:
            return None
        target = min(need, key=lambda t: sum(t in p for p in self.profiles))
        for profile in self.profiles:
            if target in profile:
                rest = self.cover(need - profile, size - 1)
                if rest is not None:
                    return [profile, *rest]
        return None


def smallest_cover(
    profiles: list[frozenset[str]], need: frozenset[str], most: int
) -> list[frozenset[str]] | None:
    """The fewest profiles (at most `most`) covering `need`, or None; profiles in seeded order."""
    search = _Search(_maximal(profiles))
    for size in range(_lower_bound(need), most + 1):
        found = search.cover(need, size)
        if found is not None:
            return found
        if search.nodes > BUDGET:
            return None
    return None


def choose_tracked(children: Sequence[CohortChild], count: int, rng: random.Random) -> list[Pick]:
    """`count` tracked children (fewer only if the cohort is smaller), in the order chosen."""
    pool = list(children)
    rng.shuffle(pool)  # the seeded order every tie falls back to
    rank = {c.child_key: i for i, c in enumerate(pool)}
    profile = {c.child_key: targets_of(c) for c in pool}
    need = frozenset().union(*profile.values()) if pool else frozenset()
    distinct = list(dict.fromkeys(profile[c.child_key] for c in pool))
    cover = smallest_cover(distinct, need, count) or []

    picks: list[Pick] = []
    taken: set[str] = set()
    seen: set[str] = set()
    for wanted in cover:
        fits = [c for c in pool if c.child_key not in taken and profile[c.child_key] >= wanted]
        best = min(fits, key=lambda c: (-len(agencies_of(c) - seen), rank[c.child_key]))
        picks.append(Pick(best, "cover"))
        taken.add(best.child_key)
        seen |= agencies_of(best)

    covered = frozenset().union(*(profile[p.child.child_key] for p in picks)) if picks else set()
    mixes = {(p.child.legal_status, p.child.mh_category, p.child.at_risk) for p in picks}
    while len(picks) < count and len(taken) < len(pool):
        best = min(
            (c for c in pool if c.child_key not in taken),
            key=lambda c: _score(c, profile[c.child_key] - covered, seen, mixes, rank),
        )
        new_targets, new_agencies, new_mix, _ = _score(
            best, profile[best.child_key] - covered, seen, mixes, rank
        )
        step = (
            "cover"
            if new_targets
            else "agencies"
            if new_agencies
            else "mix"
            if new_mix
            else "number"
        )
        picks.append(Pick(best, step))
        taken.add(best.child_key)
        seen |= agencies_of(best)
        covered = covered | profile[best.child_key]
        mixes.add((best.legal_status, best.mh_category, best.at_risk))
    return picks


def _score(
    c: CohortChild,
    new_targets: frozenset[str],
    seen: set[str],
    mixes: set[tuple[str, str, bool]],
    rank: dict[str, int],
) -> tuple[int, int, int, int]:
    """Lower is better: most new targets, then new agencies, then a new mix, then seeded order."""
    mix = (c.legal_status, c.mh_category, c.at_risk) not in mixes
    return (-len(new_targets), -len(agencies_of(c) - seen), -int(mix), rank[c.child_key])
