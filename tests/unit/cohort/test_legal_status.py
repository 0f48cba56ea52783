"""Legal status on D (section 2) and its precise readings (section 9)."""

from __future__ import annotations

from datetime import date

from tests.unit.cohort.helpers import AS_OF, Child, cohort, only


def test_short_break_episode_does_not_make_child_looked_after():
    child = Child().self_harm().event("ssda903", "episode", "V4", date(2024, 1, 1), cin="N1")
    assert cohort(child).children == ()


def test_v3_short_break_in_annex_a_does_not_make_child_looked_after():
    child = Child().self_harm().event("annex_a", "cla", "v3", date(2024, 1, 1))
    assert cohort(child).children == ()


def test_child_on_short_break_with_cin_plan_is_cin():
    child = Child().self_harm().cin_plan().event("ssda903", "episode", "V4", date(2024, 1, 1))
    assert only(child).legal_status == "CIN"


def test_open_care_episode_makes_child_looked_after():
    child = Child().self_harm().event("ssda903", "episode", "C2", date(2024, 1, 1))
    assert only(child).legal_status == "CLA"


def test_looked_after_wins_over_cp_and_cp_over_cin():
    cp_and_cin = (
        Child().self_harm().cin_plan().event("cin_census", "cp_plan", "NEG", date(2024, 8, 1))
    )
    assert only(cp_and_cin).legal_status == "CP"
    all_three = Child().self_harm().cin_plan().event("annex_a", "cp_plan", "NEG", date(2024, 8, 1))
    all_three.event("annex_a", "cla", "C1", date(2025, 1, 1))
    assert only(all_three).legal_status == "CLA"


def test_cin_episode_without_plan_gives_no_legal_status():
    child = Child().self_harm().event("annex_a", "cin", "open_assessment", date(2024, 6, 1))
    assert cohort(child).children == ()


def test_annex_a_cin_case_with_cin_plan_status_is_cin():
    child = Child().self_harm().event("annex_a", "cin", "cin_plan", date(2024, 6, 1))
    assert only(child).legal_status == "CIN"


def test_plan_ending_after_as_of_is_open_on_as_of():
    child = Child().self_harm().cin_plan(end=date(2025, 4, 10))
    assert only(child).legal_status == "CIN"


def test_plan_ending_on_as_of_is_not_open():
    child = Child().self_harm().cin_plan(end=AS_OF)
    assert cohort(child).children == ()


def test_plan_starting_after_as_of_does_not_count():
    child = Child().self_harm().cin_plan(start=date(2025, 4, 1))
    assert cohort(child).children == ()


def test_plan_starting_on_as_of_counts():
    child = Child().self_harm().cin_plan(start=AS_OF)
    assert only(child).legal_status == "CIN"


def test_same_plan_in_cin_census_and_annex_a_most_recent_activity_wins():
    # The census shows the plan open; Annex A (later) shows the same plan ended before D.
    child = Child().self_harm()
    child.event("cin_census", "cp_plan", "NEG", date(2024, 5, 1))
    child.event("annex_a", "cp_plan", "NEG", date(2024, 5, 1), date(2025, 2, 1))
    assert cohort(child).children == ()


def test_same_open_plan_in_both_sources_is_one_fact_that_keeps_its_source():
    child = Child().self_harm()
    child.event("cin_census", "cp_plan", "NEG", date(2024, 5, 1))
    child.event("annex_a", "cp_plan", "NEG", date(2024, 5, 1))
    found = only(child)
    assert found.legal_status == "CP"
    assert found.legal_status_record.source == "annex_a"  # tie: source_preference order
    assert found.legal_status_record.date == date(2024, 5, 1)
    started = [r for r in found.at_risk_reasons if r.name == "cp_plan_started"]
    assert len(started) == 1


def test_legal_status_record_is_the_open_fact():
    child = (
        Child().self_harm().cin_plan(date(2023, 1, 1), date(2023, 12, 1)).cin_plan(date(2024, 2, 2))
    )
    record = only(child).legal_status_record
    assert (record.source, record.date) == ("cin_census", date(2024, 2, 2))
    assert record.row_ref is not None
