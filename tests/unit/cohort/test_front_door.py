"""The front door list (section 6): contacts and referrals of children with a concern."""

from __future__ import annotations

from datetime import date

from jtai.cohort.front_door import front_door
from tests.unit.cohort.helpers import AS_OF, DEFAULT, Child, tables


def items(*children: Child, as_of: date = AS_OF):
    return front_door(tables(*children), DEFAULT, as_of).items


def concerned(**kw) -> Child:
    """A child with an indicator and no legal status."""
    return Child(**kw).self_harm(date(2024, 6, 1))


def test_contact_and_the_referral_that_followed_are_two_items():
    child = concerned().event("annex_a", "contact", "2A", date(2025, 1, 10))
    child.event("annex_a", "referral", "2A", date(2025, 1, 12), referral_nfa=False)
    child.event("cin_census", "assessment", None, date(2025, 1, 20))
    contact, referral = items(child)
    assert (contact.item, contact.decision, contact.days_to_decision) == ("contact", "referred", 2)
    assert (referral.item, referral.decision) == ("referral", "assessment")
    assert (referral.days_to_assessment, referral.re_referral) == (8, False)
    assert referral.legal_status is None  # whatever the legal status


def test_contact_with_no_referral_before_the_next_contact_has_no_decision():
    child = concerned().event("annex_a", "contact", "6", date(2025, 1, 10))
    child.event("annex_a", "contact", "6", date(2025, 2, 10))
    child.event("annex_a", "referral", "6", date(2025, 2, 11))
    first, second, _ = items(child)
    assert (first.decision, first.decision_date) == ("no_referral", None)
    assert (second.decision, second.days_to_decision) == ("referred", 1)


def test_nfa_referral_decision_date_is_its_closure():
    child = concerned().event("cin_census", "referral", "6", date(2025, 1, 10), date(2025, 1, 15),
                              referral_nfa=True)  # fmt: skip
    (item,) = items(child)
    assert (item.decision, item.days_to_decision, item.assessment_start) == ("nfa", 5, None)


def test_window_includes_both_ends_and_nothing_after_as_of():
    child = concerned()
    for day in (date(2024, 9, 30), date(2024, 9, 29), AS_OF, date(2025, 4, 1)):
        child.event("annex_a", "contact", "6", day)
    assert [i.date for i in items(child)] == [date(2024, 9, 30), AS_OF]


def test_age_is_taken_on_the_contact_date():
    # 10 on 2025-02-01: a contact before the birthday is out, one after is in.
    child = concerned(dob=date(2015, 2, 1))
    child.event("annex_a", "contact", "6", date(2025, 1, 31))
    child.event("annex_a", "contact", "6", date(2025, 2, 1))
    assert [(i.date, i.age) for i in items(child)] == [(date(2025, 2, 1), 10)]


def test_child_without_any_indicator_is_not_listed():
    child = Child().event("annex_a", "contact", "6", date(2025, 1, 10))
    assert items(child) == ()


def test_indicators_are_evaluated_at_as_of_not_at_the_contact():
    child = Child().event("annex_a", "contact", "6", date(2024, 12, 1))
    child.self_harm(date(2025, 3, 1))  # after the contact, before D
    (item,) = items(child)
    assert item.indicators == ("ed_self_harm",)


def test_re_referral_is_an_earlier_referral_within_12_months_both_ends():
    child = concerned().event("cin_census", "referral", "6", date(2024, 1, 15), date(2024, 2, 1))
    child.event("cin_census", "referral", "6", date(2025, 1, 15))
    assert items(child)[0].re_referral is True
    older = concerned().event("cin_census", "referral", "6", date(2024, 1, 14), date(2024, 2, 1))
    older.event("cin_census", "referral", "6", date(2025, 1, 15))
    assert items(older)[0].re_referral is False


def test_same_referral_in_cin_census_and_annex_a_is_one_item_and_not_a_re_referral():
    child = concerned().event("cin_census", "referral", "6", date(2025, 1, 15))
    child.event("annex_a", "referral", "6", date(2025, 1, 15), referrals_last_12m=0)
    (item,) = items(child)
    assert item.re_referral is False


def test_two_contacts_on_one_day_in_one_list_are_two_items():
    child = concerned().event("annex_a", "contact", "6", date(2025, 1, 10))
    child.event("annex_a", "contact", "2A", date(2025, 1, 10))
    assert sorted(i.code or "" for i in items(child)) == ["2A", "6"]
