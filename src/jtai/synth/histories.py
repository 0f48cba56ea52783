"""Simulate one child's life up to (and a little beyond) the as-of date.

Order matters and follows life: the social care status on the as-of date is drawn first (at the
published rates for the child's age), then whether the child has a mental disorder (more likely
for children known to social care), then the social care history, school, mental health pathway,
police, youth justice and early help, and the looked-after child's yearly SDQ.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from jtai.synth import care, pathways, social_care
from jtai.synth.model import Child
from jtai.synth.people import Allocator
from jtai.synth.rates import Rates


def simulate(
    rng: random.Random, child: Child, as_of: date, rates: Rates, alloc: Allocator, n: int
) -> Child:
    age = pathways.age_on(child, as_of)
    child.status = social_care.choose_status(rng, rates, age)
    _draw_disorder(rng, child, as_of, age, rates)
    _build_social_care(rng, child, as_of, rates)
    pathways.build_school(rng, child, as_of, rates, n)
    if child.school is not None:
        reception = child.dob.year + (4 if child.dob.month < 9 else 5)
        child.upn = alloc.upn(pathways.school_establishment(child), reception)
    if child.disorder:
        pathways.build_mental_health(rng, child, as_of, rates)
    else:
        pathways.build_subthreshold(rng, child, as_of, rates)
    pathways.build_police(rng, child, as_of, rates)
    pathways.build_youth_justice(rng, child, as_of, rates)
    pathways.build_early_help(rng, child, as_of, rates)
    _yearly_sdq(rng, child, as_of, rates)
    if child.referrals or child.contacts or child.episodes:
        child.la_child_id = alloc.la_child_id()
    return child


def disorder_prevalence(rates: Rates, age: int) -> float:
    table = rates["mental_health"]["prevalence_by_age"]
    prevalence = 0.0
    for from_age, value in sorted(table.items()):
        if age >= int(from_age):
            prevalence = float(value)
    return prevalence


def _draw_disorder(rng: random.Random, child: Child, as_of: date, age: int, rates: Rates) -> None:
    uplift = rates["mental_health"]["uplift"].get(child.status, 1.0)
    if child.status == "OPEN":
        uplift = rates["mental_health"]["uplift"]["CIN"]
    scale = rates["mental_health"]["base_scale"]
    if rng.random() >= disorder_prevalence(rates, age) * scale * uplift:
        return
    child.disorder = True
    earliest = child.dob + timedelta(days=2 * 365)
    child.disorder_onset = max(earliest, as_of - timedelta(days=rng.randrange(4 * 365)))


def _build_social_care(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    status = child.status
    if status == "CLA":
        care.build_care(rng, child, as_of, rates)
    elif status == "CP":
        social_care.build_current_cp(rng, child, as_of, rates)
    elif status in ("CIN", "OPEN"):
        social_care.build_current_cin(rng, child, as_of, with_plan=status == "CIN")
    elif status == "SHORT_BREAK":
        care.build_short_breaks(rng, child, as_of)
    elif status == "PAST":
        if rng.random() < 0.12 and (as_of - child.dob).days > 400:
            _build_left_care(rng, child, as_of, rates)
        else:
            social_care.build_closed_case(rng, child, as_of, rates)
    elif status == "CONTACT":
        social_care.build_contacts(rng, child, as_of)
    # A quarter of referrals are re-referrals: some children also had an earlier, closed case.
    if status in ("CP", "CIN", "OPEN", "CLA") and rng.random() < 0.22:
        earlier = as_of - timedelta(days=800)
        current = child.referrals[-1].date if child.referrals else as_of
        if earlier > child.dob + timedelta(days=30) and current > earlier:
            before = len(child.referrals)
            social_care.build_closed_case(rng, child, earlier, rates)
            if len(child.referrals) > before:
                child.referrals.insert(0, child.referrals.pop())


def _build_left_care(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    """A child who was looked after and went home (or to relatives) before the as-of date."""
    end = as_of - timedelta(days=rng.randint(10, 600))
    start = max(child.dob + timedelta(days=1), end - timedelta(days=rng.randint(30, 700)))
    if start >= end:
        social_care.build_closed_case(rng, child, as_of, rates)
        return
    referral = social_care.new_referral(rng, child, start - timedelta(days=rng.randint(5, 120)))
    social_care.assess(rng, child, referral, start)
    referral.closure, referral.closure_reason = end, "RC7"
    child.referrals.append(referral)
    need = social_care.pick_need(rng)
    referral.need_code = need
    episodes = care.care_episodes(rng, child, start, end, need, as_of)
    episodes[-1].reason_ceased = rng.choice(("E4A", "E4A", "E13", "E41", "E45", "E46", "E8"))
    child.episodes.extend(episodes)
    child.reviews = social_care.plan_reviews(start, end, as_of, first_months=1)
    child.missing = care.missing_episodes(rng, child, start, end, rates)


def _yearly_sdq(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    """An SDQ at each 31 March after twelve months in care, for children aged 4 to 16 then."""
    care = [e for e in child.episodes if e.legal_status not in ("V3", "V4")]
    if not care:
        return
    start = care[0].start
    end = care[-1].end
    mean = rates["social_care"]["sdq_mean_cla"] + (5 if child.disorder else -2)
    for year in range(start.year, as_of.year + 1):
        census = date(year, 3, 31)
        if census > as_of or census < start + timedelta(days=365):
            continue
        if end is not None and end < census:
            continue
        age = pathways.age_on(child, census)
        if not 4 <= age <= 16:
            child.sdq.append((census, None, "SDQ1"))
        elif rng.random() < 0.08:
            child.sdq.append((census, None, rng.choice(("SDQ2", "SDQ4", "SDQ5"))))
        else:
            score = round(rng.gauss(mean, 5.5))
            child.sdq.append((census, max(0, min(40, score)), ""))
