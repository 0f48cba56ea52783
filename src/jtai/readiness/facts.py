"""The facts every measure and the needs analysis read, gathered in one DuckDB session.

    gather_facts(tables, definition, as_of) -> Facts

The session runs the cohort's first steps (`assigned`, `rec`, `child`, `child_age`, `sdq_latest`,
`indicator_evidence`), so "as known on D" means exactly what it means for the cohort: nothing dated
after D, an end after D is no end, a record linkage did not assign is a child of its own. Dates
inside `attributes` (first contact, treatment start, youth justice referral) count only when on or
before D.
"""

# ruff: noqa: S608 -- SQL is built from a checked definition; every value is quoted by jtai.cohort.sql

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jtai.cohort import engine, sql, steps
from jtai.cohort.definition import Definition
from jtai.cohort.tables import CohortTables
from jtai.core.dates import months_before

CRISIS_CODES: dict[str, tuple[str, str]] = {  # measure code -> (event kind, event code)
    "crisis-ed-self-harm": ("health_event", "ed_self_harm"),
    "crisis-s136": ("police_event", "s136_detention"),
    "crisis-mh-admission": ("health_event", "mh_admission"),
}


@dataclass(frozen=True)
class CamhsReferral:
    child_key: str
    referral_date: date
    service: str
    source: str  # referral_source, lower case; "" when not given
    outcome: str  # accepted, rejected, signposted, pending...; "" when not given
    first_contact: date | None  # only when on or before D
    treatment_start: date | None
    discharged: date | None


@dataclass(frozen=True)
class CrisisEvent:
    child_key: str
    measure: str  # a key of CRISIS_CODES
    date: date


@dataclass(frozen=True)
class YouthJusticeCase:
    child_key: str
    start: date
    end: date | None
    mh_screen: str  # concern, no_concern, not_screened, "" when not given
    referred: bool  # an mh_referral_date on or before D


@dataclass(frozen=True)
class Facts:
    as_of: date
    year_start: date  # 12 months before D: the window of yearly measures (both ends)
    camhs: tuple[CamhsReferral, ...]  # every referral to a CAMHS service up to D
    crises: tuple[CrisisEvent, ...]  # crisis events dated in the 12 months up to D
    yjs: tuple[YouthJusticeCase, ...]  # cases open at any time in the 12 months up to D
    sdq: dict[str, int | None]  # child -> score in the latest OC2 loaded (None: no score)
    ages: dict[str, tuple[int, str | None]]  # child -> (age on D, sex)
    identified: frozenset[str]  # children with any mental health indicator (cohort rules)


def _attr(name: str, alias: str = "r") -> str:
    return f"json_extract_string({alias}.attributes, '$.{name}')"


def _date_attr(name: str, as_of: date) -> str:
    value = f"TRY_CAST({_attr(name)} AS DATE)"
    return f"CASE WHEN {value} <= {sql.day(as_of)} THEN {value} END"


def gather_facts(tables: CohortTables, definition: Definition, as_of: date) -> Facts:
    """Everything the measures and the needs analysis read, as known on `as_of`."""
    year_start = months_before(as_of, 12)
    plan = [
        steps.assigned(),
        steps.rec(definition, as_of),
        steps.child(),
        steps.child_age(as_of),
        steps.sdq_latest(),
        steps.indicator_evidence(definition, as_of),
    ]
    services = sql.texts(definition.lists.camhs_services)
    first, start = sql.day(year_start), sql.day(as_of)
    crisis_match = " OR ".join(
        f"(r.kind = {sql.text(kind)} AND lower(trim(r.code)) = {sql.text(code)})"
        for kind, code in CRISIS_CODES.values()
    )
    with engine.session(tables, plan, as_of) as con:
        camhs = engine.fetch(
            con,
            f"""SELECT r.child_key, r.start_date, lower(trim(r.code)) AS service,
  coalesce(lower(trim({_attr("referral_source")})), '') AS source,
  coalesce(lower(trim({_attr("outcome")})), '') AS outcome,
  {_date_attr("first_contact_date", as_of)} AS first_contact,
  {_date_attr("treatment_start_date", as_of)} AS treatment_start, r.end_date
FROM rec r WHERE r.kind = 'health_referral' AND lower(trim(r.code)) IN {services}
  AND r.start_date IS NOT NULL
ORDER BY r.start_date, r.child_key, r.record_id""",
        )
        crises = engine.fetch(
            con,
            f"""SELECT r.child_key, r.kind, lower(trim(r.code)) AS code, r.start_date FROM rec r
WHERE ({crisis_match}) AND r.start_date BETWEEN {first} AND {start}
ORDER BY r.start_date, r.child_key""",
        )
        yjs = engine.fetch(
            con,
            f"""SELECT r.child_key, r.start_date, r.end_date,
  coalesce(lower(trim({_attr("mh_screen")})), '') AS screen,
  {_date_attr("mh_referral_date", as_of)} IS NOT NULL AS referred
FROM rec r WHERE r.kind = 'yjs_case' AND r.start_date IS NOT NULL
  AND (r.end_date IS NULL OR r.end_date >= {first})
ORDER BY r.start_date, r.child_key""",
        )
        sdq = engine.fetch(con, "SELECT child_key, score FROM sdq_latest")
        ages = engine.fetch(
            con, "SELECT c.child_key, a.age, c.sex FROM child c JOIN child_age a USING (child_key)"
        )
        identified = engine.fetch(con, "SELECT DISTINCT child_key FROM indicator_evidence")
    by_code = {value: key for key, value in CRISIS_CODES.items()}
    return Facts(
        as_of=as_of,
        year_start=year_start,
        camhs=tuple(
            CamhsReferral(
                r["child_key"],
                r["start_date"],
                r["service"],
                r["source"],
                r["outcome"],
                r["first_contact"],
                r["treatment_start"],
                r["end_date"],
            )
            for r in camhs
        ),
        crises=tuple(
            CrisisEvent(r["child_key"], by_code[(r["kind"], r["code"])], r["start_date"])
            for r in crises
        ),
        yjs=tuple(
            YouthJusticeCase(
                r["child_key"], r["start_date"], r["end_date"], r["screen"], bool(r["referred"])
            )
            for r in yjs
        ),
        sdq={r["child_key"]: r["score"] for r in sdq},
        ages={r["child_key"]: (int(r["age"]), r["sex"]) for r in ages},
        identified=frozenset(r["child_key"] for r in identified),
    )
