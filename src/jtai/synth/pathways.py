"""Partner agencies' part of a life: school, mental health, police, youth justice, early help.

Events follow one another as they do in life: a school notices, then refers to the mental health
support team or CAMHS; the referral waits, is decided, and may reach a first contact and treatment;
missing episodes come before exploitation concerns; a youth justice case follows an arrest and
carries a health screen.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

from jtai.synth.model import Child, EarlyHelp, Event, HealthReferral, SchoolPlace, YjsCase
from jtai.synth.rates import Rates

HORIZON_DAYS = 3 * 365  # partner events are simulated over the three years before the as-of date
_REASONS = (
    "anxiety",
    "depression",
    "self_harm",
    "adhd",
    "autism",
    "eating_disorder",
    "conduct",
    "trauma",
    "other",
)
_REASON_WEIGHTS = (30, 15, 12, 12, 10, 4, 8, 7, 2)
_ICD10 = {
    "anxiety": ("F41.1", "F41.9", "F40.1", "F93.0"),
    "depression": ("F32.1", "F32.0", "F33.1"),
    "self_harm": ("F32.1", "F43.2"),
    "adhd": ("F90.0",),
    "autism": ("F84.0", "F84.5"),
    "eating_disorder": ("F50.0", "F50.2"),
    "conduct": ("F91.3", "F91.1"),
    "trauma": ("F43.1",),
    "other": ("F98.9", "F42.2"),
}


def age_on(child: Child, day: date) -> int:
    years = day.year - child.dob.year
    if (day.month, day.day) < (child.dob.month, child.dob.day):
        years -= 1
    return years


def _day_in(rng: random.Random, start: date, end: date) -> date:
    span = (end - start).days
    return start + timedelta(days=rng.randrange(span + 1)) if span > 0 else start


def _lognormal_days(rng: random.Random, median: float, sigma: float) -> int:
    return max(1, int(rng.lognormvariate(math.log(median), sigma)))


def _chance_in_horizon(rate_per_year: float, years: float) -> float:
    return 1 - (1 - min(rate_per_year, 0.99)) ** years


def build_school(rng: random.Random, child: Child, as_of: date, rates: Rates, n: int) -> None:
    """A place on a school roll, with SEN, attendance and suspensions this year."""
    age = age_on(child, as_of)
    pop = rates["population"]
    share = pop["school_on_roll"] if age <= 15 else pop["sixth_form_on_roll"]
    reception = child.dob.year + (4 if child.dob.month < 9 else 5)
    entry = date(reception, 9, rng.randint(1, 7))
    if age < 4 or entry > as_of or rng.random() >= share:
        return
    primary = age < 11
    phase_entry = entry if primary else date(reception + 7, 9, rng.randint(1, 7))
    moved = child.postcodes[-1][0]
    if moved > phase_entry and rng.random() < 0.6:
        phase_entry = moved + timedelta(days=rng.randint(3, 40))  # changed school after moving
    phase_entry = min(phase_entry, as_of)
    count = max(2, n // 260) if primary else max(1, n // 1100)
    number = rng.randrange(count)
    urn = f"{(110000 if primary else 140000) + number * 13:06d}"
    name = f"{'Nexbridge' if primary else 'Nexford'} {_school_word(number)} " + (
        "Primary School" if primary else "Academy"
    )
    provision, need = _sen(rng, child, rates)
    attendance = 94.5 - rng.expovariate(1 / 3.0) - (6 if child.disorder else 0)
    attendance -= 4 if child.status in ("CLA", "CP") else 0
    suspensions = 0
    if not primary and rng.random() < rates["schools"]["suspension_per_year"] * (
        3 if child.disorder else 1
    ):
        suspensions = rng.choice((1, 1, 2, 3))
    child.school = SchoolPlace(
        urn,
        name,
        phase_entry,
        None,
        provision,
        need,
        round(max(20.0, min(100.0, attendance)), 1),
        suspensions,
        False,
    )


def school_establishment(child: Child) -> str:
    """The four-digit establishment number of the school that first allocated the UPN."""
    assert child.school is not None
    return f"{2000 + int(child.school.urn) % 997:04d}"


def _school_word(number: int) -> str:
    words = ("Park", "Hill", "Green", "Valley", "Church", "Meadow", "Brook", "Oak", "Field", "Vale")
    return f"{words[number % 10]}{'' if number < 10 else ' ' + str(number // 10 + 1)}"


def _sen(rng: random.Random, child: Child, rates: Rates) -> tuple[str, str]:
    mh = rates["mental_health"]
    semh = mh["semh_share_of_disordered"] if child.disorder else mh["semh_share_otherwise"]
    if rng.random() < semh:
        return ("E" if rng.random() < 0.3 else "K"), "SEMH"
    draw = rng.random()
    sc = rates["schools"]
    if draw < sc["ehc_plan"]:
        return "E", rng.choice(("ASD", "ASD", "SLCN", "SLD", "MLD", "PD"))
    if draw < sc["ehc_plan"] + sc["sen_support"] * 0.85:
        return "K", rng.choice(("SLCN", "MLD", "SPLD", "ASD", "OTH", "NSA", "HI", "VI"))
    return "N", ""


def on_roll(child: Child, day: date) -> bool:
    school = child.school
    return school is not None and school.entry <= day


def build_mental_health(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    """The pathway of a child with a mental disorder, from the first concern onwards."""
    mh = rates["mental_health"]
    onset = child.disorder_onset
    assert onset is not None
    concern = onset + timedelta(days=rng.randint(0, 90))
    school_noticed = on_roll(child, concern) and rng.random() < mh["school_concern_share"]
    if school_noticed:
        kind = "dsl_concern" if rng.random() < 0.5 else "in_school_support"
        flag = "Y" if rng.random() < 0.8 else ""
        child.school_events.append(Event(kind, concern, mh_flag=flag))
    if rng.random() < mh["gp_concern_share"]:
        child.health_events.append(Event("gp_mental_health_concern", concern + _d(rng, 0, 60)))
    if rng.random() < 0.1:
        child.health_events.append(Event("school_nurse_concern", concern + _d(rng, 0, 120)))
    if rng.random() < mh["referred_share"]:
        source = "school" if school_noticed and rng.random() < 0.6 else _referral_source(rng, child)
        referral = refer(rng, child, concern + _d(rng, 7, 90), source, rates, disorder=True)
        if source == "school":
            kind = "referral_mhst" if referral.service == "mhst" else "referral_camhs"
            child.school_events.append(Event(kind, referral.date, mh_flag="Y"))
    _crises(rng, child, onset, as_of, rates)


def _d(rng: random.Random, low: int, high: int) -> timedelta:
    return timedelta(days=rng.randint(low, high))


def _referral_source(rng: random.Random, child: Child) -> str:
    options = ["gp", "gp", "gp", "self_or_family", "health_other", "other"]
    if child.la_child_id:
        options += ["social_care", "social_care"]
    return rng.choice(options)


def refer(
    rng: random.Random, child: Child, day: date, source: str, rates: Rates, disorder: bool
) -> HealthReferral:
    """A referral to children's mental health services and what became of it."""
    mh = rates["mental_health"]
    reason = rng.choices(_REASONS, _REASON_WEIGHTS)[0]
    in_school = on_roll(child, day) and 5 <= age_on(child, day) <= 17
    mild = reason in ("anxiety", "depression", "other") and rng.random() < 0.7
    if reason == "eating_disorder":
        service = "eating_disorder"
    elif in_school and (mild or not disorder) and rng.random() < mh["mhst_share"] * 1.8:
        service = "mhst"
    else:
        service = "camhs"
    draw = rng.random()
    if not disorder:
        draw = 0.4 + draw * 0.6  # referrals for children without a disorder are mostly turned away
    if service == "mhst" or draw < mh["accepted_share"]:
        outcome = "accepted"
    elif draw < mh["accepted_share"] + mh["rejected_share"]:
        outcome = "rejected"
    else:
        outcome = "signposted"
    decided = day + timedelta(days=_lognormal_days(rng, 10, 0.7))
    first = treatment = discharge = None
    diagnosis = ""
    if outcome == "accepted":
        first = day + timedelta(days=_lognormal_days(rng, mh["wait_median_days"], mh["wait_sigma"]))
        first = max(first, decided)
        if rng.random() < 0.85:
            treatment = first + timedelta(days=_lognormal_days(rng, 35, 0.7))
            discharge = treatment + _d(rng, 60, 420)
            if disorder and service != "mhst" and rng.random() < mh["diagnosis_share_of_treated"]:
                diagnosis = rng.choice(_ICD10[reason])
    referral = HealthReferral(
        day, service, source, reason, outcome, decided, first, treatment, discharge, diagnosis
    )
    child.health_referrals.append(referral)
    return referral


def _crises(rng: random.Random, child: Child, onset: date, as_of: date, rates: Rates) -> None:
    mh = rates["mental_health"]
    start = max(onset, child.dob + timedelta(days=11 * 365))
    if start >= as_of:
        return
    years = (as_of - start).days / 365
    if rng.random() < _chance_in_horizon(mh["ed_self_harm_per_year_11_plus"], years):
        day = _day_in(rng, start, as_of)
        child.health_events.append(Event("ed_self_harm", day))
        if rng.random() < 0.5:
            refer(rng, child, day + _d(rng, 0, 3), "emergency_department", rates, disorder=True)
    if rng.random() < _chance_in_horizon(mh["admission_per_year"], years):
        day = _day_in(rng, start, as_of)
        child.health_events.append(Event("mh_admission", day, day + _d(rng, 5, 90)))
    if rng.random() < _chance_in_horizon(mh["s136_per_year"], years):
        day = _day_in(rng, start, as_of)
        child.police_events.append(Event("s136_detention", day, day, "Y", "camhs", day))
        child.health_events.append(Event("ed_mental_health", day))


def build_subthreshold(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    """Referrals for children without a disorder: common, and mostly not accepted."""
    age = age_on(child, as_of)
    if age < 5:
        return
    rate = rates["mental_health"]["subthreshold_referral_per_year"]
    if rng.random() < _chance_in_horizon(rate, 3):
        day = _day_in(rng, as_of - timedelta(days=HORIZON_DAYS), as_of)
        if day > child.dob + timedelta(days=5 * 365):
            source = "school" if on_roll(child, day) and rng.random() < 0.5 else "gp"
            referral = refer(rng, child, day, source, rates, disorder=False)
            if source == "school":
                kind = "referral_mhst" if referral.service == "mhst" else "referral_camhs"
                child.school_events.append(Event(kind, day, mh_flag=""))


def build_police(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    """Police contact: household incidents at any age; missing, arrests and the like from 10."""
    pol = rates["police"]
    start = as_of - timedelta(days=HORIZON_DAYS)
    known = child.status in ("CLA", "CP", "CIN", "OPEN", "PAST")
    if rng.random() < _chance_in_horizon(
        pol["domestic_abuse_household_per_year"] * (6 if known else 1), 3
    ):
        _police_event(rng, child, "domestic_abuse_household", start, as_of, "social_care")
    if age_on(child, as_of) >= 5 and rng.random() < _chance_in_horizon(pol["victim_per_year"], 3):
        _police_event(rng, child, "victim_of_crime", start, as_of, "none")
    teen_start = max(start, child.dob + timedelta(days=10 * 365))
    if teen_start >= as_of:
        return
    years = (as_of - teen_start).days / 365
    for missing in child.missing:  # the 903 missing episodes are police reports too
        if missing.kind == "M" and missing.start <= as_of:
            child.police_events.append(
                Event(
                    "missing_episode",
                    missing.start,
                    missing.end,
                    referred_to="social_care",
                    referral_date=missing.start,
                )
            )
    if not child.missing and rng.random() < _chance_in_horizon(
        pol["missing_per_year_10_plus"], years
    ):
        for _ in range(rng.choice((1, 1, 2, 3))):
            _police_event(rng, child, "missing_episode", teen_start, as_of, "early_help")
    missing_days = [e.date for e in child.police_events if e.kind == "missing_episode"]
    if missing_days and rng.random() < pol["exploitation_after_missing"]:
        day = max(missing_days) + _d(rng, 3, 120)
        child.police_events.append(
            Event("exploitation_concern", day, referred_to="social_care", referral_date=day)
        )
    arrest = pol["arrest_per_year_10_plus"] * (5 if child.status == "CLA" else 1)
    if rng.random() < _chance_in_horizon(arrest, years):
        _police_event(rng, child, "arrest", teen_start, as_of, "none")
    if rng.random() < _chance_in_horizon(pol["vulnerability_notification_per_year"], years):
        _police_event(rng, child, "vulnerability_notification", teen_start, as_of, "social_care")
    if child.disorder:
        for event in child.police_events:
            if event.kind != "s136_detention" and rng.random() < pol["mh_flag_when_disordered"]:
                event.mh_flag = "Y"
    if rng.random() < pol["second_person_record"]:
        child.police_records = 2


def _police_event(
    rng: random.Random, child: Child, kind: str, start: date, end: date, referred_to: str
) -> None:
    day = _day_in(rng, max(start, child.dob), end)
    refer_day = day + _d(rng, 0, 2) if referred_to != "none" else None
    child.police_events.append(Event(kind, day, referred_to=referred_to, referral_date=refer_day))


def build_youth_justice(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    yj = rates["youth_justice"]
    teen_start = max(as_of - timedelta(days=HORIZON_DAYS), child.dob + timedelta(days=10 * 365))
    if teen_start >= as_of:
        return
    rate = yj["case_per_year_10_17"] * (yj["cla_uplift"] if child.status == "CLA" else 1)
    rate *= 2 if child.disorder else 1
    if rng.random() >= _chance_in_horizon(rate, (as_of - teen_start).days / 365):
        return
    start = _day_in(rng, teen_start, as_of)
    child.police_events.append(Event("arrest", start - _d(rng, 10, 90), referred_to="none"))
    outcome = rng.choices(
        ("out_of_court", "referral_order", "yro", "custody", "other"), (50, 30, 12, 3, 5)
    )[0]
    end = start + _d(rng, 90, 365)
    draw = rng.random()
    if draw < yj["not_screened"]:
        screen = "not_screened"
    elif rng.random() < (
        yj["screen_concern_when_disordered"] if child.disorder else yj["screen_concern_otherwise"]
    ):
        screen = "concern"
    else:
        screen = "no_concern"
    referral = start + _d(rng, 5, 40) if screen == "concern" and rng.random() < 0.7 else None
    service = rng.choice(("camhs", "yjs_health", "yjs_health", "other")) if referral else "none"
    case = YjsCase(start, end, outcome, screen, referral, service, rng.random() < 0.08)
    child.yjs_cases.append(case)


def build_early_help(rng: random.Random, child: Child, as_of: date, rates: Rates) -> None:
    rate = rates["early_help"]["episode_per_year"]
    rate *= 3 if child.status == "PAST" else 1
    rate *= 2 if child.disorder else 1
    if rng.random() >= _chance_in_horizon(rate, 3):
        return
    start = _day_in(rng, max(child.dob, as_of - timedelta(days=HORIZON_DAYS)), as_of)
    end = start + _d(rng, 60, 300)
    if child.disorder and rng.random() < 0.5:
        reason = "mental_health"
    else:
        reason = rng.choice(
            (
                "behaviour",
                "family_conflict",
                "school_attendance",
                "parenting",
                "domestic_abuse",
                "substance_misuse",
                "other",
            )
        )
    lead = rng.choice(("school", "school", "la", "health", "voluntary", "other"))
    child.early_help.append(EarlyHelp(start, end, reason, lead))
