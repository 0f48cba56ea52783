"""The inspection lists workbook (cohort-rules.md section 8): a cover sheet and lists 1 to 5.

Values keep their types (dates as dates with a date format, counts as numbers); every text cell is
passed through `neutralise_cell`, and no cell is a formula. Written in openpyxl's write-only mode.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from jtai.cohort.definition import Definition
from jtai.cohort.front_door import FrontDoorResult
from jtai.cohort.lists import ListRow, inspection_lists
from jtai.cohort.select import CohortResult
from jtai.cohort.tables import CohortTables
from jtai.core.export_safety import neutralise_cell

DATE_FORMAT = "yyyy-mm-dd"


@dataclass(frozen=True)
class Column:
    header: str
    width: int
    value: Callable[[Any], Any]


def _cell(sheet: WriteOnlyWorksheet, value: Any, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, bool):
        value = "Y" if value else "N"
    elif isinstance(value, str):
        value = neutralise_cell(value)
    elif isinstance(value, list | tuple):
        value = neutralise_cell("; ".join(str(v) for v in value))
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
    return cell


def _sheet(book: Workbook, title: str, columns: Sequence[Column], rows: Sequence[Any]) -> None:
    sheet = book.create_sheet(title)
    for index, column in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.append([_cell(sheet, c.header, bold=True) for c in columns])
    for row in rows:
        sheet.append([_cell(sheet, c.value(row)) for c in columns])


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
    book = Workbook(write_only=True)
    _cover(book, result, front_door, definition, as_of, counts)
    for title, columns, rows in content:
        _sheet(book, title, columns, rows)
    book.save(Path(path))
    return counts


def _cover(
    book: Workbook,
    result: CohortResult,
    front_door: FrontDoorResult,
    definition: Definition,
    as_of: date,
    counts: dict[str, int],
) -> None:
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
    sheet = book.create_sheet("Cover")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 60
    for index, (label, value) in enumerate(rows):
        bold = index == 0 or label == "Sheet"
        sheet.append([_cell(sheet, label, bold=True), _cell(sheet, value, bold=bold)])
