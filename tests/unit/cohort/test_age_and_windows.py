"""Age on D and the windows of section 9: both ends, month-end clamping, nothing after D."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.cohort.helpers import AS_OF, LOOKBACK_START, Child, cohort, indicators, only


def test_29_february_birthday_counts_on_1_march_in_other_years():
    def child() -> Child:
        return Child(dob=date(2012, 2, 29)).cin_plan(date(2021, 6, 1)).self_harm(date(2021, 9, 1))

    assert cohort(child(), as_of=date(2022, 2, 28)).children == ()  # still 9
    assert only(child(), as_of=date(2022, 3, 1)).age == 10


@pytest.mark.parametrize(
    ("dob", "in_cohort"),
    [
        (date(2015, 3, 31), True),  # 10 today
        (date(2015, 4, 1), False),  # 10 tomorrow
        (date(2009, 4, 1), True),  # 15, 16 tomorrow
        (date(2009, 3, 31), False),  # 16 today
    ],
)
def test_age_band_includes_both_ends(dob, in_cohort):
    child = Child(dob=dob).cin_plan().self_harm()
    assert bool(cohort(child).children) is in_cohort


def test_window_includes_both_ends():
    assert indicators(Child().cin_plan().self_harm(LOOKBACK_START)) == ("ed_self_harm",)
    assert indicators(Child().cin_plan().self_harm(AS_OF)) == ("ed_self_harm",)
    assert indicators(Child().cin_plan().self_harm(date(2023, 3, 30))) == ()


def test_lookback_from_29_february_is_28_february_two_years_earlier():
    as_of = date(2024, 2, 29)
    assert only(Child().cin_plan(date(2022, 1, 1)).self_harm(date(2022, 2, 28)), as_of=as_of)
    assert (
        cohort(
            Child().cin_plan(date(2022, 1, 1)).self_harm(date(2022, 2, 27)), as_of=as_of
        ).children
        == ()
    )


def test_lookback_from_31_march_starts_31_march():
    assert cohort(Child().cin_plan().self_harm(date(2023, 3, 31))).lookback_start == date(
        2023, 3, 31
    )


def test_event_dated_after_as_of_does_not_count():
    assert indicators(Child().cin_plan().self_harm(date(2025, 4, 1))) == ()


def test_open_in_lookback_excludes_interval_ending_on_first_day():
    def child(end: date) -> Child:
        return (
            Child()
            .cin_plan()
            .event("early_help", "early_help", "mental_health", date(2022, 1, 1), end)
        )

    assert indicators(child(LOOKBACK_START)) == ()
    assert indicators(child(date(2023, 4, 1))) == ("early_help_mh",)


def test_open_in_lookback_counts_interval_ending_after_as_of():
    child = Child().cin_plan()
    child.event(
        "yjs_cases", "yjs_case", "yro", date(2022, 1, 1), date(2026, 1, 1), mh_screen="concern"
    )
    assert indicators(child) == ("yjs_mh_concern",)


@pytest.mark.parametrize(
    ("entry", "leaving", "on_roll"),
    [
        (date(2020, 9, 1), None, True),
        (date(2020, 9, 1), AS_OF, False),  # left on D
        (date(2020, 9, 1), date(2025, 4, 1), True),  # leaves after D
        (date(2025, 4, 1), None, False),  # joins after D
        (AS_OF, None, True),
    ],
)
def test_on_school_roll_at_as_of(entry, leaving, on_roll):
    child = Child().cin_plan()
    child.event("school_pupils", "school_enrolment", "100001", entry, leaving,
                sen_primary_need="semh", sen_provision="k")  # fmt: skip
    assert indicators(child) == (("sen_semh",) if on_roll else ())


def test_assessment_counts_by_start_date_not_authorisation():
    before = Child().cin_plan()
    before.event(
        "cin_census", "assessment", None, date(2023, 3, 30), date(2023, 5, 1), factors=["4A"]
    )
    assert indicators(before) == ()
    inside = Child().cin_plan()
    inside.event("annex_a", "assessment", None, date(2023, 3, 31), None, factors=["4a"])
    assert indicators(inside) == ("cin_factor_4a",)


def test_health_referral_counts_by_referral_date_not_by_being_open():
    child = Child().cin_plan()
    child.event("health_referrals", "health_referral", "camhs", date(2023, 1, 1), date(2024, 6, 1),
                outcome="accepted")  # fmt: skip
    assert indicators(child) == ()
