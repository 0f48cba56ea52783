"""The streaming xlsx writer writes the XML openpyxl's write-only mode writes for the same cells."""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime

import openpyxl
import pytest
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils.exceptions import IllegalCharacterError

from jtai.cohort.xlsx import DATE_FORMAT, Sheet, write_xlsx

ROWS = [
    [("Name", True), ("When", True), ("Count", True), ("Note", True)],
    [("A & B <c>", False), (date(2024, 2, 29), False), (12, False), (" padded ", False)],
    [(None, False), (date(1990, 1, 1), False), (-3.5, False), ("line\r\nbreak", False)],
    [("", False), (None, False), (10**12, False), ("#N/A", False)],
    [("'=cmd", False), (None, True), (0, False), ("tab\there", False)],
]


def _openpyxl(path, sheets):
    book = openpyxl.Workbook(write_only=True)
    for title, widths, freeze, rows in sheets:
        sheet = book.create_sheet(title)
        for index, width in enumerate(widths, 1):
            sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = width
        if freeze:
            sheet.freeze_panes = "A2"
        for row in rows:
            cells = []
            for value, bold in row:
                cell = WriteOnlyCell(sheet, value=value)
                if isinstance(value, date):
                    cell.number_format = DATE_FORMAT
                if bold:
                    cell.font = Font(bold=True)
                cells.append(cell)
            sheet.append(cells)
    book.save(path)


def test_every_part_but_the_timestamps_is_the_xml_openpyxl_writes(tmp_path):
    sheets = [("Cover", [34, 60], False, ROWS[:2]), ("1 List & more", [14, 13, 6, 30], True, ROWS)]
    ours, theirs = tmp_path / "ours.xlsx", tmp_path / "theirs.xlsx"
    write_xlsx(ours, [Sheet(*s) for s in sheets], created=datetime(2026, 1, 2, tzinfo=UTC))
    _openpyxl(theirs, sheets)
    with zipfile.ZipFile(ours) as a, zipfile.ZipFile(theirs) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if name != "docProps/core.xml":
                assert a.read(name) == b.read(name), name
    book = openpyxl.load_workbook(ours)
    sheet = book["1 List & more"]
    assert sheet.freeze_panes == "A2" and sheet.column_dimensions["D"].width == 30
    assert sheet["B2"].value == datetime(2024, 2, 29) and sheet["B2"].number_format == DATE_FORMAT
    assert (sheet["A2"].value, sheet["D2"].value, sheet["C4"].value) == (
        "A & B <c>",
        " padded ",
        10**12,
    )
    assert sheet["A1"].font.b and not sheet["A2"].font.b
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_a_control_character_is_refused_as_openpyxl_refuses_it(tmp_path):
    with pytest.raises(IllegalCharacterError):
        write_xlsx(tmp_path / "x.xlsx", [Sheet("S", [10], True, [[("bad\x01", False)]])])


def test_a_value_excel_cannot_hold_is_refused(tmp_path):
    with pytest.raises(ValueError, match="Cannot convert"):
        write_xlsx(tmp_path / "x.xlsx", [Sheet("S", [10], True, [[({"a": 1}, False)]])])
