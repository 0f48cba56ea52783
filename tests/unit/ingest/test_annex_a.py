from __future__ import annotations

import json
from datetime import date

from openpyxl import Workbook

from jtai.ingest import FileKind, read_file
from tests.unit.ingest.helpers import AS_OF


def _workbook(tmp_path, sheets):
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    path = tmp_path / "LA_annexA.xlsx"
    wb.save(path)
    return path


def test_ofsted_labels_and_title_rows_are_understood(tmp_path):
    path = _workbook(
        tmp_path,
        {
            "List 1 - Contacts": [
                ["Annex A list 1: contacts"],
                [
                    "Child Unique ID",
                    "Gender",
                    "Ethnicity",
                    "Date of Birth",
                    "Date of Contact",
                    "Contact Source",
                ],
                ["C1", "a) Male", "a) WBRI", date(2012, 1, 2), date(2025, 3, 1), "q) 6: Police"],
            ]
        },
    )
    parsed = read_file(path, as_of=AS_OF)
    assert parsed.kind is FileKind.ANNEX_A and not parsed.rejected, parsed.issues
    assert parsed.persons.to_pylist()[0]["sex"] == "M"
    event = parsed.events.to_pylist()[0]
    assert (event["kind"], event["code"], event["row_ref"]) == (
        "contact",
        "6",
        "List 1 - Contacts!3",
    )
    # The row's cells, in order, under the sheet's own header (kept once, by sheet).
    assert parsed.columns["List 1 - Contacts"][:2] == ["Child Unique ID", "Gender"]
    assert json.loads(event["raw"])[:2] == ["C1", "a) Male"]


def test_assessment_factors_and_case_status_are_read(tmp_path):
    path = _workbook(
        tmp_path,
        {
            "List 4": [
                [
                    "Child ID",
                    "Continuous Assessment Start Date",
                    "Factors identified at assessment",
                ],
                ["C1", "01/03/2025", "4A; 15A"],
            ],
            "List 6": [
                ["Child Unique ID", "CIN Start Date", "Case Status"],
                ["C1", "2025-03-02", "c) CIN Plan"],
            ],
        },
    )
    parsed = read_file(path, as_of=AS_OF)
    events = parsed.events.to_pylist()
    assert json.loads(events[0]["attributes"])["factors"] == ["4A", "15A"]
    assert (events[1]["kind"], events[1]["code"]) == ("cin", "cin_plan")


def test_unknown_label_is_an_error_naming_sheet_and_row(tmp_path):
    path = _workbook(
        tmp_path,
        {
            "List 1": [
                ["Child Unique ID", "Gender", "Date of Contact"],
                ["C1", "x) Other", "2025-01-01"],
            ]
        },
    )
    parsed = read_file(path, as_of=AS_OF)
    issue = parsed.errors[0]
    assert (issue.rule, issue.path, issue.row, issue.column) == (
        "validate.E003",
        "List 1",
        2,
        "Gender",
    )


def test_not_a_workbook_is_rejected(tmp_path):
    path = tmp_path / "annex_a.xlsx"
    path.write_bytes(b"not a zip")
    parsed = read_file(path, as_of=AS_OF)
    assert parsed.rejected and parsed.issues[0].rule == "ingest.E001"
