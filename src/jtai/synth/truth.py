"""The ground truth: which records are the same child, and who is in the deep-dive cohort.

This is the independent oracle for the product's linkage and cohort code, so it shares nothing with
them: it reads the simulated histories directly (true identity, so no linkage is needed) and applies
the default rules of cohort-rules.md sections 1-5 with the precise readings of section 9, counting
only what the extracts show on the as-of date (an assessment's factors once it is authorised, a
referral's outcome once decided, the latest return's OC2 score).
"""

from __future__ import annotations

from datetime import date

from jtai.core.dates import age_on, months_before
from jtai.synth.model import Child, end_as_of, known_by, oc2_entry

COHORT_COLUMNS = ("la_child_id", "legal_status", "mh_category", "at_risk", "indicators")
PERSONS_COLUMNS = ("source", "person_id", "child_uid")
DIAGNOSED = frozenset({"icd10_f_diagnosis"})
LIVING_WITH = frozenset(
    {
        "camhs_accepted",
        "mh_admission",
        "ed_self_harm",
        "ed_mental_health",
        "cin_factor_4a",
        "cin_factor_15a",
        "sdq_concern",
        "sen_semh",
        "s136_detention",
    }
)
RISK_FACTORS = frozenset(
    {
        "3A",
        "3B",
        "3C",
        "10A",
        "11A",
        "12A",
        "13A",
        "16A",
        "17A",
        "18B",
        "18C",
        "19B",
        "19C",
        "22A",
        "23A",
        "24A",
    }
)
RISK_POLICE = frozenset(
    {"exploitation_concern", "missing_episode", "victim_of_crime", "domestic_abuse_household"}
)


class Window:
    """The lookback: 24 months before the as-of date, both ends included."""

    def __init__(self, as_of: date) -> None:
        self.as_of = as_of
        self.first = months_before(as_of, 24)

    def holds(self, day: date | None) -> bool:
        return day is not None and self.first <= day <= self.as_of

    def open_during(self, start: date, end: date | None) -> bool:
        """Starts by the as-of date and has no end, or ends after the lookback's first day."""
        shown = end_as_of(end, self.as_of)
        return start <= self.as_of and (shown is None or shown > self.first)


def legal_status(child: Child, as_of: date) -> str:
    """CLA, CP or CIN on the as-of date (first that applies), or '' for none."""
    for e in child.episodes:
        if (
            e.start <= as_of
            and end_as_of(e.end, as_of) is None
            and e.legal_status not in ("V3", "V4")
        ):
            return "CLA"
    referrals = [r for r in child.referrals if r.date <= as_of]
    for r in referrals:
        if any(p.start <= as_of and end_as_of(p.end, as_of) is None for p in r.cp_plans):
            return "CP"
    for r in referrals:
        if any(p.start <= as_of and end_as_of(p.end, as_of) is None for p in r.cin_plans):
            return "CIN"
    return ""


def _authorised_factors(child: Child, window: Window) -> set[str]:
    """Factors of assessments started in the lookback; they are only recorded once authorised."""
    found: set[str] = set()
    for r in child.referrals:
        for a in r.assessments:
            if window.holds(a.start) and known_by(a.authorised, window.as_of):
                found.update(a.factors)
    return found


def indicators(child: Child, as_of: date) -> list[str]:
    w = Window(as_of)
    found: set[str] = set()
    _health(child, w, found)
    factors = _authorised_factors(child, w)
    if "4A" in factors:
        found.add("cin_factor_4a")
    if "15A" in factors:
        found.add("cin_factor_15a")
    entry = oc2_entry(child, as_of)
    score = entry[1] if entry else None
    if score is not None and score >= 17:
        found.add("sdq_concern")
    elif score is not None and 14 <= score <= 16:
        found.add("sdq_borderline")
    _school(child, w, found)
    for e in child.police_events:
        if w.holds(e.date):
            if e.kind == "s136_detention":
                found.add("s136_detention")
            elif e.mh_flag == "Y":
                found.add("police_mh_flag")
    for case in child.yjs_cases:
        if case.screen == "concern" and w.open_during(case.start, case.end):
            found.add("yjs_mh_concern")
    for eh in child.early_help:
        if eh.reason == "mental_health" and w.open_during(eh.start, eh.end):
            found.add("early_help_mh")
    return sorted(found)


def _health(child: Child, w: Window, found: set[str]) -> None:
    for r in child.health_referrals:
        if r.date > w.as_of:
            continue
        if r.diagnosis_as_of(w.as_of).strip().upper().startswith("F"):
            found.add("icd10_f_diagnosis")  # any date up to the as-of date
        if not w.holds(r.date):
            continue
        outcome = r.outcome_as_of(w.as_of)
        if outcome == "accepted" and r.service != "mhst":
            found.add("camhs_accepted")
        if outcome in ("rejected", "signposted", "pending") or r.service == "mhst":
            found.add("camhs_not_accepted")
    kinds = {
        "mh_admission": "mh_admission",
        "ed_self_harm": "ed_self_harm",
        "ed_mental_health": "ed_mental_health",
        "gp_mental_health_concern": "health_concern",
        "school_nurse_concern": "health_concern",
    }
    for e in child.health_events:
        if w.holds(e.date) and e.kind in kinds:
            found.add(kinds[e.kind])


def _school(child: Child, w: Window, found: set[str]) -> None:
    school = child.school
    if school is None or school.entry > w.as_of:
        return  # not in the schools' extracts at all
    on_roll = school.leaving is None or school.leaving > w.as_of
    if on_roll and school.sen_need == "SEMH" and school.sen_provision in ("K", "E"):
        found.add("sen_semh")
    for e in child.school_events:
        if w.holds(e.date) and (e.mh_flag == "Y" or e.kind in ("referral_mhst", "referral_camhs")):
            found.add("school_mh_concern")


def category(names: list[str]) -> str:
    if DIAGNOSED.intersection(names):
        return "diagnosed"
    if LIVING_WITH.intersection(names):
        return "living_with"
    return "early_signs" if names else ""


def at_risk(child: Child, as_of: date, status: str) -> bool:
    w = Window(as_of)
    if status == "CP":
        return True
    for r in child.referrals:
        if any(w.holds(p.start) for p in r.cp_plans) or any(w.holds(s.start) for s in r.section47s):
            return True
    if RISK_FACTORS.intersection(_authorised_factors(child, w)):
        return True
    if status == "CLA":
        for e in child.episodes:
            open_on = e.start <= as_of and end_as_of(e.end, as_of) is None
            if open_on and e.legal_status not in ("V3", "V4") and e.need_code == "N1":
                return True
    if any(w.holds(e.date) and e.kind in RISK_POLICE for e in child.police_events):
        return True
    written_903 = any(e.start <= as_of for e in child.episodes)
    return written_903 and any(w.holds(m.start) for m in child.missing)


def cohort_row(child: Child, as_of: date) -> list[str] | None:
    """The child's row in the deep-dive cohort export, or None if not in the cohort."""
    if not child.la_child_id or not 10 <= age_on(child.dob, as_of) <= 15:
        return None
    status = legal_status(child, as_of)
    if not status:
        return None
    names = indicators(child, as_of)
    if not names:
        return None
    risk = "Y" if at_risk(child, as_of, status) else "N"
    return [child.la_child_id, status, category(names), risk, ";".join(names)]
