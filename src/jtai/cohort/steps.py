"""The cohort as named SQL steps, one table each, run in order by `jtai.cohort.engine`.

Inputs registered by the engine: `events` (canonical columns plus `load_seq` and `ordinal`),
`persons` and `assignments`. Every step reads only earlier steps, so `explain()` prints a script
that runs as it reads. Section numbers refer to cohort-rules.md.
"""

# ruff: noqa: S608 -- SQL is built from a checked definition; every value is quoted by jtai.cohort.sql

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jtai.cohort import sql
from jtai.cohort.definition import Definition
from jtai.cohort.tables import LA_SOURCES
from jtai.core.canonical import AGENCY_OF_SOURCE, Source
from jtai.core.dates import months_before

# Which source's identity wins for one child: the statutory returns, then the LA's persons file,
# then partners (police last: their records carry the most recording noise).
IDENTITY_ORDER: tuple[str, ...] = (
    Source.CIN_CENSUS,
    Source.SSDA903,
    Source.ANNEX_A,
    Source.LA_PERSONS,
    Source.HEALTH_REFERRALS,
    Source.HEALTH_EVENTS,
    Source.SCHOOL_PUPILS,
    Source.SCHOOL_EVENTS,
    Source.YJS_CASES,
    Source.EARLY_HELP,
    Source.POLICE_EVENTS,
)
NAME_ORDER: tuple[str, ...] = (Source.LA_PERSONS, *IDENTITY_ORDER)


@dataclass(frozen=True)
class Step:
    """One named SQL step: `CREATE TEMP TABLE <name> AS <sql>`."""

    name: str
    sql: str
    in_python: bool = False  # computed by the engine in Python; `sql` then only describes it

    def statement(self) -> str:
        if self.in_python:
            return f"-- {self.name}: {self.sql}"
        return f"CREATE OR REPLACE TEMP TABLE {self.name} AS\n{self.sql}"


def _rank(column: str, order: tuple[str, ...]) -> str:
    whens = " ".join(f"WHEN {sql.text(s)} THEN {i}" for i, s in enumerate(order))
    return f"CASE {column} {whens} ELSE {len(order)} END"


def _agency(column: str) -> str:
    whens = " ".join(f"WHEN {sql.text(s)} THEN {sql.text(a)}" for s, a in AGENCY_OF_SOURCE.items())
    return f"CASE {column} {whens} END"


def assigned() -> Step:
    """Linkage's answer, one row per record (a record given two children keeps the first key)."""
    return Step(
        "assigned",
        """SELECT source, person_id, min(child_key) AS child_key, min(la_child_id) AS la_child_id
FROM assignments GROUP BY source, person_id""",
    )


def rec(definition: Definition, as_of: date) -> Step:
    """Every event as known on D: nothing dated after D; an end after D is no end (section 9).

    A record linkage did not assign is its own child (`source:person_id`).
    """
    la = ", ".join(sql.text(s) for s in LA_SOURCES)
    return Step(
        "rec",
        f"""SELECT coalesce(a.child_key, e.source || ':' || e.person_id) AS child_key,
  coalesce(a.la_child_id, CASE WHEN e.source IN ({la}) THEN e.person_id END) AS la_child_id,
  e.source, e.record_id, e.person_id, e.kind, e.code, e.start_date,
  CASE WHEN e.end_date <= {sql.day(as_of)} THEN e.end_date END AS end_date,
  e.attributes, e.row_ref, e.load_seq, e.ordinal,
  {_rank("e.source", definition.source_preference)} AS source_rank,
  {_agency("e.source")} AS agency
FROM events e LEFT JOIN assigned a ON a.source = e.source AND a.person_id = e.person_id
WHERE e.start_date IS NULL OR e.start_date <= {sql.day(as_of)}""",
    )


def child(among: str | None = None) -> Step:
    """One row per child: LA child id, and the best identity any of its records gives.

    `among`: an earlier step's table; only the children (`child_key`) it names get a row. The
    cohort, the front door and the lists show only children with an indicator, so they need no
    identity for the area's other children.
    """
    order = _rank("p.source", IDENTITY_ORDER)
    names = _rank("p.source", NAME_ORDER)
    only = f"\n  WHERE child_key IN (SELECT child_key FROM {among})" if among else ""
    start, end = ("(SELECT * FROM (", f"){only})") if among else ("(", ")")
    return Step(
        "child",
        f"""WITH p AS {start}
  SELECT coalesce(a.child_key, p.source || ':' || p.person_id) AS child_key,
    coalesce(a.la_child_id, CASE WHEN p.source IN ({", ".join(map(sql.text, LA_SOURCES))})
      THEN p.person_id END) AS la_child_id,
    p.source, p.dob, p.sex, p.ethnicity, p.forename, p.surname,
    {order} AS id_rank, {names} AS name_rank
  FROM persons p LEFT JOIN assigned a ON a.source = p.source AND a.person_id = p.person_id
{end}, ident AS (
  SELECT child_key,
    arg_min(dob, id_rank) FILTER (WHERE dob IS NOT NULL) AS dob,
    arg_min(sex, id_rank) FILTER (WHERE sex IS NOT NULL) AS sex,
    arg_min(ethnicity, id_rank) FILTER (WHERE ethnicity IS NOT NULL) AS ethnicity,
    arg_min(forename, name_rank) FILTER (WHERE forename IS NOT NULL) AS forename,
    arg_min(surname, name_rank) FILTER (WHERE surname IS NOT NULL) AS surname
  FROM p GROUP BY child_key
), keys AS (
  SELECT child_key, min(la_child_id) AS la_child_id,
    list_sort(list_distinct(list({_agency("source")}))) AS agencies
  FROM (SELECT child_key, la_child_id, source FROM p
        UNION ALL SELECT child_key, la_child_id, source FROM rec{only})
  GROUP BY child_key
)
SELECT k.*, i.* EXCLUDE (child_key) FROM keys k LEFT JOIN ident i USING (child_key)""",
    )


def child_age(as_of: date) -> Step:
    """Each child's age on D by the birthday rule (jtai.core.dates.age_on), computed in Python."""
    return Step("child_age", f"age_on(child.dob, {as_of.isoformat()}) for every child", True)


def sdq_latest() -> Step:
    """Each child's row in the most recent OC2 loaded (highest load_seq, then last row)."""
    return Step(
        "sdq_latest",
        """SELECT child_key, source, record_id, row_ref, agency, source_rank, kind, code, end_date,
  attributes, TRY_CAST(json_extract_string(attributes, '$.sdq_score') AS INTEGER) AS score,
  nullif(trim(json_extract_string(attributes, '$.sdq_reason')), '') AS reason
FROM rec WHERE kind = 'oc2'
QUALIFY row_number() OVER (PARTITION BY child_key ORDER BY load_seq DESC, ordinal DESC) = 1""",
    )


def _evidence_select(name: str, extra: str = "") -> str:
    return (
        f"SELECT r.child_key, {sql.text(name)} AS name{extra}, r.kind, r.source, r.record_id, "
        "r.row_ref, r.agency, r.source_rank, r.start_date AS date, r.code, r.end_date, r.attributes"
    )


def _dedupe(definition: Definition) -> str:
    """The same fact from two LA sources (same child, name, kind and date) is listed once.

    Ties (one record id on two rows of a file) go to the first row reference, so the choice
    does not depend on the order DuckDB's threads happen to read rows in.
    """
    shared = len(definition.source_preference)
    return (
        "QUALIFY row_number() OVER (PARTITION BY child_key, name, kind, date, "
        f"CASE WHEN source_rank < {shared} THEN '' ELSE source || '/' || record_id END "
        "ORDER BY source_rank, record_id, row_ref) = 1"
    )


def indicator_evidence(definition: Definition, as_of: date) -> Step:
    """Section 3: every record that raises an indicator, for every child (not only the cohort)."""
    parts = []
    for ind in definition.indicators:
        extra = f", {sql.text(ind.category)} AS category"
        if ind.rule is not None:
            where = sql.rule_where(ind.rule, as_of, definition.lookback_months)
            parts.append(f"{_evidence_select(ind.name, extra)}\nFROM rec r\nWHERE {where}")
            continue
        band = ["r.score IS NOT NULL"]
        if ind.sdq_min is not None:
            band.append(f"r.score >= {ind.sdq_min}")
        if ind.sdq_max is not None:
            band.append(f"r.score <= {ind.sdq_max}")
        select = _evidence_select(ind.name, extra).replace("r.start_date", "NULL::DATE")
        parts.append(f"{select}\nFROM sdq_latest r\nWHERE {' AND '.join(band)}")
    union = "\nUNION ALL\n".join(parts)
    return Step("indicator_evidence", f"SELECT * FROM (\n{union}\n)\n{_dedupe(definition)}")


def legal_candidates(definition: Definition, as_of: date) -> Step:
    """Section 2: plans and periods that could give a legal status, one per fact.

    The same fact in two sources (same child, status and start date) is kept once: the version
    with the most recent activity (its end, else its start) wins, then `source_preference`.
    """
    parts = []
    for precedence, rule in enumerate(definition.legal_status):
        for records in rule.records:
            parts.append(
                f"SELECT r.child_key, {sql.text(rule.status)} AS status, {precedence} AS "
                "precedence, r.kind, r.code, r.attributes, r.source, r.record_id, r.row_ref, "
                "r.agency, r.source_rank, r.start_date, r.end_date, "
                "coalesce(r.end_date, r.start_date) AS activity\nFROM rec r\n"
                f"WHERE {sql.matches(records)}\n  AND r.start_date <= {sql.day(as_of)}"
            )
    union = "\nUNION ALL\n".join(parts)
    return Step(
        "legal_candidates",
        f"SELECT * FROM (\n{union}\n)\nQUALIFY row_number() OVER (PARTITION BY child_key, status, "
        "start_date ORDER BY activity DESC, source_rank, record_id, row_ref) = 1",
    )


def legal_status() -> Step:
    """One status per child: the first in precedence with a fact open at D (latest start shown)."""
    return Step(
        "legal_status",
        """SELECT * FROM legal_candidates WHERE end_date IS NULL
QUALIFY row_number() OVER (PARTITION BY child_key
  ORDER BY precedence, start_date DESC, source_rank, record_id, row_ref) = 1""",
    )


def risk_evidence(definition: Definition, as_of: date, among: str | None = None) -> Step:
    """Section 4: every reason for at_risk = Y, with its record.

    `among`: an earlier step's table; only its children's reasons are kept (the cohort asks only
    about children with a legal status).
    """
    parts = []
    for reason in definition.at_risk:
        if reason.rule is not None:
            where = sql.rule_where(reason.rule, as_of, definition.lookback_months)
            parts.append(f"{_evidence_select(reason.name)}\nFROM rec r\nWHERE {where}")
        else:
            statuses = ", ".join(sql.text(s) for s in reason.legal_status)
            parts.append(
                f"{_evidence_select(reason.name)}\nFROM legal_status r\n"
                f"WHERE r.status IN ({statuses})"
            )
    union = "\nUNION ALL\n".join(parts)
    only = f"\nWHERE child_key IN (SELECT child_key FROM {among})" if among else ""
    return Step("risk_evidence", f"SELECT * FROM (\n{union}\n){only}\n{_dedupe(definition)}")


def cohort(definition: Definition, as_of: date) -> Step:
    """Section 5: aged in the band on D, with a legal status, with a mental health category.

    Reads `child_age`, which the engine computes in Python after the `child` step.
    """
    ranks = " ".join(
        f"WHEN {sql.text(i.name)} THEN {definition.categories.index(i.category)}"
        for i in definition.indicators
    )
    cats = "[" + ", ".join(sql.text(c) for c in definition.categories) + "]"
    return Step(
        "cohort",
        f"""WITH cat AS (
  SELECT child_key, min(CASE name {ranks} END) AS rank FROM indicator_evidence GROUP BY child_key
)
SELECT c.*, g.age, s.status AS legal_status,
  s.source AS status_source, s.record_id AS status_record_id, s.row_ref AS status_row_ref,
  s.start_date AS status_date, {cats}[cat.rank + 1] AS mh_category,
  EXISTS (SELECT 1 FROM risk_evidence x WHERE x.child_key = c.child_key) AS at_risk
FROM child c JOIN child_age g USING (child_key) JOIN legal_status s USING (child_key)
JOIN cat USING (child_key)
WHERE g.age BETWEEN {definition.age_min} AND {definition.age_max}""",
    )


def camhs_latest(definition: Definition, as_of: date) -> Step:
    """Each child's most recent referral to a CAMHS service up to D, for status and wait."""
    services = sql.texts(definition.lists.camhs_services)
    first = "TRY_CAST(json_extract_string(r.attributes, '$.first_contact_date') AS DATE)"
    treat = "TRY_CAST(json_extract_string(r.attributes, '$.treatment_start_date') AS DATE)"
    d = sql.day(as_of)
    return Step(
        "camhs_latest",
        f"""SELECT r.child_key, r.start_date AS referral_date, r.code AS service,
  lower(json_extract_string(r.attributes, '$.outcome')) AS outcome,
  CASE WHEN {first} <= {d} THEN {first} END AS first_contact,
  CASE WHEN {treat} <= {d} THEN {treat} END AS treatment_start, r.end_date AS discharged
FROM rec r
WHERE r.kind = 'health_referral' AND lower(trim(r.code)) IN {services} AND r.start_date <= {d}
QUALIFY row_number() OVER (PARTITION BY r.child_key
  ORDER BY r.start_date DESC, r.record_id, r.row_ref) = 1""",
    )


def shared_steps(definition: Definition, as_of: date) -> list[Step]:
    """The steps the cohort, the front door and the lists all read, in the order they run.

    Identity (`child`) is found only for children with an indicator: nothing else is shown.
    """
    return [
        assigned(),
        rec(definition, as_of),
        sdq_latest(),
        indicator_evidence(definition, as_of),
        child(among="indicator_evidence"),
        legal_candidates(definition, as_of),
        legal_status(),
    ]


def cohort_steps(definition: Definition, as_of: date) -> list[Step]:
    """Every step of the deep-dive cohort, in the order they run."""
    return [
        *shared_steps(definition, as_of),
        child_age(as_of),
        risk_evidence(definition, as_of, among="legal_status"),
        cohort(definition, as_of),
        camhs_latest(definition, as_of),
    ]


def lookback_start(definition: Definition, as_of: date) -> date:
    return months_before(as_of, definition.lookback_months)
