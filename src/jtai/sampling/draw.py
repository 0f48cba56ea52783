"""Choose the children to audit: tracked and sampled, explainably and reproducibly.

    draw_sample(children, *, tracked=6, sampled=20, seed) -> Draw

cohort-rules.md section 7. Only cohort children are chosen. The children are put in a fixed order
(child key, then LA child id) before anything random happens, so the same children and seed give
the same draw whatever order they came in. The tracked children are chosen by `cover` (read its
docstring for the algorithm); the sample is stratified by legal status and `at_risk` in proportion
to the cohort, by largest remainder, from the children not tracked. Every chosen child carries a
plain-English reason; `Draw.gaps` says what the cohort could not give.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from jtai.cohort import CohortChild
from jtai.sampling.cover import Pick, choose_tracked
from jtai.sampling.targets import (
    AGENCY_WORDS,
    LEGAL_STATUSES,
    MISSING,
    SHORT,
    TARGETS,
    agencies_of,
    in_order,
    sorted_children,
    stratum_of,
    stratum_words,
    targets_of,
)

TRACKED_MIN, TRACKED_MAX = 5, 7
ALGORITHM = "jtai-draw-1"  # bump when a change would give a different draw for the same seed


class SamplingError(ValueError):
    """The request cannot be drawn as asked (tracked outside 5-7, a negative sample...)."""


@dataclass(frozen=True)
class Chosen:
    child_key: str
    la_child_id: str
    role: str  # "tracked" or "sampled"
    reason: str
    position: int  # 1-based, within the role
    covers: tuple[str, ...] = ()  # the targets this tracked child is the first to cover


@dataclass(frozen=True)
class Stratum:
    legal_status: str
    at_risk: bool
    in_cohort: int
    share: float  # the stratum's exact proportional share of the sample
    sampled: int

    @property
    def words(self) -> str:
        return stratum_words((self.legal_status, self.at_risk))


@dataclass(frozen=True)
class Draw:
    seed: int
    tracked_requested: int
    sampled_requested: int
    cohort_size: int
    tracked: tuple[Chosen, ...]
    sampled: tuple[Chosen, ...]
    strata: tuple[Stratum, ...]
    gaps: tuple[str, ...]
    algorithm: str = ALGORITHM

    @property
    def chosen(self) -> tuple[Chosen, ...]:
        return self.tracked + self.sampled


def draw_sample(
    children: Sequence[CohortChild], *, tracked: int = 6, sampled: int = 20, seed: int
) -> Draw:
    """Draw `tracked` children to track and `sampled` to sample from the cohort `children`."""
    if not TRACKED_MIN <= tracked <= TRACKED_MAX:
        raise SamplingError(
            f"Track between {TRACKED_MIN} and {TRACKED_MAX} children, not {tracked}"
        )
    if sampled < 0:
        raise SamplingError(f"The number sampled cannot be negative ({sampled})")
    cohort = sorted_children(children)
    if len({c.child_key for c in cohort}) != len(cohort):
        raise SamplingError("A child appears twice in the cohort")
    gaps: list[str] = []
    if not cohort:
        gaps.append("the cohort is empty, so no child can be tracked or sampled")
    picks = choose_tracked(cohort, tracked, random.Random(f"{seed}:tracked"))
    chosen_tracked = _tracked(picks)
    gaps += _tracked_gaps(cohort, picks, tracked)
    taken = {p.child.child_key for p in picks}
    chosen_sampled, strata, sample_gaps = _sample(
        cohort, taken, sampled, random.Random(f"{seed}:sampled")
    )
    return Draw(
        seed=seed,
        tracked_requested=tracked,
        sampled_requested=sampled,
        cohort_size=len(cohort),
        tracked=chosen_tracked,
        sampled=chosen_sampled,
        strata=strata,
        gaps=tuple(gaps + sample_gaps),
    )


def _tracked(picks: list[Pick]) -> tuple[Chosen, ...]:
    covered: set[str] = set()
    seen: set[str] = set()
    out = []
    for position, pick in enumerate(picks, start=1):
        child = pick.child
        new = in_order(targets_of(child) - covered)
        agencies = sorted(agencies_of(child) - seen)
        if new:
            reason = "tracked: covers " + ", ".join(SHORT[t] for t in new)
        elif pick.step == "agencies" and agencies:
            words = ", ".join(AGENCY_WORDS.get(a, a) for a in agencies)
            reason = f"tracked: brings in a further agency ({words})"
        elif pick.step == "mix":
            mix = f"{child.legal_status} / {SHORT[f'category:{child.mh_category}']}"
            risk = "at risk" if child.at_risk else "not at risk"
            reason = f"tracked: adds a different mix ({mix} / {risk})"
        else:
            reason = "tracked: makes up the number, drawn at random"
        covered |= targets_of(child)
        seen |= agencies_of(child)
        out.append(
            Chosen(child.child_key, child.la_child_id, "tracked", reason, position, tuple(new))
        )
    return tuple(out)


def _tracked_gaps(cohort: list[CohortChild], picks: list[Pick], tracked: int) -> list[str]:
    if not cohort:
        return []
    available = set().union(*(targets_of(c) for c in cohort))
    covered = set().union(*(targets_of(p.child) for p in picks)) if picks else set()
    gaps = [MISSING[t] for t in TARGETS if t not in available]
    short = [SHORT[t] for t in TARGETS if t in available and t not in covered]
    if short:
        gaps.append(
            f"{len(picks)} tracked children could not cover everything the cohort has: "
            f"not covered {', '.join(short)}; track more (up to {TRACKED_MAX}) or swap a child"
        )
    if len(cohort) < tracked:
        gaps.append(f"the cohort has only {len(cohort)} children, so only {len(picks)} are tracked")
    cohort_agencies = set().union(*(agencies_of(c) for c in cohort))
    seen = set().union(*(agencies_of(p.child) for p in picks)) if picks else set()
    if cohort_agencies - seen:
        missed = ", ".join(AGENCY_WORDS.get(a, a) for a in sorted(cohort_agencies - seen))
        gaps.append(f"no tracked child brings in {missed}")
    return gaps


def _stratum_key(stratum: tuple[str, bool]) -> tuple[int, str, bool]:
    status, at_risk = stratum
    rank = LEGAL_STATUSES.index(status) if status in LEGAL_STATUSES else len(LEGAL_STATUSES)
    return rank, status, not at_risk


def allocate(sizes: dict[tuple[str, bool], int], room: dict[tuple[str, bool], int], n: int) -> dict:
    """Seats per stratum in proportion to `sizes`, by largest remainder, never more than `room`.

    Each stratum first gets the whole part of its share (capped at its room); each seat left goes
    to the stratum furthest below its share that still has room, ties in stratum order.
    """
    total = sum(sizes.values())
    order = sorted(sizes, key=_stratum_key)
    share = {s: n * sizes[s] / total if total else 0.0 for s in order}
    seats = {s: min(math.floor(share[s]), room[s]) for s in order}
    for _ in range(n - sum(seats.values())):
        open_ = [s for s in order if seats[s] < room[s]]
        if not open_:
            break
        best = max(open_, key=lambda s: (share[s] - seats[s], -order.index(s)))
        seats[best] += 1
    return seats


def _sample(
    cohort: list[CohortChild], taken: set[str], n: int, rng: random.Random
) -> tuple[tuple[Chosen, ...], tuple[Stratum, ...], list[str]]:
    members: dict[tuple[str, bool], list[CohortChild]] = defaultdict(list)
    for child in cohort:
        members[stratum_of(child)].append(child)
    sizes = {s: len(kids) for s, kids in members.items()}
    left = {s: [c for c in kids if c.child_key not in taken] for s, kids in members.items()}
    room = {s: len(kids) for s, kids in left.items()}
    wanted = min(n, sum(room.values()))
    seats = allocate(sizes, room, wanted)
    gaps = []
    if n > wanted == 0:
        gaps.append("every child in the cohort is tracked, so none can be sampled")
    elif n > wanted:
        gaps.append(
            f"the cohort has only {wanted} children who are not tracked, "
            f"so {wanted} are sampled, not {n}"
        )
    total = len(cohort)
    chosen: list[Chosen] = []
    strata = []
    for stratum in sorted(members, key=_stratum_key):
        share = wanted * sizes[stratum] / total if total else 0.0
        if seats[stratum] < math.floor(share) and n <= wanted:
            gaps.append(
                f"the {stratum_words(stratum)} stratum has only {room[stratum]} children not "
                f"tracked, fewer than its share ({share:.1f}); the other strata took its places"
            )
        picked = rng.sample(left[stratum], seats[stratum])
        for child in picked:
            reason = (
                f"sampled: {stratum_words(stratum)} stratum, {seats[stratum]} of "
                f"{sizes[stratum]}, drawn at random in proportion to the cohort"
            )
            chosen.append(
                Chosen(child.child_key, child.la_child_id, "sampled", reason, len(chosen) + 1)
            )
        strata.append(Stratum(stratum[0], stratum[1], sizes[stratum], share, seats[stratum]))
    return tuple(chosen), tuple(strata), gaps
