"""draw_sample over random cohorts (Hypothesis) and a few hand-made ones."""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jtai.sampling import MISSING, TARGETS, SamplingError, draw_sample, targets_of
from jtai.sampling.targets import agencies_of, stratum_of
from tests.unit.sampling.factories import child, cohorts, full_cover, random_cohort

FAST = settings(max_examples=40, deadline=None)


def _keys(draw):
    return [(c.role, c.child_key) for c in draw.chosen]


@FAST
@given(cohorts(), st.integers(5, 7), st.integers(0, 30), st.integers(0, 10_000))
def test_every_chosen_child_is_in_the_cohort_and_none_is_both_tracked_and_sampled(
    cohort, tracked, sampled, seed
):
    draw = draw_sample(cohort, tracked=tracked, sampled=sampled, seed=seed)
    keys = {c.child_key for c in cohort}
    tracked_keys = [c.child_key for c in draw.tracked]
    sampled_keys = [c.child_key for c in draw.sampled]
    assert set(tracked_keys) <= keys and set(sampled_keys) <= keys
    assert len(set(tracked_keys + sampled_keys)) == len(tracked_keys) + len(sampled_keys)
    assert len(tracked_keys) == min(tracked, len(cohort))
    assert len(sampled_keys) == min(sampled, len(cohort) - len(tracked_keys))
    assert all(c.reason.startswith(f"{c.role}: ") for c in draw.chosen)


@FAST
@given(cohorts(), st.integers(5, 7), st.integers(0, 30), st.integers(0, 10_000))
def test_the_same_seed_gives_the_same_children_whatever_order_they_come_in(
    cohort, tracked, sampled, seed
):
    first = draw_sample(cohort, tracked=tracked, sampled=sampled, seed=seed)
    shuffled = list(cohort)
    random.Random(seed).shuffle(shuffled)
    again = draw_sample(shuffled, tracked=tracked, sampled=sampled, seed=seed)
    assert first == again


@FAST
@given(st.integers(60, 120), st.integers(0, 10_000), st.integers(0, 10_000))
def test_different_seeds_give_different_valid_draws_when_the_cohort_is_big_enough(
    size, cohort_seed, seed
):
    cohort = random_cohort(size, cohort_seed)
    one = draw_sample(cohort, sampled=20, seed=seed)
    other = draw_sample(cohort, sampled=20, seed=seed + 1)
    assert _keys(one) != _keys(other)
    by_key = {c.child_key: c for c in cohort}
    for draw in (one, other):
        assert not [g for g in draw.gaps if "cover" in g]
        assert len(draw.tracked) == 6 and len(draw.sampled) == 20
        lacking = {t for t in TARGETS if MISSING[t] in draw.gaps}
        covered = set().union(*(targets_of(by_key[c.child_key]) for c in draw.tracked))
        assert covered == set(TARGETS) - lacking


@FAST
@given(cohorts(max_size=40), st.integers(5, 7), st.integers(0, 10_000), st.randoms())
def test_tracked_children_cover_every_target_whenever_the_cohort_allows(others, tracked, seed, rnd):
    # Plant four children who cover everything, so a cover of at most `tracked` exists.
    planted = full_cover()
    cohort = others + planted
    rnd.shuffle(cohort)
    draw = draw_sample(cohort, tracked=tracked, sampled=5, seed=seed)
    by_key = {c.child_key: c for c in cohort}
    covered = set().union(*(targets_of(by_key[c.child_key]) for c in draw.tracked))
    assert covered == set(TARGETS)
    agencies = set().union(*(agencies_of(by_key[c.child_key]) for c in draw.tracked))
    assert agencies == set().union(*(agencies_of(c) for c in cohort))
    assert not [g for g in draw.gaps if "cover" in g or g in MISSING.values()]


@FAST
@given(cohorts(min_size=1, max_size=40), st.integers(0, 10_000))
def test_gaps_name_every_target_the_cohort_lacks(cohort, seed):
    draw = draw_sample(cohort, seed=seed)
    available = set().union(*(targets_of(c) for c in cohort))
    for target in TARGETS:
        assert (MISSING[target] in draw.gaps) == (target not in available)


@FAST
@given(cohorts(min_size=1), st.integers(0, 40), st.integers(0, 10_000))
def test_the_sample_follows_the_cohort_strata_within_rounding(cohort, sampled, seed):
    draw = draw_sample(cohort, sampled=sampled, seed=seed)
    by_key = {c.child_key: c for c in cohort}
    tracked = {c.child_key for c in draw.tracked}
    wanted = len(draw.sampled)
    for stratum in draw.strata:
        members = [c for c in cohort if stratum_of(c) == (stratum.legal_status, stratum.at_risk)]
        room = sum(c.child_key not in tracked for c in members)
        share = wanted * len(members) / len(cohort)
        got = sum(stratum_of(by_key[c.child_key]) == stratum_of(members[0]) for c in draw.sampled)
        assert got == stratum.sampled
        if all(
            math.ceil(wanted * s.in_cohort / len(cohort))
            <= s.in_cohort
            - sum(stratum_of(by_key[k]) == (s.legal_status, s.at_risk) for k in tracked)
            for s in draw.strata
        ):
            assert abs(got - share) < 1  # no stratum short of room: plain largest remainder
        else:
            assert got <= room


def test_a_tracked_child_says_what_it_covers_in_plain_english():
    cohort = [
        child(1, "CP", "diagnosed", True, ("local_authority", "youth_justice")),
        *[child(n) for n in range(2, 12)],
    ]
    draw = draw_sample(cohort, tracked=5, sampled=3, seed=7)
    first = next(c for c in draw.tracked if c.child_key == "c00001")
    assert first.reason == "tracked: covers at risk, CP, diagnosed, youth justice"
    assert all(c.reason.startswith("sampled: CIN / not at risk stratum, ") for c in draw.sampled)


def test_a_cohort_without_youth_justice_says_so_plainly():
    draw = draw_sample([child(n) for n in range(10)], seed=1)
    assert "no child in the cohort is known to youth justice" in draw.gaps


def test_a_sample_larger_than_the_cohort_takes_everyone_left_and_says_so():
    draw = draw_sample([child(n) for n in range(8)], tracked=5, sampled=20, seed=1)
    assert len(draw.sampled) == 3
    assert any("only 3 children who are not tracked" in gap for gap in draw.gaps)


@pytest.mark.parametrize("tracked", [4, 8, 0])
def test_tracking_fewer_than_five_or_more_than_seven_is_refused(tracked):
    with pytest.raises(SamplingError, match="between 5 and 7"):
        draw_sample([child(1)], tracked=tracked, seed=1)


def test_an_empty_cohort_draws_nobody_and_says_why():
    draw = draw_sample([], seed=1)
    assert draw.chosen == () and "the cohort is empty" in draw.gaps[0]
