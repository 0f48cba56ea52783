"""Our sheet reader gives exactly openpyxl's read-only values, on every synthetic workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.utils.cell import coordinate_to_tuple

from jtai.ingest.xlsx import _column_of, open_workbook, sheet_values
from jtai.synth import generate_area


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("xlsx")
    generate_area(folder, 400, 3, date(2026, 11, 1), dirty=True)
    return sorted(folder.rglob("*.xlsx"))


def _both(path: Path) -> list[tuple[str, list, list]]:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return [
            (ws.title, list(ws.iter_rows(values_only=True)), list(sheet_values(ws)))
            for ws in book.worksheets
        ]
    finally:
        book.close()


def test_every_synthetic_workbook_reads_the_same_as_openpyxl(workbooks: list[Path]) -> None:
    assert len(workbooks) > 1  # the clean Annex A and its dirty variants
    for path in workbooks:
        try:
            sheets = _both(path)
        except Exception:  # noqa: S112 - a deliberately unreadable workbook fails in openpyxl too
            continue
        for title, ours_expected, ours in sheets:
            assert ours == ours_expected, (path, title)


def test_gaps_dates_booleans_and_shared_strings_match_openpyxl(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "List 1"
    sheet["A1"], sheet["C1"] = "Child Unique ID", "Date of birth"
    sheet["A4"], sheet["B4"], sheet["C4"] = "X1", True, date(2015, 3, 2)
    sheet["E6"] = 3.5
    path = tmp_path / "gaps.xlsx"
    book.save(path)
    [(_, expected, ours)] = _both(path)
    assert ours == expected
    assert len(ours) == 6 and ours[1] == (None,) * 5


def _sizes(book) -> list[tuple]:  # type: ignore[no-untyped-def]
    try:
        return [
            (ws.title, ws.min_row, ws.min_column, ws.max_row, ws.max_column, ws.sheet_state)
            for ws in book.worksheets
        ]
    finally:
        book.close()


def test_open_workbook_sizes_sheets_as_openpyxl_does_with_and_without_a_dimension(
    workbooks: list[Path], tmp_path: Path
) -> None:
    book = Workbook()
    book.active["B2"], book.active["D5"] = "x", 1  # openpyxl writes <dimension ref="A1:D5">
    book.create_sheet("List 2")["A1"] = "Child Unique ID"
    sized = tmp_path / "sized.xlsx"
    book.save(sized)
    checked = 0
    for path in [sized, *workbooks]:
        try:
            expected = _sizes(load_workbook(path, read_only=True, data_only=True))
        except Exception:  # noqa: S112 - a deliberately unreadable workbook
            continue
        assert _sizes(open_workbook(path)) == expected, path
        checked += 1
    assert checked > 1
    assert _sizes(open_workbook(sized))[0][3:5] == (5, 4)


def test_sheet_values_of_open_workbook_match_openpyxl(workbooks: list[Path]) -> None:
    for path in workbooks:
        try:
            book = load_workbook(path, read_only=True, data_only=True)
            expected = [list(ws.iter_rows(values_only=True)) for ws in book.worksheets]
            book.close()
        except Exception:  # noqa: S112 - a deliberately unreadable workbook
            continue
        ours = open_workbook(path)
        try:
            assert [list(sheet_values(ws)) for ws in ours.worksheets] == expected, path
        finally:
            ours.close()


def test_cell_columns_are_read_as_openpyxl_reads_them_and_bad_references_still_raise() -> None:
    cache: dict[str, int] = {}
    for ref in ["A1", "B7", "AA10", "A2", "B3", "ZZ100", "XFD1"]:
        assert _column_of(ref, cache) == coordinate_to_tuple(ref)[1]
    for bad in ["A1B", "AB", "1A", "$C$3"]:
        with pytest.raises(ValueError):
            coordinate_to_tuple(bad)
        with pytest.raises(ValueError):
            _column_of(bad, cache)
