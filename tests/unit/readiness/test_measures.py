"""Each measure on tiny literal tables: value, numerator, denominator and the children behind it."""

from __future__ import annotations

from datetime import date

from jtai.cohort.front_door import front_door
from jtai.readiness import compute_measures, gather_facts
from jtai.readiness.measures import (
    camhs_acceptance,
    camhs_referrals,
    camhs_wait_first_contact,
    camhs_wait_treatment,
    cla_sdq_high_camhs,
    cla_sdq_recorded,
    crisis_rate,
    median,
    movement,
    p90,
    yjs_referred,
    yjs_screened,
)
from tests.unit.cohort.helpers import AS_OF, DEFAULT, Child, cohort, tables


def facts(*children: Child, as_of: date = AS_OF):
    return gather_facts(tables(*children), DEFAULT, as_of)


def camhs(child: Child, referred: date, first_contact_days: int | None, **kw) -> Child:
    first = None if first_contact_days is None else referred.toordinal() + first_contact_days
    return child.event(
        "health_referrals",
        "health_referral",
        kw.pop("service", "camhs"),
        referred,
        referral_source=kw.pop("source", "gp"),
        outcome=kw.pop("outcome", "accepted"),
        first_contact_date=date.fromordinal(first).isoformat() if first else None,
        **kw,
    )


def test_median_and_nearest_rank_90th_percentile():
    assert median([10, 20, 30, 40]) == 25
    assert p90(list(range(1, 11))) == 9  # ceil(0.9 * 10) = 9th of 10
    assert p90(list(range(1, 12))) == 10  # ceil(9.9) = 10th of 11
    assert p90([]) is None and median([]) is None


def test_waiting_times_median_p90_and_shares_within_4_and_18_weeks():
    children = [
        camhs(Child(la=f"L{i}"), date(2024, 10, 1), days)
        for i, days in enumerate((7, 28, 29, 126, 127))
    ]
    m = camhs_wait_first_contact(facts(*children))
    assert (m.value, m.numerator, m.denominator) == (29, 4, 5)
    assert m.extra == {"p90": 127, "within_4_weeks": 40.0, "within_18_weeks": 80.0}
    assert len(m.children) == 5


def test_first_contact_after_as_of_is_not_yet_a_contact():
    child = camhs(Child(), date(2025, 3, 1), 60)  # first contact 30 April 2025, after D
    m = camhs_wait_first_contact(facts(child))
    assert (m.value, m.denominator) == (None, 0)


def test_referral_older_than_12_months_is_not_counted():
    old = camhs(Child(la="L1"), date(2024, 3, 30), 10)
    edge = camhs(Child(la="L2"), date(2024, 3, 31), 10)  # exactly 12 months before D: counts
    m = camhs_referrals(facts(old, edge))
    assert m.numerator == 1 and m.children == ("child-L2",)


def test_acceptance_leaves_out_pending_and_splits_by_source_and_outcome():
    kids = [
        camhs(Child(la="L1"), date(2024, 10, 1), 10, outcome="accepted", source="school"),
        camhs(Child(la="L2"), date(2024, 10, 1), None, outcome="rejected"),
        camhs(Child(la="L3"), date(2024, 10, 1), None, outcome="pending"),
    ]
    found = facts(*kids)
    m = camhs_acceptance(found)
    assert (m.value, m.numerator, m.denominator) == (50.0, 1, 2)
    table = camhs_referrals(found).table
    assert ("source", "school", 1) in table and ("outcome", "pending", 1) in table


def test_treatment_wait_counts_only_referrals_with_a_treatment_start():
    child = camhs(Child(), date(2024, 10, 1), 20, treatment_start_date="2024-12-10")
    m = camhs_wait_treatment(facts(child, camhs(Child(la="L2"), date(2024, 10, 1), 20)))
    assert (m.value, m.denominator) == (70, 1)


def test_cohort_scope_counts_only_cohort_children():
    in_cohort = camhs(Child(la="L1").cin_plan().self_harm(), date(2024, 10, 1), 5)
    outside = camhs(Child(la="L2", dob=date(2005, 1, 1)), date(2024, 10, 1), 5)
    found = facts(in_cohort, outside)
    keys = frozenset(c.child_key for c in cohort(in_cohort, outside).children)
    assert camhs_referrals(found).numerator == 2
    assert camhs_referrals(found, keys).numerator == 1


def test_sdq_recorded_and_high_scores_with_camhs_involvement():
    high_seen = camhs(Child(la="L1"), date(2023, 1, 1), 10).event("ssda903", "oc2", sdq_score=20)
    high_unseen = Child(la="L2").event("ssda903", "oc2", sdq_score=17)
    low = Child(la="L3").event("ssda903", "oc2", sdq_score=5)
    missing = Child(la="L4").event("ssda903", "oc2", sdq_score=None, sdq_reason="SDQ1")
    found = facts(high_seen, high_unseen, low, missing)
    recorded = cla_sdq_recorded(found)
    assert (recorded.numerator, recorded.denominator, recorded.value) == (3, 4, 75.0)
    high = cla_sdq_high_camhs(found)
    assert (high.numerator, high.denominator, high.value) == (1, 2, 50.0)


def test_youth_justice_screened_and_referred():
    def yjs(la: str, screen: str, referral: str | None) -> Child:
        return Child(la=la).event(
            "yjs_cases",
            "yjs_case",
            "referral_order",
            date(2024, 11, 1),
            mh_screen=screen,
            mh_referral_date=referral,
        )

    found = facts(
        yjs("L1", "concern", "2024-11-20"),
        yjs("L2", "concern", None),
        yjs("L3", "no_concern", None),
        yjs("L4", "not_screened", None),
        yjs("L5", "concern", "2025-06-01"),  # referred after D: not yet
    )
    screened = yjs_screened(found)
    assert (screened.numerator, screened.denominator) == (4, 5)
    referred = yjs_referred(found)
    assert (referred.numerator, referred.denominator) == (1, 3)


def test_crisis_events_per_10000_children_from_the_population():
    kids = [Child(la=f"L{i}").self_harm(date(2024, 12, 1)) for i in range(3)]
    kids.append(Child(la="L9").self_harm(date(2023, 1, 1)))  # outside the year
    m = crisis_rate(facts(*kids), "crisis-ed-self-harm", population=2000)
    assert (m.numerator, m.denominator, m.value) == (3, 2000, 15.0)
    assert crisis_rate(facts(*kids), "crisis-ed-self-harm", population=None).value is None


def test_every_measure_is_computed_and_movement_is_the_difference():
    child = camhs(Child().cin_plan().self_harm(), date(2024, 10, 1), 5)
    t = tables(child)
    measures = compute_measures(
        gather_facts(t, DEFAULT, AS_OF), cohort(child), front_door(t, DEFAULT, AS_OF), 1000
    )
    codes = [m.code for m in measures]
    assert len(codes) == len(set(codes)) == 19
    assert movement(12.5, 10.0) == 2.5 and movement(None, 3.0) is None
