"""Fast values of a read-only openpyxl worksheet: the same rows as `iter_rows(values_only=True)`.

openpyxl opens the workbook (sheet list, dimensions, shared strings, date styles) and we parse
each sheet's rows ourselves with lxml: openpyxl's own row parser builds an object per inline-string
cell through the standard library parser, which took two minutes for a 250,000-child Annex A.
Semantics follow openpyxl 3.1's `ReadOnlyWorksheet._cells_by_row` and
`WorkSheetParser.parse_cell` with `data_only=True` (cached formula values, no formula text):
missing rows come back empty, every row is padded to the sheet's dimension, dates are converted
by the cell's style. `tests/unit/ingest/test_xlsx.py` checks both agree on every synthetic file.

`open_workbook` opens the workbook as openpyxl does but sizes each sheet from its `<dimension>`
alone (openpyxl parses a whole sheet that has none). A sheet of plain rows and cells is read by
the regular expressions of `xlsx_fast`; any other sheet by lxml, element by element.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lxml import etree
from openpyxl.packaging.relationship import get_dependents, get_rels_path
from openpyxl.reader.excel import ExcelReader
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601
from openpyxl.workbook import Workbook
from openpyxl.worksheet._read_only import ReadOnlyWorksheet
from openpyxl.worksheet.dimensions import SheetDimension

from jtai.ingest.xlsx_fast import Cell, plain_rows, unescape

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_DIMENSION, _DATA = f"{_MAIN}dimension", f"{_MAIN}sheetData"
_ROW, _VALUE, _INLINE, _TEXT = f"{_MAIN}row", f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}t"
_CACHE_MAX = 100_000


class _SizedSheet(ReadOnlyWorksheet):
    """A read-only sheet whose size comes from its `<dimension>` element, found with lxml.

    openpyxl looks for it with the standard library parser and, when a sheet has none (ours do
    not), parses the whole sheet to find out: most of the time a large Annex A took to open.
    Elements are seen as they start here, so the scan stops where the cell data begins.
    """

    def _get_size(self) -> None:
        with self._get_source() as source:
            for _, el in etree.iterparse(
                source,
                events=("start",),
                tag=(_DIMENSION, _DATA),
                resolve_entities=False,
                no_network=True,
            ):
                if el.tag == _DIMENSION:
                    bounds = SheetDimension.from_tree(el).boundaries
                    if bounds is not None:
                        self._min_column, self._min_row, self._max_column, self._max_row = bounds
                break


class _Reader(ExcelReader):
    """openpyxl's read-only workbook reader, with `_SizedSheet` worksheets."""

    def read_worksheets(self) -> None:
        for sheet, rel in self.parser.find_sheets():
            if rel.target not in self.valid_files:
                continue
            if "chartsheet" in rel.Type:
                self.read_chartsheet(sheet, rel)
                continue
            rels_path = get_rels_path(rel.target)
            if rels_path in self.valid_files:
                get_dependents(self.archive, rels_path)  # as openpyxl does: a bad part raises
            ws = _SizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
            ws.sheet_state = sheet.state
            self.wb._sheets.append(ws)


def open_workbook(path: Path) -> Workbook:
    """`load_workbook(path, read_only=True, data_only=True)`, without openpyxl's slow sizing."""
    reader = _Reader(path, read_only=True, data_only=True)
    reader.read()
    return reader.wb


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _inline_text(node: Any) -> str:
    """openpyxl's `Text.from_tree(node).content`: the plain text, then each run's text."""
    plain: str | None = None
    runs: list[str] = []
    for child in node:
        name = _local(child.tag)
        if name == "t":
            plain = child.text
        elif name == "r":
            run: str | None = None
            for part in child:
                if _local(part.tag) == "t":
                    run = part.text
            if run is not None:
                runs.append(run)
    return "".join(([plain] if plain is not None else []) + runs)


def _number(text: str) -> int | float:
    return float(text) if "." in text or "E" in text or "e" in text else int(text)


_DIGITS = "0123456789"


def _column_of(coordinate: str, cache: dict[str, int]) -> int:
    """The column of a cell reference, as `coordinate_to_tuple` reads it (and raises on)."""
    letters = coordinate.rstrip(_DIGITS)
    column = cache.get(letters)
    if column is not None and len(letters) < len(coordinate):
        return column
    column = coordinate_to_tuple(coordinate)[1]
    if letters.isascii() and letters.isalpha():
        cache[letters] = column
    return column


class _Cells:
    """One sheet's cell parsing, with the workbook's shared strings and date styles."""

    def __init__(self, worksheet: Any) -> None:
        book = worksheet.parent
        self.strings = worksheet._shared_strings
        self.dates = book._date_formats
        self.timedeltas = book._timedelta_formats
        self.epoch = book.epoch
        self.numbers: dict[tuple[str, int], Any] = {}  # (text, style) -> value; dates repeat

    def value(self, el: Any, coordinate: str | None, style: int) -> Any:
        kind = el.get("t", "n")
        if kind == "inlineStr":
            child = el.find(_INLINE)
            if child is None:
                return None
            if len(child) == 1 and child[0].tag == _TEXT:  # the usual <is><t>..</t></is>
                return child[0].text or ""
            return _inline_text(child)
        return self.typed(kind, el.findtext(_VALUE, None) or None, coordinate, style)

    def typed(self, kind: str, value: str | None, coordinate: str | None, style: int) -> Any:
        """The value of a cell of any type but an inline string, from its `<v>` text."""
        if value is None:
            return None
        if kind == "n":
            key = (value, style)
            known = self.numbers.get(key)
            if known is not None:
                return known
            number = _number(value)
            if style in self.dates:
                try:
                    known = from_excel(number, self.epoch, timedelta=style in self.timedeltas)
                except (OverflowError, ValueError):
                    warnings.warn(
                        f"Cell {coordinate} is marked as a date but the serial value {number} is "
                        "outside the limits for dates. The cell will be treated as an error.",
                        stacklevel=3,
                    )
                    return "#VALUE!"
            else:
                known = number
            if len(self.numbers) < _CACHE_MAX:
                self.numbers[key] = known
            return known
        if kind == "s":
            return self.strings[int(value)]
        if kind == "b":
            return bool(int(value))
        if kind == "d":
            return from_ISO8601(value)
        return value


def _row_number(attr: str) -> int:
    try:
        return int(attr)
    except ValueError:
        number = float(attr)
        if number.is_integer():
            return int(number)
        raise ValueError(f"{attr} is not a valid row number") from None


def _parsed_rows(worksheet: Any) -> Iterator[tuple[int, list[tuple[int, Any]]]]:
    """(row number, [(column, value)]) per row element, as openpyxl's parser numbers them."""
    with worksheet.parent._archive.open(worksheet._worksheet_path) as source:
        xml = source.read()
    plain = plain_rows(xml)
    if plain is not None:
        yield from _plain_values(worksheet, plain)
    else:
        yield from _lxml_rows(worksheet, xml)


def _plain_values(
    worksheet: Any, rows: list[tuple[int, list[Cell]]]
) -> Iterator[tuple[int, list[tuple[int, Any]]]]:
    """The values of a sheet that `plain_rows` could read, with the lxml path's semantics."""
    cells = _Cells(worksheet)
    typed = cells.typed
    columns: dict[str, int] = {}
    styles: dict[str, int] = {}
    for number, row in rows:
        values = []
        for letters, digits, style_text, kind, value, markup, inline in row:
            column = columns.get(letters)
            if column is None:  # as coordinate_to_tuple reads (and raises on) the reference
                column = columns[letters] = coordinate_to_tuple(letters + digits)[1]
            if kind == "inlineStr":
                values.append(
                    (column, (unescape(inline) if "&" in inline else inline) if markup else None)
                )
                continue
            if style_text:
                style = styles.get(style_text)
                if style is None:
                    style = styles[style_text] = int(style_text)
            else:
                style = 0
            if value and "&" in value:
                value = unescape(value)
            values.append((column, typed(kind or "n", value or None, letters + digits, style)))
        yield number, values


def _lxml_rows(worksheet: Any, xml: bytes) -> Iterator[tuple[int, list[tuple[int, Any]]]]:
    """Any sheet, element by element: the reference semantics."""
    cells = _Cells(worksheet)
    value_of = cells.value
    columns: dict[str, int] = {}
    styles: dict[str, int] = {}
    row_counter = 0
    for _, row in etree.iterparse(
        io.BytesIO(xml), events=("end",), tag=_ROW, resolve_entities=False, no_network=True
    ):
        attr = row.get("r")
        row_counter = _row_number(attr) if attr is not None else row_counter + 1
        col_counter = 0
        values = []
        for el in row:
            coordinate = el.get("r")
            if coordinate:
                col_counter = _column_of(coordinate, columns)
            else:
                col_counter += 1
            style_text = el.get("s")
            if style_text:
                style = styles.get(style_text)
                if style is None:
                    style = styles[style_text] = int(style_text)
            else:
                style = 0
            values.append((col_counter, value_of(el, coordinate, style)))
        yield row_counter, values
        row.clear()
        while row.getprevious() is not None:
            del row.getparent()[0]


def _padded(row: list[tuple[int, Any]], max_col: int | None) -> tuple[Any, ...]:
    if not row and not max_col:
        return ()
    width = max_col or row[-1][0]
    out: list[Any] = [None] * width
    for column, value in row:
        if 1 <= column <= width:
            out[column - 1] = value
    return tuple(out)


def sheet_values(worksheet: Any) -> Iterator[tuple[Any, ...]]:
    """What `worksheet.iter_rows(values_only=True)` yields for a read-only, data-only workbook."""
    max_col, max_row = worksheet.max_column, worksheet.max_row
    # openpyxl gives an unsized sheet's missing rows as an empty list, not a tuple.
    empty: Any = (None,) * max_col if max_col is not None else []
    counter, index = 1, 1
    for index, row in _parsed_rows(worksheet):
        if max_row is not None and index > max_row:
            break
        while counter < index:
            counter += 1
            yield empty
        if counter <= index:
            counter += 1
            yield _padded(row, max_col)
    if max_row is not None and max_row < index:
        for _ in range(counter, max_row + 1):
            yield empty
