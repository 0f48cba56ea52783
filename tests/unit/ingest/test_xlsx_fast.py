"""The regular-expression sheet reader agrees with the lxml one, and steps aside when unsure."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from jtai.ingest.xlsx import _lxml_rows, _plain_values, open_workbook, sheet_values
from jtai.ingest.xlsx_fast import plain_rows

_SHEET = "xl/worksheets/sheet1.xml"
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)

_cells = st.one_of(
    st.none(),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["a) Male", "Tom & Jerry", "<b>", "'q' \"x\"", " pad ", "é ß 中"]),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.booleans(),
    st.dates(date(1901, 1, 1), date(2099, 12, 31)),
)


def _save(path: Path, rows: list[list[object]], skip: int) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "List 1"
    for r, row in enumerate(rows, start=1 + skip):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = sheet.cell(r, c, value)
                if isinstance(value, date):
                    cell.number_format = "yyyy-mm-dd"
    book.save(path)
    return path


def _expected(path: Path) -> list:
    book = load_workbook(path, read_only=True, data_only=True)
    try:
        return list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()


def _both_paths(path: Path) -> tuple[list, list, bool]:
    book = open_workbook(path)
    try:
        ws = book.worksheets[0]
        with zipfile.ZipFile(path) as archive:
            xml = archive.read(ws._worksheet_path.lstrip("/"))
        plain = plain_rows(xml)
        fast = list(_plain_values(ws, plain)) if plain is not None else None
        return fast, list(_lxml_rows(ws, xml)), plain is not None
    finally:
        book.close()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.lists(_cells, max_size=6), max_size=8), st.integers(0, 3))
def test_fast_and_lxml_paths_read_the_same_values_as_openpyxl(tmp_path, rows, skip) -> None:  # type: ignore[no-untyped-def]
    path = _save(tmp_path / "book.xlsx", rows, skip)
    fast, slow, used = _both_paths(path)
    if used:  # openpyxl writes some characters as references, which the fast path leaves
        assert fast == slow
    book = open_workbook(path)
    try:
        assert list(sheet_values(book.worksheets[0])) == _expected(path)
    finally:
        book.close()


def _rewrite(src: Path, dest: Path, change) -> Path:  # type: ignore[no-untyped-def]
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(dest, "w") as new:
        for item in old.infolist():
            data = old.read(item.filename)
            new.writestr(item, change(data) if item.filename == _SHEET else data)
    return dest


def test_sheets_the_patterns_do_not_understand_fall_back_to_lxml_with_the_same_values(
    tmp_path: Path,
) -> None:
    base = _save(tmp_path / "base.xlsx", [["Child Unique ID", "x"], ["C1", 3], [None, "a&b"]], 0)
    variants = {
        "comment": lambda d: d.replace(b"<sheetData>", b"<sheetData><!-- note -->"),
        "charref": lambda d: d.replace(b"a&amp;b", b"a&#38;b"),
        "cr": lambda d: d.replace(b"a&amp;b", b"a&#13;b").replace(b"&#13;", b"\r"),
        "attr order": lambda d: d.replace(b'<c r="B2" t="n">', b'<c t="n" r="B2">'),
    }
    for name, change in variants.items():
        path = _rewrite(base, tmp_path / f"{name.replace(' ', '_')}.xlsx", change)
        with zipfile.ZipFile(path) as archive:
            assert plain_rows(archive.read(_SHEET)) is None, name
        book = open_workbook(path)
        try:
            assert list(sheet_values(book.worksheets[0])) == _expected(path), name
        finally:
            book.close()


def test_plain_rows_reads_rows_cells_entities_and_empty_sheets() -> None:
    xml = (
        _HEAD + '<row r="2" spans="1:2"><c r="A2" t="inlineStr"><is><t>a &amp; b</t></is></c>'
        '<c r="B2" s="1"><v>45000</v></c><c r="C2" t="inlineStr"></c></row><row r="4"/>'
        "</sheetData></worksheet>"
    )
    rows = plain_rows(xml.encode())
    assert rows is not None
    assert [(n, [c[0] for c in cells]) for n, cells in rows] == [(2, ["A", "B", "C"]), (4, [])]
    assert rows[0][1][0][6] == "a &amp; b"  # unescaped by the caller, with the value
    empty = _HEAD.replace("<sheetData>", "<sheetData/>") + "</worksheet>"
    assert plain_rows(empty.encode()) == []
    other_ns = xml.replace("2006/main", "2006/other")
    assert plain_rows(other_ns.encode()) is None
    assert plain_rows(xml.encode("utf-16")) is None


def test_typical_annex_values_take_the_fast_path_and_read_as_openpyxl(tmp_path: Path) -> None:
    rows = [["Child Unique ID", "Gender", "Date of birth", "Age", "Source"],
            ["0300021", "b) Female", date(2014, 3, 10), 12, "q) 6: Police & co"],
            ["0300022", None, date(2015, 1, 2), 3.5, True]]  # fmt: skip
    path = _save(tmp_path / "annex.xlsx", rows, 2)
    fast, slow, used = _both_paths(path)
    assert used and fast == slow
    assert fast[1][1][2] == (3, datetime(2014, 3, 10))  # a date style makes a datetime
