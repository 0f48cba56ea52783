"""Children's social care histories: contacts, referrals, assessments, section 47s, plans and care.

Each child is given the social care status they hold on the as-of date (looked after, CP plan, CIN
plan, open assessment, closed case, contact only, short breaks, none) at the published rates for
their age, and a history is built backwards from it in the order it happens in life: contact,
referral, assessment, strategy discussion and section 47, conference, plan, then care.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from jtai.synth.model import (
    Assessment,
    Child,
    Contact,
    Plan,
    Referral,
    Section47,
)
from jtai.synth.people import pick
from jtai.synth.rates import Rates

# DfE CIN census 2024 referral sources, rounded shares.
_SOURCES = (
    "6",
    "2A",
    "3A",
    "3B",
    "3C",
    "3D",
    "3E",
    "3F",
    "5A",
    "5B",
    "5C",
    "5D",
    "1A",
    "1B",
    "1C",
    "1D",
    "2B",
    "4",
    "7",
    "8",
    "9",
    "10",
)
_SOURCE_CUM = tuple(
    float(sum((29, 21, 2, 2, 1, 3, 4, 3, 5, 3, 2, 5, 5, 0.5, 0.5, 1, 1, 2, 2, 3, 1, 4)[: i + 1]))
    for i in range(22)
)
# DfE looked-after children 2024 by category of need.
_NEEDS = ("N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8")
_NEED_CUM = (0.65, 0.68, 0.71, 0.78, 0.91, 0.92, 0.925, 1.0)
# Assessment factors that are common context; the mental-health ones are added by need.
_CONTEXT_FACTORS = (
    "3B",
    "4B",
    "16A",
    "17A",
    "2B",
    "1B",
    "3A",
    "8F",
    "14A",
    "10A",
    "24A",
    "11A",
    "5A",
    "6A",
    "7A",
    "13A",
    "18C",
    "19C",
    "20",
    "21",
)
_CONTEXT_CUM = tuple(
    float(sum((30, 22, 18, 16, 12, 10, 8, 1, 6, 4, 3, 3, 3, 3, 2, 3, 2, 2, 4, 1)[: i + 1]))
    for i in range(20)
)
STATUSES = ("CLA", "CP", "CIN", "OPEN", "PAST", "CONTACT", "SHORT_BREAK", "")


def age_band(age: int) -> int:
    if age == 0:
        return 0
    if age <= 4:
        return 1
    if age <= 9:
        return 2
    if age <= 15:
        return 3
    return 4


def band_population_shares(rates: Rates) -> list[float]:
    weights = rates["population"]["age_weights"]
    total = sum(weights)
    shares = [0.0] * 5
    for age, weight in enumerate(weights):
        shares[age_band(age)] += weight / total
    return shares


def status_probabilities(rates: Rates, age: int) -> list[tuple[str, float]]:
    """The chance of each status on the as-of date for a child of this age."""
    sc = rates["social_care"]
    band = age_band(age)
    pop = band_population_shares(rates)[band]
    cla = sc["cla_rate"] * sc["age_band_share"]["cla"][band] / pop
    cp = sc["cp_rate"] * sc["age_band_share"]["cp"][band] / pop
    cin_share = sc["age_band_share"]["cin"][band] / pop
    other = (sc["cin_rate"] - sc["cp_rate"] - sc["cla_rate"]) * cin_share
    open_share = sc["open_no_plan_share_of_cin"]
    past = sc["referral_rate_per_year"] * 2.0 * cin_share
    return [
        ("CLA", cla),
        ("CP", cp),
        ("CIN", other * (1 - open_share)),
        ("OPEN", other * open_share),
        ("SHORT_BREAK", sc["short_break_rate"] if age >= 3 else 0.0),
        ("PAST", past),
        ("CONTACT", past * 0.5),
    ]


_TABLES: dict[int, list[list[tuple[str, float]]]] = {}


def choose_status(rng: random.Random, rates: Rates, age: int) -> str:
    # The table depends only on the rates and the age; build it once per rates object.
    table = _TABLES.get(id(rates))
    if table is None:
        table = [status_probabilities(rates, a) for a in range(18)]
        _TABLES.clear()
        _TABLES[id(rates)] = table
    draw = rng.random()
    for status, p in table[min(age, 17)]:
        if draw < p:
            return status
        draw -= p
    return ""


def pick_source(rng: random.Random) -> str:
    return pick(rng, _SOURCES, _SOURCE_CUM)


def pick_need(rng: random.Random) -> str:
    return pick(rng, _NEEDS, _NEED_CUM)


def factors(rng: random.Random, child: Child, on: date) -> list[str]:
    """One to four factors; 4A and 15A for children whose mental ill health has started."""
    chosen: list[str] = []
    for _ in range(rng.choice((1, 1, 2, 2, 3, 4))):
        factor = pick(rng, _CONTEXT_FACTORS, _CONTEXT_CUM)
        if factor not in chosen:
            chosen.append(factor)
    if "21" in chosen and len(chosen) > 1:
        chosen.remove("21")  # "no factors" only stands alone
    onset = child.disorder_onset
    if child.disorder and onset and on >= onset - timedelta(days=180):
        if rng.random() < 0.55:
            chosen.append("4A")
        if rng.random() < 0.2:
            chosen.append("15A")
    elif rng.random() < 0.03:
        chosen.append("4A")
    if len(chosen) > 1 and "21" in chosen:
        chosen.remove("21")
    return sorted(chosen)


def days_between(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _after_birth(day: date, child: Child) -> date:
    return max(day, child.dob + timedelta(days=1))


def new_referral(rng: random.Random, child: Child, day: date, nfa: bool = False) -> Referral:
    day = _after_birth(day, child)
    contact = max(child.dob, day - days_between(rng, 0, 3))
    return Referral(contact, day, pick_source(rng), pick_need(rng), nfa)


def assess(rng: random.Random, child: Child, referral: Referral, until: date | None) -> Assessment:
    start = referral.date + days_between(rng, 0, 6)
    authorised = start + days_between(rng, 10, 45)
    if until is not None and authorised > until:
        authorised = max(start, until)
    assessment = Assessment(start, authorised, factors(rng, child, start), True)
    referral.assessments.append(assessment)
    return assessment


def protect(rng: random.Random, referral: Referral, start: date, rates: Rates) -> Plan:
    """A section 47, a conference 10-20 days later and the CP plan it decides on."""
    s47 = Section47(start, start + timedelta(days=15), start + days_between(rng, 10, 20), False)
    referral.section47s.append(s47)
    assert s47.icpc is not None
    category = _category(rng, rates)
    latest = category if rng.random() < 0.85 else _category(rng, rates)
    previous = 0 if rng.random() < 0.78 else rng.choice((1, 1, 2))
    plan = Plan(s47.icpc, None, category, latest, previous)
    referral.cp_plans.append(plan)
    return plan


def _category(rng: random.Random, rates: Rates) -> str:
    shares = rates["social_care"]["cp_category"]
    codes = tuple(shares)
    cum = tuple(float(sum(list(shares.values())[: i + 1])) for i in range(len(codes)))
    return pick(rng, codes, cum)


def plan_reviews(start: date, end: date | None, as_of: date, first_months: int = 3) -> list[date]:
    """Review dates: the first after `first_months`, then every six months, while the plan runs."""
    reviews = []
    day = start + timedelta(days=first_months * 30)
    stop = min(end or as_of, as_of)
    while day <= stop:
        reviews.append(day)
        day += timedelta(days=182)
    return reviews


def build_current_cp(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    referral = new_referral(rng, child, as_of - days_between(rng, 30, 540))
    assess(rng, child, referral, None)
    plan = protect(rng, referral, referral.date + days_between(rng, 0, 7), rates)
    if plan.start > as_of:  # conference not yet held: move the whole case earlier
        shift = plan.start - as_of + days_between(rng, 1, 20)
        _shift_referral(referral, -shift)
    plan.reviews = plan_reviews(plan.start, None, as_of)
    referral.need_code = "N1" if rng.random() < 0.8 else pick_need(rng)
    child.referrals.append(referral)


def build_current_cin(rng: random.Random, child: Child, as_of: date, with_plan: bool) -> None:
    if with_plan:
        referral = new_referral(rng, child, as_of - days_between(rng, 60, 700))
        assessment = assess(rng, child, referral, None)
        start = assessment.authorised or assessment.start
        referral.cin_plans.append(Plan(start + days_between(rng, 0, 10), None))
    else:
        referral = new_referral(rng, child, as_of - days_between(rng, 1, 40))
        assessment = assess(rng, child, referral, None)
        if assessment.start > as_of:
            assessment.start = referral.date
        # Still being assessed on the as-of date; the authorisation date is in the future.
        assessment.authorised = as_of + days_between(rng, 1, 30)
    child.referrals.append(referral)


def _shift_referral(referral: Referral, delta: timedelta) -> None:
    referral.contact_date += delta
    referral.date += delta
    for a in referral.assessments:
        a.start += delta
        a.authorised = a.authorised + delta if a.authorised else None
    for s in referral.section47s:
        s.start += delta
        s.icpc_target += delta
        s.icpc = s.icpc + delta if s.icpc else None
    for plan in referral.cp_plans + referral.cin_plans:
        plan.start += delta
        plan.end = plan.end + delta if plan.end else None


def build_closed_case(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    """A referral closed before the as-of date: NFA, after assessment, or after a plan ended."""
    closure = as_of - days_between(rng, 1, 700)
    draw = rng.random()
    if draw < rates["social_care"]["referral_nfa_share"]:
        referral = new_referral(rng, child, closure, nfa=True)
        referral.closure, referral.closure_reason = referral.date, "RC8"
    elif draw < 0.6:
        referral = new_referral(rng, child, closure - days_between(rng, 20, 60))
        assess(rng, child, referral, closure)
        referral.closure = closure
        referral.closure_reason = "RC9" if rng.random() < 0.3 else "RC8"
    elif draw < 0.88:
        referral = new_referral(rng, child, closure - days_between(rng, 120, 500))
        assessment = assess(rng, child, referral, None)
        start = assessment.authorised or assessment.start
        referral.cin_plans.append(Plan(start, closure))
        referral.closure, referral.closure_reason = closure, "RC7"
    else:
        referral = new_referral(rng, child, closure - days_between(rng, 200, 600))
        assess(rng, child, referral, None)
        plan = protect(rng, referral, referral.date + days_between(rng, 0, 7), rates)
        plan.end = closure
        plan.reviews = plan_reviews(plan.start, closure, as_of)
        referral.closure, referral.closure_reason = closure, "RC7"
    if referral.date >= child.dob and (referral.closure or as_of) <= as_of and _in_order(referral):
        child.referrals.append(referral)


def _in_order(referral: Referral) -> bool:
    """False when moving a young child's referral to after their birth put it after its closure."""
    closure = referral.closure or date.max
    plans_in_order = all(
        plan.end is None or plan.start <= plan.end <= closure
        for plan in referral.cin_plans + referral.cp_plans
    )
    return referral.date <= closure and plans_in_order


def build_contacts(rng: random.Random, child: Child, as_of: date) -> None:
    for _ in range(rng.choice((1, 1, 1, 2))):
        day = _after_birth(as_of - days_between(rng, 0, 365), child)
        child.contacts.append(Contact(day, pick_source(rng)))
