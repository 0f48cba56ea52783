"""Mental health indicators and categories (section 3) with the readings of section 9."""

from __future__ import annotations

from datetime import date

import pytest

from tests.unit.cohort.helpers import Child, indicators, only


def referral(child: Child, service: str = "camhs", on: date = date(2024, 5, 1), **attrs) -> Child:
    return child.event("health_referrals", "health_referral", service, on, None, **attrs)


def oc2(child: Child, score: int | None, reason: str | None = None, seq: int = 0) -> Child:
    return child.event("ssda903", "oc2", None, None, None, load_seq=seq, sdq_score=score,
                       sdq_reason=reason)  # fmt: skip


def test_diagnosis_code_is_trimmed_and_case_folded():
    child = referral(Child().cin_plan(), on=date(2015, 1, 1), outcome="accepted",
                     diagnosis_icd10="  f32.1 ")  # fmt: skip
    found = only(child)
    assert found.indicator_names == ("icd10_f_diagnosis",)
    assert found.mh_category == "diagnosed"
    assert found.indicators[0].date == date(2015, 1, 1)  # dated by its referral, any date


def test_non_f_diagnosis_is_not_a_mental_health_diagnosis():
    assert (
        indicators(referral(Child().cin_plan(), on=date(2015, 1, 1), diagnosis_icd10="G40")) == ()
    )


def test_diagnosis_on_referral_dated_after_as_of_does_not_count():
    child = referral(Child().cin_plan(), on=date(2025, 4, 2), diagnosis_icd10="F32")
    assert indicators(child) == ()


def test_accepted_mhst_referral_is_not_camhs_accepted_but_counts_as_not_accepted():
    assert indicators(referral(Child().cin_plan(), "mhst", outcome="accepted")) == (
        "camhs_not_accepted",
    )


@pytest.mark.parametrize("outcome", ["rejected", "signposted", "pending"])
def test_camhs_referral_not_accepted(outcome):
    assert indicators(referral(Child().cin_plan(), outcome=outcome)) == ("camhs_not_accepted",)


def test_camhs_accepted_is_living_with():
    found = only(referral(Child().cin_plan(), "eating_disorder", outcome="accepted"))
    assert (found.indicator_names, found.mh_category) == (("camhs_accepted",), "living_with")


def test_latest_sdq_blank_score_with_reason_is_no_score():
    child = oc2(oc2(Child().cin_plan(), 22, seq=0), None, "SDQ1", seq=1)
    assert indicators(child) == ()


def test_latest_sdq_is_from_the_most_recently_loaded_oc2():
    assert indicators(oc2(oc2(Child().cin_plan(), 22, seq=0), 15, seq=1)) == ("sdq_borderline",)
    assert indicators(oc2(oc2(Child().cin_plan(), 15, seq=1), 22, seq=0)) == ("sdq_borderline",)


@pytest.mark.parametrize(
    ("score", "expected"),
    [(40, "sdq_concern"), (17, "sdq_concern"), (16, "sdq_borderline"), (14, "sdq_borderline"),
     (13, None), (0, None)],
)  # fmt: skip
def test_sdq_thresholds(score, expected):
    found = indicators(oc2(Child().cin_plan(), score))
    assert found == ((expected,) if expected else ())


def test_school_event_referral_counts_without_flag_and_other_events_need_the_flag():
    child = (
        Child().cin_plan().event("school_events", "school_event", "referral_mhst", date(2024, 1, 1))
    )
    assert indicators(child) == ("school_mh_concern",)
    plain = Child().cin_plan().event("school_events", "school_event", "dsl_concern", date(2024, 1, 1),
                                     mental_health_flag=False)  # fmt: skip
    assert indicators(plain) == ()
    flagged = Child().cin_plan().event("school_events", "school_event", "dsl_concern",
                                       date(2024, 1, 1), mental_health_flag=True)  # fmt: skip
    assert indicators(flagged) == ("school_mh_concern",)


def test_s136_is_living_with_and_never_a_police_flag():
    child = Child().cin_plan().event("police_events", "police_event", "s136_detention",
                                     date(2024, 1, 1), mental_health_flag=True)  # fmt: skip
    assert indicators(child) == ("s136_detention",)
    other = Child().cin_plan().event("police_events", "police_event", "arrest", date(2024, 1, 1),
                                     mental_health_flag="Y")  # fmt: skip
    assert indicators(other) == ("police_mh_flag",)


def test_health_concerns_and_crisis_events():
    child = Child().cin_plan()
    for code in ("gp_mental_health_concern", "mh_admission", "ed_mental_health"):
        child.event("health_events", "health_event", code, date(2024, 1, 1))
    assert indicators(child) == ("ed_mental_health", "health_concern", "mh_admission")


def test_category_is_the_strongest_indicator():
    child = referral(Child().cin_plan().self_harm(), outcome="rejected")
    assert only(child).mh_category == "living_with"
    early = referral(Child().cin_plan(), outcome="rejected")
    assert only(early).mh_category == "early_signs"


def test_child_with_no_indicator_is_not_in_cohort():
    assert indicators(Child().cin_plan().event("health_events", "health_event",
                                               "lac_health_assessment", date(2024, 1, 1))) == ()  # fmt: skip


def test_each_indicator_carries_source_record_agency_and_date():
    evidence = only(Child().cin_plan().self_harm(date(2024, 9, 1))).indicators[0]
    assert (evidence.source, evidence.agency, evidence.date) == (
        "health_events",
        "health",
        date(2024, 9, 1),
    )
    assert evidence.record_id and evidence.row_ref


def test_records_of_linked_partner_persons_count_for_the_child():
    child = Child().cin_plan()
    child.event(
        "police_events", "police_event", "s136_detention", date(2024, 2, 2), person_id="PP1"
    )
    child.event("police_events", "police_event", "arrest", date(2024, 2, 3), person_id="PP2",
                mental_health_flag=True)  # fmt: skip
    assert indicators(child) == ("police_mh_flag", "s136_detention")
