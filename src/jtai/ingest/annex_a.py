"""Ofsted ILACS Annex A workbook (xlsx), lists 1 to 8, read with openpyxl in read-only mode.

Local authorities vary the template: extra title rows above the header, reworded headers, values
with Ofsted's letter prefixes (`a) Male`, `q) 6: Police`) or without. Headers are matched after
normalising punctuation and case against a list of known spellings; values lose the letter prefix
and, for codes, anything after the leading code. Columns we do not use are kept in `raw` silently
(the template has dozens), unlike partner CSVs where an unknown column is worth a warning.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa

from jtai.core.canonical import Source
from jtai.core.duck import private_connection
from jtai.ingest import codes
from jtai.ingest.model import (
    FileKind,
    ParsedFile,
    empty_events,
    empty_persons,
    file_sha256,
)
from jtai.ingest.tabular import Col, EventMap, TableSpec, arrow_text_table, run_spec
from jtai.ingest.xlsx import open_workbook, sheet_values
from jtai.validate.rules import read as rr

_SEX_LABELS = {
    "MALE": "M", "FEMALE": "F", "NOT STATED/RECORDED": "U", "NOT STATED": "U", "NOT RECORDED": "U",
    "NEITHER": "U", "UNKNOWN": "U", "INDETERMINATE": "U", "1": "M", "2": "F", "0": "U", "9": "U",
}  # fmt: skip
_CHILD = Col(
    "child_id", required=True, not_blank=True,
    aliases=("child unique id", "child id", "unique id", "childuniqueid", "child unique identifier",
             "la child id", "lachildid"),
)  # fmt: skip
_COMMON = (
    _CHILD,
    Col("sex", "code", codes=codes.SEX, case="upper", remap=_SEX_LABELS, aliases=("gender",)),
    Col("ethnicity", "code", codes=codes.ETHNICITY, case="upper", leading_code=True),
    Col("dob", "date", aliases=("date of birth", "dob", "birth date")),
)
_PERSON = {"person_id": "child_id", "la_child_id": "child_id", "sex": "sex", "dob": "dob",
           "ethnicity": "ethnicity"}  # fmt: skip


def _d(name: str, *aliases: str, required: bool = False) -> Col:
    return Col(name, "date", required=required, aliases=aliases)


def _c(name: str, values: frozenset[str], *aliases: str, **kw: Any) -> Col:
    return Col(name, "code", codes=values, case="upper", leading_code=True, aliases=aliases, **kw)


def _f(name: str, *aliases: str) -> Col:
    return Col(name, "flag", aliases=aliases)


def _i(name: str, *aliases: str) -> Col:
    return Col(name, "int", lo=0, aliases=aliases)


def _spec(n: int, cols: tuple[Col, ...], event: EventMap) -> TableSpec:
    return TableSpec(f"annex_a_list_{n}", "annex_a", _COMMON + cols, _PERSON, event,
                     warn_unknown=False, strip_labels=True)  # fmt: skip


_NO_CPP = ("number of previous cpps", "number of previous child protection plans")
LISTS: dict[int, TableSpec] = {
    1: _spec(1, (
        _d("contact_date", "date of contact", "contact date", required=True),
        _c("contact_source", codes.REFERRAL_SOURCE, "contact source", "source of contact"),
    ), EventMap("contact", "contact_source", "contact_date", None, ("child_id", "contact_date"))),
    2: _spec(2, (
        _d("eh_start", "assessment start date", "early help assessment start date", required=True),
        _d("eh_end", "assessment completion date", "early help assessment completion date"),
        Col("organisation", aliases=("organisation completing assessment",)),
    ), EventMap("early_help", None, "eh_start", "eh_end", ("child_id", "eh_start"),
                ("organisation",))),
    3: _spec(3, (
        _d("referral_date", "date of referral", "referral date", required=True),
        _c("referral_source", codes.REFERRAL_SOURCE, "referral source", "source of referral"),
        _f("referral_nfa", "referral nfa", "referral nfa y n", "was the referral nfa"),
        _i("referrals_last_12m", "number of referrals in last 12 months"),
    ), EventMap("referral", "referral_source", "referral_date", None,
                ("child_id", "referral_date"), ("referral_nfa", "referrals_last_12m"))),
    4: _spec(4, (
        _d("assessment_start", "continuous assessment start date", "assessment start date",
           required=True),
        _d("authorised_date", "continuous assessment date of authorisation",
           "assessment authorisation date", "date of authorisation"),
        _f("child_seen", "child seen during continuous assessment"),
        _f("requires_support", "was the child assessed as requiring la children s social care "
           "support"),
        _f("disability", "does the child have a disability", "disability"),
        Col("factors", "codes", codes=codes.ASSESSMENT_FACTORS,
            aliases=("assessment factors", "factors identified at assessment", "factors")),
    ), EventMap("assessment", None, "assessment_start", "authorised_date",
                ("child_id", "assessment_start"),
                ("authorised_date", "child_seen", "requires_support", "factors"))),
    5: _spec(5, (
        _d("s47_start", "strategy discussion initiating s47 enquiry start date",
           "strategy discussion initiating section 47 enquiry start date",
           "s47 enquiry start date", "s47 start date", "section 47 enquiry start date",
           required=True),
        _f("icpc_not_required", "was an icpc deemed unnecessary",
           "was an initial child protection conference deemed unnecessary"),
        _d("icpc_date", "date of icpc", "icpc date", "date of initial child protection conference"),
        _f("icpc_to_cp_plan", "did the icpc result in a cp plan",
           "did the initial child protection conference result in a child protection plan",
           "did the icpc result in a child protection plan"),
    ), EventMap("s47", None, "s47_start", None, ("child_id", "s47_start"),
                ("icpc_not_required", "icpc_date", "icpc_to_cp_plan"))),
    6: _spec(6, (
        _d("cin_start", "cin start date", "child in need start date", required=True),
        _c("primary_need", codes.PRIMARY_NEED, "primary need code", "category of need"),
        _d("cin_closure", "cin closure date", "child in need closure date"),
        _c("closure_reason", codes.REASON_FOR_CLOSURE, "reason for closure", "closure reason"),
        Col("case_status", "code", codes=frozenset(codes.CASE_STATUS.values()),
            remap=codes.CASE_STATUS, aliases=("case status",)),
    ), EventMap("cin", "case_status", "cin_start", "cin_closure", ("child_id", "cin_start"),
                ("primary_need", "closure_reason"))),
    7: _spec(7, (
        _d("cpp_start", "cpp start date", "child protection plan start date", required=True),
        _c("initial_category", codes.CATEGORY_OF_ABUSE, "initial category of abuse"),
        _c("latest_category", codes.CATEGORY_OF_ABUSE, "latest category of abuse"),
        _d("cpp_end", "cpp end date", "child protection plan end date"),
        _i("previous_cpps", *_NO_CPP),
    ), EventMap("cp_plan", "latest_category", "cpp_start", "cpp_end", ("child_id", "cpp_start"),
                ("initial_category", "previous_cpps"))),
    8: _spec(8, (
        _d("cla_start", "date started to be looked after", "date started in care",
           "date became looked after", required=True),
        _c("category_of_need", codes.CATEGORY_OF_NEED_903, "category of need",
           "child s category of need"),
        _c("legal_status", codes.LEGAL_STATUS, "legal status"),
        _d("legal_status_start", "start date of current legal status"),
        _d("cla_end", "date ceased to be looked after", "date ceased looked after"),
        _c("reason_ceased", codes.REASON_EPISODE_CEASED, "reason ceased",
           "reason ceased to be looked after"),
        _c("placement_type", codes.PLACEMENT, "placement type"),
        _f("uasc", "uasc", "uasc in last 12 months"),
        _d("last_health_assessment", "date of last health assessment"),
        _i("missing_12m", "number of missing episodes last 12 months",
           "number of missing episodes in last 12 months",
           "number of missing episodes in the last 12 months"),
        _i("absent_12m", "number of absent episodes last 12 months",
           "number of absent episodes in last 12 months",
           "number of absent episodes in the last 12 months"),
    ), EventMap("cla", "legal_status", "cla_start", "cla_end", ("child_id", "cla_start"),
                ("category_of_need", "legal_status_start", "reason_ceased", "placement_type",
                 "uasc", "last_health_assessment", "missing_12m", "absent_12m"))),
}  # fmt: skip

_LIST_NAME = re.compile(r"(?i)\blist\s*0?([1-8])\b")


def list_number(sheet_title: str) -> int | None:
    match = _LIST_NAME.search(sheet_title)
    return int(match.group(1)) if match else None


def cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if type(value) is str:  # most cells: checked first
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _find_header(rows: list[tuple[Any, ...]]) -> int | None:
    """Index of the header row: the first of the top rows that names the child's id column."""
    for index, row in enumerate(rows[:15]):
        names = {" ".join(re.sub(r"[^0-9a-z]+", " ", str(v).casefold()).split()) for v in row if v}
        if names & set(_CHILD.aliases):
            return index
    return None


def read_annex_a(path: Path) -> ParsedFile:
    parsed = ParsedFile(
        source=Source.ANNEX_A,
        file=path.name,
        sha256=file_sha256(path),
        persons=empty_persons(),
        events=empty_events(),
        kind=FileKind.ANNEX_A,
    )
    try:
        workbook = open_workbook(path)
    except Exception as exc:  # openpyxl raises many types for a bad zip or a non-xlsx file
        parsed.issues.append(rr.UNREADABLE.issue(path.name, cause=f"not an xlsx workbook ({exc})"))
        return parsed
    con = private_connection()
    persons: list[pa.Table] = []
    events: list[pa.Table] = []
    try:
        sheets = [(ws.title, list_number(ws.title)) for ws in workbook.worksheets]
        lists = [(title, n) for title, n in sheets if n is not None]
        if not lists:
            parsed.issues.append(
                rr.MISSING_COLUMNS.issue(path.name, missing="sheets 'List 1'..'List 8'")
            )
            return parsed
        for title, number in lists:
            rows = list(sheet_values(workbook[title]))
            header_at = _find_header(rows)
            if header_at is None:
                parsed.issues.append(
                    rr.MISSING_COLUMNS.issue(
                        path.name, path=title, missing=f"'Child Unique ID' in sheet '{title}'"
                    )
                )
                continue
            headers = [cell_text(v) or "" for v in rows[header_at]]
            body = [
                [index + 1, *(cell_text(v) for v in row)]
                for index, row in enumerate(rows)
                if index > header_at and any(v not in (None, "") for v in row)
            ]
            width = max([len(headers)] + [len(r) - 1 for r in body])
            headers += [""] * (width - len(headers))
            arrow_text_table(con, "sheet", body, width)
            result = run_spec(
                con, "sheet", headers, LISTS[number], path.name, row_prefix=f"{title}!"
            )
            parsed.issues.extend(result.issues)
            parsed.rows_read += result.rows
            parsed.columns[title] = result.columns
            persons.append(result.persons)
            events.append(result.events)
    except Exception as exc:  # a corrupt sheet part surfaces only while iterating
        parsed.issues.append(
            rr.UNREADABLE.issue(path.name, cause=f"a sheet cannot be read ({exc})")
        )
        return parsed
    finally:
        workbook.close()
        con.close()
    if persons:
        parsed.persons = _first_per_person(pa.concat_tables(persons))
        parsed.events = pa.concat_tables(events)
    return parsed


def _first_per_person(persons: pa.Table) -> pa.Table:
    """A child appears on several lists; keep the first row (list order) as their person row."""
    seen: set[str] = set()
    keep = []
    for index, pid in enumerate(persons.column("person_id").to_pylist()):
        if pid not in seen:
            seen.add(pid)
            keep.append(index)
    return persons.take(pa.array(keep, pa.int64()))
