"""Find the children inspectors will ask about: the deep-dive cohort (cohort-rules.md sections 1-5).

    select_cohort(tables, definition, as_of) -> CohortResult

Every child carries its explanation: the record behind its legal status, each indicator and each
at-risk reason with source, record id, row reference, agency and date.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from jtai.cohort import engine, steps
from jtai.cohort.definition import Definition
from jtai.cohort.tables import CohortTables


@dataclass(frozen=True)
class SourceRecord:
    """Where a fact came from."""

    source: str
    record_id: str
    row_ref: str | None
    date: date | None


@dataclass(frozen=True)
class Evidence:
    """One indicator or at-risk reason, with the record that raised it."""

    name: str
    category: str | None  # the indicator's category; None for at-risk reasons
    kind: str
    source: str
    record_id: str
    row_ref: str | None
    agency: str | None
    date: date | None  # None for an SDQ (OC2 carries no date)


@dataclass(frozen=True)
class CohortChild:
    """One child in the deep-dive cohort, with what the inspection lists show about them."""

    la_child_id: str
    child_key: str
    age: int
    dob: date | None
    sex: str | None
    ethnicity: str | None
    forename: str | None
    surname: str | None
    legal_status: str
    legal_status_record: SourceRecord
    mh_category: str
    at_risk: bool
    at_risk_reasons: tuple[Evidence, ...]
    indicators: tuple[Evidence, ...]
    agencies: tuple[str, ...]
    latest_sdq: int | None
    sdq_reason: str | None
    camhs_status: str | None  # None: no referral to a CAMHS service up to D
    camhs_referral_date: date | None
    camhs_days_waiting: int | None

    @property
    def indicator_names(self) -> tuple[str, ...]:
        return tuple(sorted({e.name for e in self.indicators}))


@dataclass(frozen=True)
class CohortResult:
    definition_name: str
    definition_version: str
    as_of: date
    lookback_start: date
    children: tuple[CohortChild, ...]  # sorted by la_child_id
    sql: str  # every step, as run

    def by_key(self) -> dict[str, CohortChild]:
        return {c.child_key: c for c in self.children}


def select_cohort(tables: CohortTables, definition: Definition, as_of: date) -> CohortResult:
    """The deep-dive cohort on `as_of` under `definition`."""
    plan = steps.cohort_steps(definition, as_of)
    with engine.session(tables, plan, as_of) as con:
        children = _children(con, as_of)
    return CohortResult(
        definition_name=definition.name,
        definition_version=definition.version,
        as_of=as_of,
        lookback_start=steps.lookback_start(definition, as_of),
        children=tuple(children),
        sql=engine.explain(plan),
    )


_EVIDENCE = """SELECT e.* FROM {table} e JOIN cohort c USING (child_key)
ORDER BY e.child_key, e.name, e.date DESC NULLS LAST, e.source_rank, e.record_id, e.row_ref"""


def _evidence(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, list[Evidence]]:
    found: dict[str, list[Evidence]] = defaultdict(list)
    for row in engine.fetch(con, _EVIDENCE.format(table=table)):
        found[row["child_key"]].append(
            Evidence(
                name=row["name"],
                category=row.get("category"),
                kind=row["kind"],
                source=row["source"],
                record_id=row["record_id"],
                row_ref=row["row_ref"],
                agency=row["agency"],
                date=row["date"],
            )
        )
    return found


_CHILDREN = """SELECT c.*, s.score AS sdq_score, s.reason AS sdq_reason,
  m.referral_date AS camhs_date, m.outcome AS camhs_outcome, m.first_contact, m.treatment_start,
  m.discharged
FROM cohort c LEFT JOIN sdq_latest s USING (child_key) LEFT JOIN camhs_latest m USING (child_key)
ORDER BY c.la_child_id, c.child_key"""


def _children(con: duckdb.DuckDBPyConnection, as_of: date) -> list[CohortChild]:
    indicators = _evidence(con, "indicator_evidence")
    reasons = _evidence(con, "risk_evidence")
    children = []
    for row in engine.fetch(con, _CHILDREN):
        key = row["child_key"]
        status, waiting = camhs_status(row, as_of)
        children.append(
            CohortChild(
                la_child_id=row["la_child_id"],
                child_key=key,
                age=row["age"],
                dob=row["dob"],
                sex=row["sex"],
                ethnicity=row["ethnicity"],
                forename=row["forename"],
                surname=row["surname"],
                legal_status=row["legal_status"],
                legal_status_record=SourceRecord(
                    row["status_source"],
                    row["status_record_id"],
                    row["status_row_ref"],
                    row["status_date"],
                ),
                mh_category=row["mh_category"],
                at_risk=bool(row["at_risk"]),
                at_risk_reasons=tuple(reasons.get(key, [])),
                indicators=tuple(indicators.get(key, [])),
                agencies=tuple(row["agencies"] or ()),
                latest_sdq=row["sdq_score"],
                sdq_reason=row["sdq_reason"],
                camhs_status=status,
                camhs_referral_date=row["camhs_date"],
                camhs_days_waiting=waiting,
            )
        )
    return children


def camhs_status(row: dict[str, Any], as_of: date) -> tuple[str | None, int | None]:
    """Status of the latest CAMHS referral on D, and days waited to first contact (or to D).

    Waiting counts only for referrals accepted or not yet decided; a rejected or signposted
    referral has no wait.
    """
    outcome, referred = row.get("camhs_outcome"), row.get("camhs_date")
    if referred is None:
        return None, None
    if outcome == "accepted":
        if row.get("discharged") is not None:
            status = "discharged"
        elif row.get("treatment_start") is not None:
            status = "in_treatment"
        elif row.get("first_contact") is not None:
            status = "seen"
        else:
            status = "waiting"
    else:
        status = outcome or "unknown"
    if outcome not in ("accepted", "pending"):
        return status, None
    seen = row.get("first_contact")
    return status, ((seen or as_of) - referred).days
