"""A child's chronology: everything every agency recorded about them, newest first.

    chronology(tables, child_key, *, agency=None, as_of=None) -> list[Entry]

Every event of every record linked to the child (the whole cluster), with a short description a
practitioner can read. Undated records (an OC2 row) come last. `as_of` drops anything dated after
it; `agency` keeps one agency's records.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from jtai.cohort import engine
from jtai.cohort.tables import CohortTables
from jtai.core.canonical import AGENCY_OF_SOURCE


@dataclass(frozen=True)
class Entry:
    date: dt.date | None
    end_date: dt.date | None
    agency: str | None
    source: str
    kind: str
    code: str | None
    description: str
    record_id: str
    row_ref: str | None
    load_seq: int | None = None  # which load the record came from, where the events carry it


_NOUN = {
    "contact": "Contact to children's social care",
    "referral": "Referral to children's social care",
    "assessment": "Social care assessment",
    "cin_plan": "Child in need plan",
    "cin": "Child in need episode",
    "s47": "Section 47 enquiry",
    "cp_plan": "Child protection plan",
    "early_help": "Early help",
    "cla": "Looked after",
    "episode": "Care episode",
    "oc2": "Looked-after child outcomes (OC2)",
    "missing": "Missing or away from placement",
    "review": "Looked-after review",
    "uasc": "Unaccompanied asylum-seeking child",
    "health_referral": "Referral to",
    "health_event": "Health",
    "police_event": "Police",
    "school_enrolment": "On roll at school",
    "school_event": "School",
    "yjs_case": "Youth justice case",
}


_SERVICES = {
    "camhs": "CAMHS",
    "mhst": "the MHST",
    "eating_disorder": "the eating disorder service",
    "crisis": "the crisis service",
    "ld_camhs": "learning disability CAMHS",
}
_AGENCY = {str(source): str(agency) for source, agency in AGENCY_OF_SOURCE.items()}


def _words(value: Any) -> str:
    return str(value).replace("_", " ")


def describe(kind: str, code: str | None, attributes: dict[str, Any]) -> str:
    """A short human description of one event, from its kind, code and attributes."""
    noun = _NOUN.get(kind, _words(kind).capitalize())
    a = attributes
    if kind == "health_referral":
        service = _SERVICES.get(code or "", _words(code or "a service"))
        source = f" ({_words(a['referral_source'])})" if a.get("referral_source") else ""
        outcome = f" – {a['outcome']}" if a.get("outcome") else ""  # noqa: RUF001
        text = f"{noun} {service}{source}{outcome}"
        if a.get("diagnosis_icd10"):
            text += f"; diagnosis {a['diagnosis_icd10']}"
        return text
    if kind in ("health_event", "police_event", "school_event"):
        text = f"{noun}: {_words(code or 'event')}"
        return text + (" (mental health flag)" if a.get("mental_health_flag") is True else "")
    if kind == "assessment":
        factors = a.get("factors")
        return f"{noun}; factors {', '.join(factors)}" if factors else noun
    if kind == "referral":
        nfa = " – no further action" if a.get("referral_nfa") else ""  # noqa: RUF001
        return f"{noun} (source {code}){nfa}"
    if kind == "contact":
        return f"{noun} (source {code})" if code else noun
    if kind in ("episode", "cla"):
        need = a.get("cin") or a.get("category_of_need")
        return f"{noun}, legal status {code}" + (f", need {need}" if need else "")
    if kind == "oc2":
        if a.get("sdq_score") is not None:
            return f"{noun}: SDQ {a['sdq_score']}"
        return f"{noun}: no SDQ" + (f" ({a['sdq_reason']})" if a.get("sdq_reason") else "")
    if kind == "yjs_case":
        screen = f", health screen {_words(a['mh_screen'])}" if a.get("mh_screen") else ""
        return f"{noun}: {_words(code or 'outcome unknown')}{screen}"
    if kind == "school_enrolment":
        school = a.get("school_name") or f"URN {code}"
        need = a.get("sen_primary_need")
        return f"{noun} {school}" + (f" (SEN {need}, {a.get('sen_provision')})" if need else "")
    return f"{noun}: {_words(code)}" if code else noun


_QUERY = """SELECT e.source, e.record_id, e.kind, e.code, e.start_date, e.end_date, e.attributes,
  e.row_ref, {load_seq}
FROM events e JOIN assignments a ON a.source = e.source AND a.person_id = e.person_id
WHERE a.child_key = ? AND (? IS NULL OR e.start_date IS NULL OR e.start_date <= ?)
ORDER BY e.start_date DESC NULLS LAST, e.source, e.record_id"""


def chronology(
    tables: CohortTables,
    child_key: str,
    *,
    agency: str | None = None,
    as_of: date | None = None,
) -> list[Entry]:
    """Every record of the child's cluster, newest first; optionally one agency's, up to `as_of`."""
    con = engine.connect(tables)
    try:
        load_seq = "e.load_seq" if "load_seq" in tables.events.column_names else "NULL"
        query = _QUERY.format(load_seq=load_seq)
        rows = con.execute(query, [child_key, as_of, as_of]).fetchall()
    finally:
        con.close()
    entries = []
    for source, record_id, kind, code, start, end, attributes, row_ref, seq in rows:
        owner = _AGENCY.get(source)
        if agency is not None and owner != agency:
            continue
        entries.append(
            Entry(
                date=start,
                end_date=end,
                agency=owner,
                source=source,
                kind=kind,
                code=code,
                description=describe(kind, code, json.loads(attributes) if attributes else {}),
                record_id=record_id,
                row_ref=row_ref,
                load_seq=seq,
            )
        )
    return entries
