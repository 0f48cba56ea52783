"""A child's chronology across every agency."""

from __future__ import annotations

from datetime import date

from jtai.cohort.chronology import chronology, describe
from tests.unit.cohort.helpers import Child, tables


def child() -> Child:
    c = Child().cin_plan(date(2024, 6, 1))
    c.event("health_referrals", "health_referral", "camhs", date(2024, 7, 1), referral_source="school",
            outcome="accepted")  # fmt: skip
    c.event("police_events", "police_event", "missing_episode", date(2023, 1, 1), person_id="PP9")
    c.event("ssda903", "oc2", None, None, None, sdq_score=18)
    return c


def test_chronology_lists_every_record_of_the_cluster_newest_first_undated_last():
    c = child()
    other = Child(la="L0002").self_harm()
    entries = chronology(tables(c, other), c.key)
    assert [e.kind for e in entries] == ["health_referral", "cin_plan", "police_event", "oc2"]
    assert entries[0].description == "Referral to CAMHS (school) – accepted"  # noqa: RUF001
    assert (entries[0].agency, entries[0].source) == ("health", "health_referrals")
    assert entries[0].row_ref


def test_chronology_filters_by_agency_and_as_of():
    c = child()
    assert [e.kind for e in chronology(tables(c), c.key, agency="police")] == ["police_event"]
    before = chronology(tables(c), c.key, as_of=date(2024, 6, 30))
    assert [e.kind for e in before] == ["cin_plan", "police_event", "oc2"]


def test_descriptions_are_short_and_readable():
    assert describe("assessment", None, {"factors": ["4A", "15A"]}) == (
        "Social care assessment; factors 4A, 15A"
    )
    assert describe("oc2", None, {"sdq_score": None, "sdq_reason": "SDQ1"}) == (
        "Looked-after child outcomes (OC2): no SDQ (SDQ1)"
    )
    assert describe("police_event", "arrest", {"mental_health_flag": True}) == (
        "Police: arrest (mental health flag)"
    )
