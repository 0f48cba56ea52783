"""Risk of abuse, neglect or exploitation (section 4)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.cohort.helpers import Child, only


def reasons(child: Child) -> set[str]:
    found = only(child)
    assert found.at_risk is bool(found.at_risk_reasons)
    return {r.name for r in found.at_risk_reasons}


def base() -> Child:
    return Child().cin_plan().self_harm()


def test_child_with_no_risk_is_not_at_risk():
    assert reasons(base()) == set()


def test_cp_plan_on_as_of_is_at_risk():
    child = Child().self_harm().event("annex_a", "cp_plan", "NEG", date(2022, 1, 1))
    assert reasons(child) == {"cp_plan_on_as_of"}


def test_ended_cp_plan_or_s47_starting_in_lookback_is_at_risk():
    ended = base().event("cin_census", "cp_plan", "EMO", date(2023, 6, 1), date(2024, 1, 1))
    assert reasons(ended) == {"cp_plan_started"}
    s47 = base().event("cin_census", "s47", None, date(2023, 3, 31))
    assert reasons(s47) == {"s47_started"}
    old = base().event("cin_census", "s47", None, date(2023, 3, 30))
    assert reasons(old) == set()


@pytest.mark.parametrize("factor", ["3A", "10A", "18C", "24A"])
def test_assessment_risk_factor_in_lookback(factor):
    child = base().event("cin_census", "assessment", None, date(2024, 1, 1), factors=["1A", factor])
    assert reasons(child) == {"assessment_risk_factor"}


def test_category_of_need_n1_is_read_from_the_episode_open_on_as_of():
    earlier_n1 = base().event(
        "ssda903", "episode", "C2", date(2023, 1, 1), date(2024, 1, 1), cin="N1"
    )
    earlier_n1.event("ssda903", "episode", "C2", date(2024, 1, 1), None, cin="N2")
    assert reasons(earlier_n1) == set()
    current_n1 = base().event(
        "ssda903", "episode", "C2", date(2023, 1, 1), date(2024, 1, 1), cin="N2"
    )
    current_n1.event("ssda903", "episode", "C2", date(2024, 1, 1), None, cin="N1")
    assert reasons(current_n1) == {"looked_after_need_n1"}


def test_n1_on_a_short_break_is_not_a_risk():
    child = base().event("ssda903", "episode", "V4", date(2024, 1, 1), None, cin="N1")
    assert reasons(child) == set()


@pytest.mark.parametrize(
    "event",
    ["exploitation_concern", "missing_episode", "victim_of_crime", "domestic_abuse_household"],
)
def test_police_risk_event_in_lookback(event):
    assert reasons(base().event("police_events", "police_event", event, date(2024, 1, 1))) == {
        "police_risk_event"
    }


def test_police_event_before_lookback_or_after_as_of_is_no_risk():
    child = base().event("police_events", "police_event", "victim_of_crime", date(2023, 3, 30))
    child.event("police_events", "police_event", "victim_of_crime", date(2025, 4, 1))
    assert reasons(child) == set()


def test_missing_from_care_counts_by_its_start():
    child = base().event("ssda903", "missing", "A", date(2024, 12, 30), date(2025, 1, 2))
    assert reasons(child) == {"missing_from_care"}


def test_one_record_id_on_two_rows_of_a_file_is_listed_once_from_its_first_row():
    child = base()
    for row_ref in ("1839", "1838"):
        child.event("ssda903", "missing", "A", date(2024, 12, 30))
        child.events[-1].update(record_id="L0001/30/12/2024", row_ref=row_ref)
    for _ in range(5):  # the choice must not depend on the order rows are read in
        (reason,) = only(child).at_risk_reasons
        assert (reason.record_id, reason.row_ref) == ("L0001/30/12/2024", "1838")
