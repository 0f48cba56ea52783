"""Fast values of a read-only openpyxl worksheet: the same rows as `iter_rows(values_only=True)`.

openpyxl opens the workbook (sheet list, dimensions, shared strings, date styles) and we parse
each sheet's rows ourselves with lxml: openpyxl's own row parser builds an object per inline-string
cell through the standard library parser, which took two minutes for a 250,000-child Annex A.
Semantics follow openpyxl 3.1's `ReadOnlyWorksheet._cells_by_row` and
`WorkSheetParser.parse_cell` with `data_only=True` (cached formula values, no formula text):
missing rows come back empty, every row is padded to the sheet's dimension, dates are converted
by the cell's style. `tests/unit/ingest/test_xlsx.py` checks both agree on every synthetic file.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any

from lxml import etree
from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import from_excel, from_ISO8601

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_ROW, _VALUE, _INLINE = f"{_MAIN}row", f"{_MAIN}v", f"{_MAIN}is"


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


class _Cells:
    """One sheet's cell parsing, with the workbook's shared strings and date styles."""

    def __init__(self, worksheet: Any) -> None:
        book = worksheet.parent
        self.strings = worksheet._shared_strings
        self.dates = book._date_formats
        self.timedeltas = book._timedelta_formats
        self.epoch = book.epoch

    def value(self, el: Any, coordinate: str | None, style: int) -> Any:
        kind = el.get("t", "n")
        if kind == "inlineStr":
            child = el.find(_INLINE)
            return _inline_text(child) if child is not None else None
        value = el.findtext(_VALUE, None) or None
        if value is None:
            return None
        if kind == "n":
            number = _number(value)
            if style in self.dates:
                try:
                    return from_excel(number, self.epoch, timedelta=style in self.timedeltas)
                except (OverflowError, ValueError):
                    warnings.warn(
                        f"Cell {coordinate} is marked as a date but the serial value {number} is "
                        "outside the limits for dates. The cell will be treated as an error.",
                        stacklevel=2,
                    )
                    return "#VALUE!"
            return number
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
    cells = _Cells(worksheet)
    row_counter = 0
    with worksheet.parent._archive.open(worksheet._worksheet_path) as source:
        for _, row in etree.iterparse(
            source, events=("end",), tag=_ROW, resolve_entities=False, no_network=True
        ):
            attr = row.get("r")
            row_counter = _row_number(attr) if attr is not None else row_counter + 1
            col_counter = 0
            values = []
            for el in row:
                coordinate = el.get("r")
                if coordinate:
                    _, col_counter = coordinate_to_tuple(coordinate)
                else:
                    col_counter += 1
                style = int(el.get("s") or 0)
                values.append((col_counter, cells.value(el, coordinate, style)))
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
