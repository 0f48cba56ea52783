"""A case pack for one chosen child: what an auditor needs to start the audit, and no more.

    case_pack(tables, child, *, as_of, lookback_start, camhs_services, role, reason) -> CasePack

Built from the child's records only (`tables` may hold just this child's cluster). Data
minimisation is deliberate: each agency's record id (so the auditor can find the file in their own
system), the child's age (not the date of birth), legal status and why the child is in scope. No
name, date of birth, postcode, NHS number, UPN or ethnicity: docs/reference/sampling.md says why.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from jtai.cohort import CohortChild, CohortTables, Entry, Evidence, chronology
from jtai.core.canonical import AGENCY_OF_SOURCE, Source

PLAN_KINDS = ("cin_plan", "cp_plan", "cla", "early_help", "yjs_case")


@dataclass(frozen=True)
class Identity:
    """One agency's record of the child: which file, and its own id for the child."""

    agency: str
    source: str
    record_id: str


@dataclass(frozen=True)
class AgencyInvolvement:
    agency: str
    contacts: int  # records dated in the period
    first: date | None
    last: date | None


@dataclass(frozen=True)
class Referral:
    service: str
    referred: date | None
    outcome: str | None
    first_contact: date | None
    days_waiting: int | None  # to first contact, or to D while still waiting; None if not accepted


@dataclass(frozen=True)
class CasePack:
    child_key: str
    la_child_id: str
    role: str
    reason: str
    as_of: date
    period_start: date
    age: int
    legal_status: str
    mh_category: str
    at_risk: bool
    identities: tuple[Identity, ...]
    evidence: tuple[Evidence, ...]  # indicators, then at-risk reasons
    at_risk_reasons: tuple[Evidence, ...]
    agencies: tuple[AgencyInvolvement, ...]
    open_plans: tuple[Entry, ...]
    latest_sdq: int | None
    sdq_reason: str | None
    referrals: tuple[Referral, ...]
    chronology: tuple[Entry, ...]  # the period, newest first; undated records last


def _in_period(entry: Entry, start: date) -> bool:
    if entry.date is None or entry.date >= start:
        return True
    return entry.end_date is None or entry.end_date >= start


def _is_open(entry: Entry, as_of: date) -> bool:
    started = entry.date is not None and entry.date <= as_of
    return started and (entry.end_date is None or entry.end_date > as_of)


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


def _records(tables: CohortTables, child_key: str) -> set[tuple[str, str]]:
    return {
        (row["source"], row["person_id"])
        for row in tables.assignments.to_pylist()
        if row["child_key"] == child_key
    }


def identities(tables: CohortTables, child_key: str) -> tuple[Identity, ...]:
    mine = _records(tables, child_key)
    found = {
        Identity(str(AGENCY_OF_SOURCE.get(Source(src), "")), src, pid)
        for src, pid in ((r["source"], r["person_id"]) for r in tables.persons.to_pylist())
        if (src, pid) in mine
    }
    return tuple(sorted(found, key=lambda i: (i.agency, i.source, i.record_id)))


def referrals(
    tables: CohortTables, child_key: str, *, as_of: date, services: tuple[str, ...]
) -> tuple[Referral, ...]:
    """Every referral to a CAMHS service up to D, newest first, with its wait."""
    mine = _records(tables, child_key)
    found = []
    for row in tables.events.to_pylist():
        if row["kind"] != "health_referral" or (row["source"], row["person_id"]) not in mine:
            continue
        service = (row["code"] or "").strip().lower()
        referred = row["start_date"]
        if service not in services or referred is None or referred > as_of:
            continue
        attributes = json.loads(row["attributes"]) if row["attributes"] else {}
        outcome = (attributes.get("outcome") or "").lower() or None
        seen = _day(attributes.get("first_contact_date"))
        seen = seen if seen is not None and seen <= as_of else None
        waiting = (seen or as_of) - referred if outcome in ("accepted", "pending") else None
        found.append(Referral(service, referred, outcome, seen, waiting.days if waiting else None))
    return tuple(sorted(found, key=lambda r: r.referred or date.min, reverse=True))


def case_pack(
    tables: CohortTables,
    child: CohortChild,
    *,
    as_of: date,
    lookback_start: date,
    camhs_services: tuple[str, ...],
    role: str,
    reason: str,
) -> CasePack:
    entries = [
        e for e in chronology(tables, child.child_key, as_of=as_of) if _in_period(e, lookback_start)
    ]
    by_agency: dict[str, list[date]] = defaultdict(list)
    for entry in entries:
        if entry.agency and entry.date is not None and entry.date >= lookback_start:
            by_agency[entry.agency].append(entry.date)
    involvement = tuple(
        AgencyInvolvement(agency, len(days), min(days, default=None), max(days, default=None))
        for agency, days in sorted(
            {a: by_agency.get(a, []) for a in {*by_agency, *child.agencies}}.items()
        )
    )
    return CasePack(
        child_key=child.child_key,
        la_child_id=child.la_child_id,
        role=role,
        reason=reason,
        as_of=as_of,
        period_start=lookback_start,
        age=child.age,
        legal_status=child.legal_status,
        mh_category=child.mh_category,
        at_risk=child.at_risk,
        identities=identities(tables, child.child_key),
        evidence=child.indicators,
        at_risk_reasons=child.at_risk_reasons,
        agencies=involvement,
        open_plans=tuple(e for e in entries if e.kind in PLAN_KINDS and _is_open(e, as_of)),
        latest_sdq=child.latest_sdq,
        sdq_reason=child.sdq_reason,
        referrals=referrals(tables, child.child_key, as_of=as_of, services=camhs_services),
        chronology=tuple(entries),
    )
