"""The front door list (cohort-rules.md section 6): contacts and referrals of concerned children.

    front_door(tables, definition, as_of) -> FrontDoorResult

Every contact and every referral dated inside the front door window (both ends) is one item, for a
child aged in the band on the item's own date who has any mental health indicator evaluated at D,
whatever the legal status. The same referral in the CIN census and Annex A is one item (the version
with the most recent activity). Decisions, as the returns record them:

- contact: `referred` when the child's next referral is on or after the contact date and before the
  child's next contact; else `no_referral`. Days to decision: contact date to that referral.
- referral: `nfa` when marked no further action (decision date: the referral's closure, if shown);
  else `assessment` when an assessment started on or after the referral and before the child's next
  referral (decision date: its start); else `closed` if the referral closed, else `open`.
  Days to decision: referral date to that decision date; days to assessment: referral date to the
  assessment's start.
- re-referral (referrals only): an earlier referral of the same child dated within
  `re_referral_months` before this one (both ends; same-day duplicates are one referral).
"""

# ruff: noqa: S608 -- SQL is built from a checked definition; every value is quoted by jtai.cohort.sql

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Any

from jtai.cohort import engine, sql, steps
from jtai.cohort.definition import Definition, RecordRule
from jtai.cohort.steps import Step
from jtai.cohort.tables import CohortTables
from jtai.core.dates import age_on, months_before


@dataclass(frozen=True)
class FrontDoorItem:
    child_key: str
    la_child_id: str | None
    item: str  # contact | referral
    source: str
    record_id: str
    row_ref: str | None
    date: dt.date
    code: str | None  # contact or referral source
    age: int
    dob: dt.date | None
    sex: str | None
    forename: str | None
    surname: str | None
    legal_status: str | None  # on D
    mh_category: str
    indicators: tuple[str, ...]
    decision: str
    decision_date: dt.date | None
    days_to_decision: int | None
    assessment_start: dt.date | None
    days_to_assessment: int | None
    re_referral: bool | None  # None for contacts


@dataclass(frozen=True)
class FrontDoorResult:
    definition_name: str
    definition_version: str
    as_of: dt.date
    window_start: dt.date
    items: tuple[FrontDoorItem, ...]  # by date, then la_child_id, contacts before referrals
    sql: str


def _facts(name: str, rules: tuple[RecordRule, ...], as_of: date) -> Step:
    """All records of these rules up to D; the same fact in two sources is kept once.

    A record is dropped only for a record of another source with the same child and date and more
    recent activity (then `source_preference`): two contacts on one day in one list stay two.
    """
    union = "\nUNION ALL\n".join(
        "SELECT r.*, coalesce(r.end_date, r.start_date) AS activity FROM rec r\n"
        f"WHERE {sql.matches(rule)}\n  AND r.start_date <= {sql.day(as_of)}"
        for rule in rules
    )
    return Step(
        name,
        f"""WITH u AS (\n{union}\n)
SELECT * FROM u x WHERE NOT EXISTS (
  SELECT 1 FROM u y WHERE y.child_key = x.child_key AND y.start_date = x.start_date
    AND y.source <> x.source AND (y.activity > x.activity
      OR (y.activity = x.activity AND y.source_rank < x.source_rank)))""",
    )


def items_step(first: date, as_of: date) -> Step:
    """Contacts and referrals in the window, with the next event that decides each."""
    d = sql.day(as_of)
    return Step(
        "fd_items",
        f"""WITH cat AS (
  SELECT child_key, list_sort(list_distinct(list(name))) AS indicators FROM indicator_evidence
  GROUP BY child_key
), c AS (
  SELECT x.*, lead(start_date) OVER (PARTITION BY child_key ORDER BY start_date) AS next_contact
  FROM fd_contacts x
), r AS (
  SELECT x.*, lead(start_date) OVER (PARTITION BY child_key ORDER BY start_date) AS next_referral,
    lag(start_date) OVER (PARTITION BY child_key ORDER BY start_date) AS previous_referral
  FROM fd_referrals x
), items AS (
  SELECT 'contact' AS item, c.child_key, c.source, c.record_id, c.row_ref, c.start_date AS date,
    c.code, NULL::BOOLEAN AS nfa, NULL::DATE AS closed, NULL::DATE AS previous_referral,
    (SELECT min(r.start_date) FROM fd_referrals r WHERE r.child_key = c.child_key
       AND r.start_date >= c.start_date
       AND (c.next_contact IS NULL OR r.start_date < c.next_contact)) AS decided,
    NULL::DATE AS assessment_start
  FROM c
  UNION ALL
  SELECT 'referral', r.child_key, r.source, r.record_id, r.row_ref, r.start_date, r.code,
    coalesce(json_extract_string(r.attributes, '$.referral_nfa') IN ('true', 'Y', '1'), false),
    r.end_date, r.previous_referral, NULL::DATE,
    (SELECT min(a.start_date) FROM fd_assessments a WHERE a.child_key = r.child_key
       AND a.start_date >= r.start_date
       AND (r.next_referral IS NULL OR a.start_date < r.next_referral))
  FROM r
)
SELECT i.*, h.la_child_id, h.dob, h.sex, h.forename, h.surname, cat.indicators,
  s.status AS legal_status
FROM items i JOIN cat USING (child_key) JOIN child h USING (child_key)
LEFT JOIN legal_status s USING (child_key)
WHERE i.date BETWEEN {sql.day(first)} AND {d}""",
    )


def front_door_steps(definition: Definition, as_of: date) -> list[Step]:
    door = definition.front_door
    first = months_before(as_of, door.window_months)
    return [
        *steps.shared_steps(definition, as_of),
        _facts("fd_contacts", door.contacts, as_of),
        _facts("fd_referrals", door.referrals, as_of),
        _facts("fd_assessments", door.assessments, as_of),
        items_step(first, as_of),
    ]


def front_door(tables: CohortTables, definition: Definition, as_of: date) -> FrontDoorResult:
    """The front door list on `as_of` under `definition`."""
    plan = front_door_steps(definition, as_of)
    with engine.session(tables, plan, as_of) as con:
        rows = engine.fetch(con, "SELECT * FROM fd_items")
    items = [item for row in rows if (item := _item(row, definition)) is not None]
    items.sort(key=lambda i: (i.date, i.la_child_id or "", i.child_key, i.item, i.record_id))
    return FrontDoorResult(
        definition_name=definition.name,
        definition_version=definition.version,
        as_of=as_of,
        window_start=months_before(as_of, definition.front_door.window_months),
        items=tuple(items),
        sql=engine.explain(plan),
    )


def _item(row: dict[str, Any], definition: Definition) -> FrontDoorItem | None:
    """One list item, or None when the child's age on the item's date is outside the band."""
    day: date = row["date"]
    if row["dob"] is None:
        return None
    age = age_on(row["dob"], day)
    if not definition.age_min <= age <= definition.age_max:
        return None
    indicators = tuple(row["indicators"])
    ranks = [definition.categories.index(definition.category_of(n)) for n in indicators]
    decision, decided, assessed, re_referral = _decision(row, definition)
    return FrontDoorItem(
        child_key=row["child_key"],
        la_child_id=row["la_child_id"],
        item=row["item"],
        source=row["source"],
        record_id=row["record_id"],
        row_ref=row["row_ref"],
        date=day,
        code=row["code"],
        age=age,
        dob=row["dob"],
        sex=row["sex"],
        forename=row["forename"],
        surname=row["surname"],
        legal_status=row["legal_status"],
        mh_category=definition.categories[min(ranks)],
        indicators=indicators,
        decision=decision,
        decision_date=decided,
        days_to_decision=None if decided is None else (decided - day).days,
        assessment_start=assessed,
        days_to_assessment=None if assessed is None else (assessed - day).days,
        re_referral=re_referral,
    )


def _decision(
    row: dict[str, Any], definition: Definition
) -> tuple[str, date | None, date | None, bool | None]:
    """(decision, decision date, assessment start, re-referral) for one item."""
    day: date = row["date"]
    if row["item"] == "contact":
        referred = row["decided"]
        return ("referred" if referred else "no_referral"), referred, None, None
    previous = row["previous_referral"]
    months = definition.front_door.re_referral_months
    re_referral = previous is not None and previous >= months_before(day, months)
    assessed = row["assessment_start"]
    if row["nfa"]:
        return "nfa", row["closed"], assessed, re_referral
    if assessed is not None:
        return "assessment", assessed, assessed, re_referral
    return ("closed" if row["closed"] else "open"), row["closed"], None, re_referral
