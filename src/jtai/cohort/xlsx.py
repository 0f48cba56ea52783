"""A small streaming xlsx writer: the parts openpyxl's write-only mode writes, as plain XML.

An xlsx file is a zip of XML parts. The inspection lists need only typed values (text, numbers,
dates), bold headers, column widths and a frozen header row, so each sheet is written as one
string, cell by cell, with the same XML openpyxl writes for the same values (inline strings,
dates as serial numbers with a `yyyy-mm-dd` format). It is many times faster than building an
openpyxl cell object per value. Values are typed as openpyxl types them; text is checked the same
way (illegal characters raise `IllegalCharacterError`, longer than 32,767 characters is cut). No
cell is ever a formula: text is always written as text.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat import safe_string
from openpyxl.compat.numbers import NUMERIC_TYPES
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.writer.theme import theme_xml

DATE_FORMAT = "yyyy-mm-dd"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_MAX_TEXT = 32767


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its title, column widths, whether row 1 is frozen, and its rows.

    Each row is a sequence of `(value, bold)` cells; a value of None leaves the cell empty.
    """

    title: str
    widths: Sequence[float]
    freeze_header: bool
    rows: Iterable[Sequence[tuple[Any, bool]]]


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


class _Styles:
    """Cell formats numbered in the order first used, as openpyxl numbers them."""

    def __init__(self) -> None:
        self.order: list[tuple[bool, bool]] = [(False, False)]  # (bold, date)
        self.ids: dict[tuple[bool, bool], int] = {(False, False): 0}

    def id(self, bold: bool, is_date: bool) -> int:
        key = (bold, is_date)
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.order)
            self.order.append(key)
        return found

    def xml(self) -> str:
        dates = any(d for _, d in self.order)
        bold = any(b for b, _ in self.order)
        parts = [f'<styleSheet xmlns="{_MAIN}">']
        if dates:
            parts.append(f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/>')
            parts.append("</numFmts>")
        parts.append(
            f'<fonts count="{2 if bold else 1}"><font><name val="Calibri"/><family val="2"/>'
            '<color theme="1"/><sz val="11"/><scheme val="minor"/></font>'
        )
        parts.append('<font><b val="1"/></font></fonts>' if bold else "</fonts>")
        parts.append(
            '<fills count="2"><fill><patternFill/></fill><fill><patternFill patternType="gray125"/>'
            '</fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/>'
            '</border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" '
            f'borderId="0"/></cellStyleXfs><cellXfs count="{len(self.order)}">'
        )
        for is_bold, is_date in self.order:
            parts.append(
                f'<xf numFmtId="{164 if is_date else 0}" fontId="{1 if is_bold else 0}" fillId="0" '
                'borderId="0" pivotButton="0" quotePrefix="0" xfId="0"/>'
            )
        parts.append(
            '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0" '
            'hidden="0"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium9" '
            f'defaultPivotStyle="PivotStyleLight16"/><colors><indexedColors>{_INDEXED}'
            "</indexedColors></colors></styleSheet>"
        )
        return "".join(parts)


_COLORS = (  # openpyxl's indexed colours
    "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 "
    "0000FF FFFF00 FF00FF 00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 808080 "
    "9999FF 993366 FFFFCC CCFFFF 660066 FF8080 0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF "
    "800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF FF99CC CC99FF FFCC99 "
    "3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 "
    "993300 993366 333399 333333"
)
_INDEXED = "".join(f'<rgbColor rgb="00{c}"/>' for c in _COLORS.split())


def _cell(ref: str, value: Any, bold: bool, styles: _Styles) -> str:
    """One `<c>` element; empty when the cell has neither a value nor a style."""
    if value is None:
        if not bold:
            return ""
        return f'<c r="{ref}" s="{styles.id(True, False)}" t="n"></c>'
    style = f' s="{styles.id(True, False)}"' if bold else ""
    if isinstance(value, str):
        value = value[:_MAX_TEXT]
        if ILLEGAL_CHARACTERS_RE.search(value):
            raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
        if value in ERROR_CODES:
            return f'<c r="{ref}"{style} t="e"><v>{value}</v></c>'
        if value == "":
            return f'<c r="{ref}"{style} t="inlineStr"></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{safe_string(value)}</v></c>'
    if isinstance(value, NUMERIC_TYPES):
        return f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>'
    if isinstance(value, date | timedelta):
        if isinstance(value, datetime) and value.tzinfo is not None:
            raise TypeError("Excel does not support timezones in datetimes.")
        dated = styles.id(bold, True)
        return f'<c r="{ref}" s="{dated}" t="n"><v>{safe_string(to_excel(value))}</v></c>'
    raise ValueError(f"Cannot convert {value!r} to Excel")


def _sheet_xml(sheet: Sheet, styles: _Styles) -> str:
    if sheet.freeze_header:
        view = (
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A1" sqref="A1"/>'
        )
    else:
        view = '<selection activeCell="A1" sqref="A1"/>'
    cols = "".join(
        f'<col width="{safe_string(float(w))}" customWidth="1" min="{i}" max="{i}"/>'
        for i, w in enumerate(sheet.widths, 1)
    )
    parts = [
        f'<worksheet xmlns="{_MAIN}"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/>'
        f'<pageSetUpPr/></sheetPr><sheetViews><sheetView workbookViewId="0">{view}</sheetView>'
        '</sheetViews><sheetFormatPr baseColWidth="8" defaultRowHeight="15"/>',
        f"<cols>{cols}</cols>" if cols else "",
        "<sheetData>",
    ]
    letters: list[str] = []
    for number, row in enumerate(sheet.rows, 1):
        while len(letters) < len(row):
            letters.append(get_column_letter(len(letters) + 1))
        cells = "".join(
            _cell(f"{letters[i]}{number}", value, bold, styles)
            for i, (value, bold) in enumerate(row)
        )
        parts.append(f'<row r="{number}">{cells}</row>')
    parts.append(
        '</sheetData><pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" '
        'footer="0.5"/></worksheet>'
    )
    return "".join(parts)


def _content_types(count: int) -> str:
    office = "application/vnd.openxmlformats-officedocument"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
        for i in range(1, count + 1)
    )
    return (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{office}.spreadsheetml.styles+xml"/>'
        f'<Override PartName="/xl/theme/theme1.xml" ContentType="{office}.theme+xml"/>'
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-'
        'package.core-properties+xml"/><Override PartName="/docProps/app.xml" '
        f'ContentType="{office}.extended-properties+xml"/>{sheets}'
        '<Override PartName="/xl/workbook.xml" '
        f'ContentType="{office}.spreadsheetml.sheet.main+xml"/></Types>'
    )


def _workbook(titles: Sequence[str]) -> str:
    sheets = "".join(
        f'<sheet xmlns:r="{_REL}" name="{_escape(t).replace(chr(34), "&quot;")}" sheetId="{i}" '
        f'state="visible" r:id="rId{i}"/>'
        for i, t in enumerate(titles, 1)
    )
    return (
        f'<workbook xmlns="{_MAIN}"><workbookPr/><workbookProtection/><bookViews>'
        '<workbookView visibility="visible" minimized="0" showHorizontalScroll="1" '
        'showVerticalScroll="1" showSheetTabs="1" tabRatio="600" firstSheet="0" activeTab="0" '
        f'autoFilterDateGrouping="1"/></bookViews><sheets>{sheets}</sheets><definedNames/>'
        '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
    )


def _workbook_rels(count: int) -> str:
    base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    rels = [
        f'<Relationship Type="{base}/worksheet" Target="/xl/worksheets/sheet{i}.xml" Id="rId{i}"/>'
        for i in range(1, count + 1)
    ]
    rels.append(f'<Relationship Type="{base}/styles" Target="styles.xml" Id="rId{count + 1}"/>')
    rels.append(
        f'<Relationship Type="{base}/theme" Target="theme/theme1.xml" Id="rId{count + 2}"/>'
    )
    return f'<Relationships xmlns="{_PKG_REL}">{"".join(rels)}</Relationships>'


def _root_rels() -> str:
    base = "http://schemas.openxmlformats.org"
    return (
        f'<Relationships xmlns="{_PKG_REL}"><Relationship Type="{base}/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml" Id="rId1"/><Relationship '
        f'Type="{base}/package/2006/relationships/metadata/core-properties" '
        'Target="docProps/core.xml" Id="rId2"/><Relationship '
        f'Type="{base}/officeDocument/2006/relationships/extended-properties" '
        'Target="docProps/app.xml" Id="rId3"/></Relationships>'
    )


def _core(created: datetime) -> str:
    stamp = created.strftime("%Y-%m-%dT%H:%M:%SZ")
    terms = (
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="dcterms:W3CDTF"'
    )
    return (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
        'core-properties"><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">openpyxl'
        f"</dc:creator><dcterms:created {terms}>{stamp}</dcterms:created>"
        f"<dcterms:modified {terms}>{stamp}</dcterms:modified></cp:coreProperties>"
    )


_APP = (
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>Microsoft Excel Compatible / Openpyxl 3.1.5</Application>"
    "<AppVersion>3.1</AppVersion></Properties>"
)


def write_xlsx(path: Path, sheets: Sequence[Sheet], *, created: datetime | None = None) -> None:
    """Write `sheets`, in order, as one workbook at `path`.

    `created` is the file's creation time in its document properties (now, in UTC, by default).
    """
    styles = _Styles()
    stamp = created or datetime.now(UTC)
    bodies = [_sheet_xml(sheet, styles) for sheet in sheets]
    with zipfile.ZipFile(Path(path), "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("docProps/app.xml", _APP)
        book.writestr("docProps/core.xml", _core(stamp))
        book.writestr("xl/theme/theme1.xml", theme_xml)
        for number, body in enumerate(bodies, 1):
            book.writestr(f"xl/worksheets/sheet{number}.xml", body)
        book.writestr("xl/styles.xml", styles.xml())
        book.writestr("_rels/.rels", _root_rels())
        book.writestr("xl/workbook.xml", _workbook([s.title for s in sheets]))
        book.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(len(sheets)))
        book.writestr("[Content_Types].xml", _content_types(len(sheets)))
