"""The record-level inspection lists 3 to 5 (cohort-rules.md section 8), from indicator evidence.

Each list is the evidence of some indicators (named in the definition's `lists`), so a partnership
that changes an indicator changes its list too:

3. CAMHS referrals not accepted in the lookback (`camhs_not_accepted`), children aged in the band
   on D and known to social care (any record from `known_to_social_care_sources` up to D).
4. Crisis events in the lookback (`crisis`: ED self-harm or mental health, s136, admission),
   children aged in the band on D.
5. Children known to youth justice with a mental health concern (`youth_justice`), any age: the
   youth justice age range (10-17) is wider than the band, and the list asks for every such child.
"""

# ruff: noqa: S608 -- SQL is built from a checked definition; every value is quoted by jtai.cohort.sql

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from jtai.cohort import engine, sql, steps
from jtai.cohort.definition import Definition
from jtai.cohort.tables import CohortTables


@dataclass(frozen=True)
class ListRow:
    """One record on an inspection list, with the child it belongs to."""

    indicator: str
    child_key: str
    la_child_id: str | None
    forename: str | None
    surname: str | None
    dob: date | None
    age: int | None
    sex: str | None
    legal_status: str | None
    source: str
    agency: str | None
    record_id: str
    row_ref: str | None
    kind: str
    code: str | None
    start_date: date | None
    end_date: date | None
    attributes: dict[str, Any]


@dataclass(frozen=True)
class InspectionLists:
    camhs_not_accepted: tuple[ListRow, ...]
    crisis: tuple[ListRow, ...]
    youth_justice: tuple[ListRow, ...]


def _query(
    definition: Definition, names: tuple[str, ...], *, in_band: bool, known_to_la: bool
) -> str:
    where = [f"e.name IN ({', '.join(sql.text(n) for n in names)})"]
    if in_band:
        where.append(f"g.age BETWEEN {definition.age_min} AND {definition.age_max}")
    if known_to_la:
        la = ", ".join(sql.text(s) for s in definition.lists.known_to_social_care_sources)
        where.append(
            f"EXISTS (SELECT 1 FROM rec k WHERE k.child_key = e.child_key AND k.source IN ({la}))"
        )
    return f"""SELECT e.name AS indicator, e.child_key, h.la_child_id, h.forename, h.surname, h.dob,
  g.age, h.sex, s.status AS legal_status, e.source, e.agency, e.record_id, e.row_ref, e.kind,
  e.code, e.date AS start_date, e.end_date, e.attributes
FROM indicator_evidence e JOIN child h USING (child_key)
LEFT JOIN child_age g USING (child_key) LEFT JOIN legal_status s USING (child_key)
WHERE {" AND ".join(where)}
ORDER BY e.date DESC NULLS LAST, h.la_child_id, e.child_key, e.record_id, e.row_ref"""


def _rows(con: Any, query: str) -> tuple[ListRow, ...]:
    rows = []
    for row in engine.fetch(con, query):
        row["attributes"] = json.loads(row["attributes"]) if row["attributes"] else {}
        rows.append(ListRow(**row))
    return tuple(rows)


def inspection_lists(tables: CohortTables, definition: Definition, as_of: date) -> InspectionLists:
    """Lists 3 to 5 on `as_of` under `definition`."""
    chosen = definition.lists
    plan = [*steps.shared_steps(definition, as_of), steps.child_age(as_of)]
    with engine.session(tables, plan, as_of) as con:
        return InspectionLists(
            camhs_not_accepted=_rows(
                con, _query(definition, chosen.camhs_not_accepted, in_band=True, known_to_la=True)
            ),
            crisis=_rows(con, _query(definition, chosen.crisis, in_band=True, known_to_la=False)),
            youth_justice=_rows(
                con, _query(definition, chosen.youth_justice, in_band=False, known_to_la=False)
            ),
        )
