"""The inspection lists workbook (cohort-rules.md section 8): a cover sheet and lists 1 to 5.

Values keep their types (dates as dates with a date format, counts as numbers); every text cell is
passed through `neutralise_cell`, and no cell is a formula. Written by `jtai.cohort.xlsx`, which
writes the XML openpyxl's write-only mode writes, without an object per cell.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jtai.cohort.definition import Definition
from jtai.cohort.front_door import FrontDoorResult
from jtai.cohort.lists import ListRow, inspection_lists
from jtai.cohort.select import CohortResult
from jtai.cohort.tables import CohortTables
from jtai.cohort.xlsx import DATE_FORMAT, Sheet, write_xlsx
from jtai.core.export_safety import neutralise_cell

__all__ = ["DATE_FORMAT", "SHEETS", "write_inspection_lists"]


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[Any], Any]


def _value(value: Any) -> Any:
    """A value as the lists show it: flags as Y/N, lists joined, text formula-neutralised."""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, str):
        return neutralise_cell(value)
    if isinstance(value, list | tuple):
        return neutralise_cell("; ".join(str(v) for v in value))
    return value


def _sheet(title: str, columns: Sequence[Column], rows: Sequence[Any]) -> Sheet:
    header = [(_value(c.header), True) for c in columns]
    body = ([(_value(c.value(row)), False) for c in columns] for row in rows)
    return Sheet(title, [c.width for c in columns], True, itertools.chain([header], body))


def _child_columns(prefix: Callable[[Any], Any] = lambda r: r) -> list[Column]:
    return [
        Column("LA child ID", 14, lambda r: prefix(r).la_child_id),
        Column("Forename", 14, lambda r: prefix(r).forename),
        Column("Surname", 16, lambda r: prefix(r).surname),
        Column("Date of birth", 13, lambda r: prefix(r).dob),
        Column("Age", 6, lambda r: prefix(r).age),
        Column("Sex", 6, lambda r: prefix(r).sex),
    ]


COHORT: list[Column] = [
    *_child_columns(),
    Column("Ethnicity", 10, lambda c: c.ethnicity),
    Column("Legal status", 12, lambda c: c.legal_status),
    Column("Legal status since", 14, lambda c: c.legal_status_record.date),
    Column("Mental health category", 18, lambda c: c.mh_category),
    Column("At risk", 8, lambda c: "Y" if c.at_risk else "N"),
    Column("At-risk reasons", 30, lambda c: sorted({e.name for e in c.at_risk_reasons})),
    Column("Indicators", 40, lambda c: ";".join(c.indicator_names)),
    Column("Agencies involved", 30, lambda c: c.agencies),
    Column("Latest SDQ", 10, lambda c: c.latest_sdq),
    Column("SDQ reason", 10, lambda c: c.sdq_reason),
    Column("CAMHS status", 14, lambda c: c.camhs_status),
    Column("CAMHS referral date", 14, lambda c: c.camhs_referral_date),
    Column("CAMHS days waiting", 12, lambda c: c.camhs_days_waiting),
]

FRONT_DOOR: list[Column] = [
    Column("Date", 12, lambda i: i.date),
    Column("Item", 10, lambda i: i.item),
    *_child_columns(),
    Column("Legal status on as-of date", 14, lambda i: i.legal_status),
    Column("Mental health category", 18, lambda i: i.mh_category),
    Column("Indicators", 40, lambda i: ";".join(i.indicators)),
    Column("Source code", 10, lambda i: i.code),
    Column("Decision", 14, lambda i: i.decision),
    Column("Decision date", 13, lambda i: i.decision_date),
    Column("Days to decision", 10, lambda i: i.days_to_decision),
    Column("Assessment start", 13, lambda i: i.assessment_start),
    Column("Days referral to assessment", 12, lambda i: i.days_to_assessment),
    Column("Re-referral within 12 months", 12, lambda i: i.re_referral),
    Column("Source", 14, lambda i: i.source),
    Column("Record", 24, lambda i: i.record_id),
    Column("Row", 22, lambda i: i.row_ref),
]


def _attr(name: str) -> Callable[[ListRow], Any]:
    def value(row: ListRow) -> Any:
        found = row.attributes.get(name)
        if isinstance(found, str) and len(found) == 10 and found[4] == "-":
            try:
                return date.fromisoformat(found)
            except ValueError:
                return found
        return found

    return value


_RECORD: list[Column] = [
    Column("Source", 16, lambda r: r.source),
    Column("Agency", 14, lambda r: r.agency),
    Column("Record", 22, lambda r: r.record_id),
    Column("Row", 10, lambda r: r.row_ref),
]
CAMHS: list[Column] = [
    *_child_columns(),
    Column("Legal status", 12, lambda r: r.legal_status),
    Column("Referral date", 13, lambda r: r.start_date),
    Column("Service", 14, lambda r: r.code),
    Column("Referral source", 16, _attr("referral_source")),
    Column("Reason", 14, _attr("referral_reason")),
    Column("Outcome", 12, _attr("outcome")),
    *_RECORD,
]
CRISIS: list[Column] = [
    *_child_columns(),
    Column("Legal status", 12, lambda r: r.legal_status),
    Column("Event", 18, lambda r: r.indicator),
    Column("Date", 12, lambda r: r.start_date),
    Column("End date", 12, lambda r: r.end_date),
    *_RECORD,
]
YOUTH_JUSTICE: list[Column] = [
    *_child_columns(),
    Column("Legal status", 12, lambda r: r.legal_status),
    Column("Case start", 12, lambda r: r.start_date),
    Column("Case end", 12, lambda r: r.end_date),
    Column("Outcome type", 14, lambda r: r.code),
    Column("Health screen", 12, _attr("mh_screen")),
    Column("MH referral date", 13, _attr("mh_referral_date")),
    Column("MH service", 12, _attr("mh_service")),
    *_RECORD,
]

SHEETS = (
    "1 Deep-dive cohort",
    "2 Front door",
    "3 CAMHS not accepted",
    "4 Crisis events",
    "5 Youth justice MH",
)


def write_inspection_lists(
    result: CohortResult,
    front_door: FrontDoorResult,
    tables: CohortTables,
    definition: Definition,
    as_of: date,
    path: Path,
) -> dict[str, int]:
    """Write the workbook to `path`; returns the number of rows on each list sheet."""
    lists = inspection_lists(tables, definition, as_of)
    content: list[tuple[str, list[Column], Sequence[Any]]] = [
        (SHEETS[0], COHORT, list(result.children)),
        (SHEETS[1], FRONT_DOOR, list(front_door.items)),
        (SHEETS[2], CAMHS, list(lists.camhs_not_accepted)),
        (SHEETS[3], CRISIS, list(lists.crisis)),
        (SHEETS[4], YOUTH_JUSTICE, list(lists.youth_justice)),
    ]
    counts = {title: len(rows) for title, _, rows in content}
    sheets = [_cover(result, front_door, definition, as_of, counts)]
    sheets.extend(_sheet(title, columns, rows) for title, columns, rows in content)
    write_xlsx(Path(path), sheets)
    return counts


def _cover(
    result: CohortResult,
    front_door: FrontDoorResult,
    definition: Definition,
    as_of: date,
    counts: dict[str, int],
) -> Sheet:
    rows: list[tuple[str, Any]] = [
        ("Inspection lists: children's mental health (JTAI)", None),
        ("Definition", definition.name),
        ("Definition version", definition.version),
        ("Definition title", definition.title),
        ("As-of date", as_of),
        ("Lookback starts", result.lookback_start),
        ("Front door window starts", front_door.window_start),
        ("Ages", f"{definition.age_min} to {definition.age_max} (completed years)"),
        (
            "Note",
            "Generated by jtai from the partnership's loaded records. Each list has one row per "
            "child or record; sources and row references locate every record.",
        ),
        ("Sheet", "Rows"),
        *((title, count) for title, count in counts.items()),
    ]
    cells = [
        [(_value(label), True), (_value(value), index == 0 or label == "Sheet")]
        for index, (label, value) in enumerate(rows)
    ]
    return Sheet("Cover", [34, 60], False, cells)
