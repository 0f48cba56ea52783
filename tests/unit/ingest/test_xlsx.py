"""Our sheet reader gives exactly openpyxl's read-only values, on every synthetic workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from jtai.ingest.xlsx import sheet_values
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
