"""The readiness measures: each a small function returning its value, numerator, denominator,
definition and the children behind it. Definitions are in docs/reference/readiness.md.

    compute_measures(facts, cohort, door, population) -> list[Measure]

Yearly measures count what is dated in the 12 months up to D, both ends included. Waiting times
are in days; "within 4 weeks" is 28 days or fewer, "within 18 weeks" 126 days or fewer; the 90th
percentile is the nearest-rank value (the smallest wait at least 90% of waits are no longer than).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from jtai.cohort import CohortResult, FrontDoorResult
from jtai.readiness.facts import CRISIS_CODES, CamhsReferral, Facts

FOUR_WEEKS = 28
EIGHTEEN_WEEKS = 126
PER = 10_000
DECIDED_OUTCOMES = ("accepted", "rejected", "signposted")


@dataclass(frozen=True)
class Measure:
    code: str
    title: str
    group: str
    definition: str
    unit: str  # percent | days | per_10000 | count
    value: float | None
    numerator: int | None
    denominator: int | None
    numerator_label: str = ""
    denominator_label: str = ""
    scope: str = "All children"
    children: tuple[str, ...] = ()
    stats: tuple[tuple[str, str], ...] = ()  # further figures: (label, formatted value)
    table: tuple[tuple[str, str, int], ...] = ()  # breakdown: (dimension, label, count)
    extra: dict[str, float | None] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return format_value(self.value, self.unit)


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "No data"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "days":
        return f"{value:g} days"
    if unit == "per_10000":
        return f"{value:.1f} per 10,000"
    return f"{value:,.0f}"


def percent(numerator: int, denominator: int) -> float | None:
    return round(100 * numerator / denominator, 1) if denominator else None


def median(values: Sequence[int]) -> float | None:
    return float(statistics.median(values)) if values else None


def p90(values: Sequence[int]) -> float | None:
    """Nearest-rank 90th percentile."""
    if not values:
        return None
    ordered = sorted(values)
    return float(ordered[max(math.ceil(0.9 * len(ordered)), 1) - 1])


def _keys(children: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(set(children)))


def front_door_contact_to_decision(door: FrontDoorResult) -> Measure:
    contacts = [i for i in door.items if i.item == "contact"]
    days = [i.days_to_decision for i in contacts if i.days_to_decision is not None]
    return Measure(
        "front-door-contact-decision",
        "Contact to decision (median days)",
        "Front door",
        "Contacts in the front door window (the 6 months up to D) for children aged 10 to 15 with "
        "a mental health indicator: days from the contact to the referral that followed it. The "
        "numerator is contacts that led to a referral, the denominator every contact.",
        "days",
        median(days),
        len(days),
        len(contacts),
        "contacts that led to a referral",
        "contacts",
        "Front door list",
        _keys(i.child_key for i in contacts),
        (("90th percentile", _days(p90(days))),),
    )


def front_door_referral_to_assessment(door: FrontDoorResult) -> Measure:
    referrals = [i for i in door.items if i.item == "referral"]
    days = [i.days_to_assessment for i in referrals if i.days_to_assessment is not None]
    return Measure(
        "front-door-referral-assessment",
        "Referral to assessment (median days)",
        "Front door",
        "Referrals in the front door window for children aged 10 to 15 with a mental health "
        "indicator: days from the referral to the start of the assessment that followed it. The "
        "numerator is referrals with an assessment, the denominator every referral.",
        "days",
        median(days),
        len(days),
        len(referrals),
        "referrals with an assessment",
        "referrals",
        "Front door list",
        _keys(i.child_key for i in referrals),
        (("90th percentile", _days(p90(days))),),
    )


def re_referrals(door: FrontDoorResult) -> Measure:
    referrals = [i for i in door.items if i.item == "referral"]
    again = [i for i in referrals if i.re_referral]
    return Measure(
        "re-referrals-12m",
        "Re-referrals within 12 months",
        "Front door",
        "Of the referrals in the front door window, the share for a child with an earlier "
        "referral dated within the 12 months before it (both ends; same-day duplicates are one).",
        "percent",
        percent(len(again), len(referrals)),
        len(again),
        len(referrals),
        "re-referrals",
        "referrals",
        "Front door list",
        _keys(i.child_key for i in again),
    )


def _in_year(facts: Facts, scope: frozenset[str] | None) -> list[CamhsReferral]:
    return [
        r
        for r in facts.camhs
        if facts.year_start <= r.referral_date <= facts.as_of
        and (scope is None or r.child_key in scope)
    ]


def _scope_label(scope: frozenset[str] | None) -> tuple[str, str]:
    return ("all", "All children") if scope is None else ("cohort", "Deep-dive cohort")


def camhs_referrals(facts: Facts, scope: frozenset[str] | None = None) -> Measure:
    suffix, label = _scope_label(scope)
    rows = _in_year(facts, scope)
    by_source = Counter(r.source or "not recorded" for r in rows)
    by_outcome = Counter(r.outcome or "not recorded" for r in rows)
    return Measure(
        f"camhs-referrals-{suffix}",
        "CAMHS referrals in the last 12 months",
        "CAMHS",
        "Referrals to a CAMHS service (the definition's camhs_services) dated in the 12 months "
        "up to D, by referral source and by outcome as recorded on D.",
        "count",
        float(len(rows)),
        len(rows),
        None,
        "referrals",
        "",
        label,
        _keys(r.child_key for r in rows),
        table=tuple(("source", k, v) for k, v in by_source.most_common())
        + tuple(("outcome", k, v) for k, v in by_outcome.most_common()),
    )


def camhs_acceptance(facts: Facts, scope: frozenset[str] | None = None) -> Measure:
    suffix, label = _scope_label(scope)
    decided = [r for r in _in_year(facts, scope) if r.outcome in DECIDED_OUTCOMES]
    accepted = [r for r in decided if r.outcome == "accepted"]
    return Measure(
        f"camhs-acceptance-{suffix}",
        "CAMHS acceptance rate",
        "CAMHS",
        "Of the CAMHS referrals dated in the 12 months up to D with an outcome (accepted, "
        "rejected or signposted), the share accepted. Referrals still pending are left out.",
        "percent",
        percent(len(accepted), len(decided)),
        len(accepted),
        len(decided),
        "accepted",
        "referrals with an outcome",
        label,
        _keys(r.child_key for r in accepted),
    )


def _wait(facts: Facts, scope: frozenset[str] | None, to: str) -> Measure:
    suffix, label = _scope_label(scope)
    attr = "first_contact" if to == "first contact" else "treatment_start"
    pairs = [
        (r, (getattr(r, attr) - r.referral_date).days)
        for r in _in_year(facts, scope)
        if getattr(r, attr) is not None
    ]
    days = [d for _r, d in pairs]
    within4 = sum(d <= FOUR_WEEKS for d in days)
    within18 = sum(d <= EIGHTEEN_WEEKS for d in days)
    code = "first-contact" if attr == "first_contact" else "treatment"
    return Measure(
        f"camhs-wait-{code}-{suffix}",
        f"Wait from referral to {to} (median days)",
        "CAMHS",
        f"CAMHS referrals dated in the 12 months up to D that had a {to} by D: days from the "
        f"referral to the {to}. The numerator is those seen within 18 weeks (126 days), the "
        f"denominator every referral with a {to}. Children still waiting are not in it.",
        "days",
        median(days),
        within18,
        len(days),
        "within 18 weeks",
        f"referrals with a {to}",
        label,
        _keys(r.child_key for r, _d in pairs),
        (
            ("90th percentile", _days(p90(days))),
            ("Within 4 weeks", format_value(percent(within4, len(days)), "percent")),
            ("Within 18 weeks", format_value(percent(within18, len(days)), "percent")),
        ),
        extra={
            "p90": p90(days),
            "within_4_weeks": percent(within4, len(days)),
            "within_18_weeks": percent(within18, len(days)),
        },
    )


def camhs_wait_first_contact(facts: Facts, scope: frozenset[str] | None = None) -> Measure:
    return _wait(facts, scope, "first contact")


def camhs_wait_treatment(facts: Facts, scope: frozenset[str] | None = None) -> Measure:
    return _wait(facts, scope, "treatment")


def _camhs_involved(facts: Facts) -> set[str]:
    return {r.child_key for r in facts.camhs if r.outcome == "accepted" or r.first_contact}


def cla_sdq_recorded(facts: Facts) -> Measure:
    recorded = [k for k, score in facts.sdq.items() if score is not None]
    return Measure(
        "cla-sdq-recorded",
        "Looked-after children with an SDQ score",
        "Looked-after children",
        "Children in the most recent SSDA903 OC2 return loaded for them (looked after for 12 "
        "months or more): the share with an SDQ score recorded.",
        "percent",
        percent(len(recorded), len(facts.sdq)),
        len(recorded),
        len(facts.sdq),
        "with an SDQ score",
        "children in the OC2 return",
        children=_keys(recorded),
    )


def cla_sdq_high_camhs(facts: Facts) -> Measure:
    high = {k for k, score in facts.sdq.items() if score is not None and score >= 17}
    involved = high & _camhs_involved(facts)
    return Measure(
        "cla-sdq-17-camhs",
        "SDQ 17 or more with CAMHS involvement",
        "Looked-after children",
        "Looked-after children whose latest SDQ score is 17 or more (a cause for concern): the "
        "share with a CAMHS referral up to D that was accepted or had a first contact.",
        "percent",
        percent(len(involved), len(high)),
        len(involved),
        len(high),
        "with CAMHS involvement",
        "children scoring 17 or more",
        children=_keys(high),
    )


def yjs_screened(facts: Facts) -> Measure:
    children = {c.child_key for c in facts.yjs}
    screened = {c.child_key for c in facts.yjs if c.mh_screen not in ("", "not_screened")}
    return Measure(
        "yjs-screened",
        "Youth justice children screened for mental health",
        "Youth justice",
        "Children with a youth justice case open at any time in the 12 months up to D: the share "
        "with a mental health screen recorded on any of those cases.",
        "percent",
        percent(len(screened), len(children)),
        len(screened),
        len(children),
        "screened",
        "children with a youth justice case",
        children=_keys(children),
    )


def yjs_referred(facts: Facts) -> Measure:
    concern = {c.child_key for c in facts.yjs if c.mh_screen == "concern"}
    referred = {c.child_key for c in facts.yjs if c.mh_screen == "concern" and c.referred}
    return Measure(
        "yjs-referred",
        "Youth justice children with a concern who were referred",
        "Youth justice",
        "Of the children whose screen found a mental health concern (cases open in the 12 months "
        "up to D), the share with a mental health referral dated on or before D.",
        "percent",
        percent(len(referred), len(concern)),
        len(referred),
        len(concern),
        "referred",
        "children screened with a concern",
        children=_keys(concern),
    )


CRISIS_TITLES = {
    "crisis-ed-self-harm": "Emergency department attendances for self-harm",
    "crisis-s136": "Section 136 detentions",
    "crisis-mh-admission": "Mental health admissions",
}


def crisis_rate(facts: Facts, code: str, population: int | None) -> Measure:
    events = [e for e in facts.crises if e.measure == code]
    value = round(PER * len(events) / population, 1) if population else None
    return Measure(
        code,
        f"{CRISIS_TITLES[code]} per 10,000 children",
        "Crisis",
        f"{CRISIS_TITLES[code]} ({CRISIS_CODES[code][0]} {CRISIS_CODES[code][1]}) dated in the "
        "12 months up to D, per 10,000 children aged 0 to 17 in the area's population file.",
        "per_10000",
        value,
        len(events),
        population,
        "events",
        "children in the population file",
        children=_keys(e.child_key for e in events),
    )


def cohort_size(cohort: CohortResult) -> Measure:
    children = cohort.children
    table = (
        tuple(
            ("category", k, v) for k, v in sorted(Counter(c.mh_category for c in children).items())
        )
        + tuple(
            ("legal status", k, v)
            for k, v in sorted(Counter(c.legal_status for c in children).items())
        )
        + tuple(
            ("agency", k, v)
            for k, v in sorted(Counter(a for c in children for a in c.agencies).items())
        )
    )
    return Measure(
        "cohort-size",
        "Children in the deep-dive cohort",
        "Cohort",
        "Children aged 10 to 15 on D on a child in need or child protection plan or looked after, "
        "with a mental health indicator (docs/reference/cohort.md), by category, legal status and "
        "the agencies holding a record of them.",
        "count",
        float(len(children)),
        len(children),
        None,
        "children",
        "",
        "Deep-dive cohort",
        _keys(c.child_key for c in children),
        table=table,
    )


def compute_measures(
    facts: Facts, cohort: CohortResult, door: FrontDoorResult, population: int | None
) -> list[Measure]:
    """Every measure, in the order the measures page shows them."""
    keys = frozenset(c.child_key for c in cohort.children)
    found = [
        front_door_contact_to_decision(door),
        front_door_referral_to_assessment(door),
        re_referrals(door),
    ]
    for scope in (None, keys):
        found += [
            camhs_referrals(facts, scope),
            camhs_acceptance(facts, scope),
            camhs_wait_first_contact(facts, scope),
            camhs_wait_treatment(facts, scope),
        ]
    found += [cla_sdq_recorded(facts), cla_sdq_high_camhs(facts)]
    found += [yjs_screened(facts), yjs_referred(facts)]
    found += [crisis_rate(facts, code, population) for code in CRISIS_CODES]
    found.append(cohort_size(cohort))
    return found


def _days(value: float | None) -> str:
    return format_value(value, "days")


def movement(current: float | None, previous: float | None) -> float | None:
    """The change since the previous snapshot (None when either is missing)."""
    if current is None or previous is None:
        return None
    return round(current - previous, 1)
