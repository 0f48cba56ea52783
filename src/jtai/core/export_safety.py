"""Neutralise values a spreadsheet would execute, for every CSV or XLSX export.

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return can run as a formula when the
file is opened in Excel or LibreOffice (CSV injection). Such a value is prefixed with `'`, which
spreadsheets show as text. Decision: a value that is a plain number (`-3`, `+44`, `-0.5`) is left
alone, because negative counts and differences are common in our exports and cannot execute;
anything else starting with those characters (`-1+2`, `=SUM(A1)`, `@cmd`) is neutralised.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import IO, Any

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def neutralise_cell(value: str) -> str:
    """Return `value`, prefixed with `'` when a spreadsheet would treat it as a formula."""
    if not value or not value.startswith(_TRIGGERS):
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    return neutralise_cell(str(value))


def write_safe_csv(handle: IO[str], header: Iterable[str], rows: Iterable[Iterable[Any]]) -> int:
    """Write a CSV (RFC 4180, minimal quoting) with every cell neutralised; returns data rows.

    Open the handle with `newline=""` so the csv module controls line endings.
    """
    writer = csv.writer(handle, lineterminator="\r\n")
    writer.writerow([_text(h) for h in header])
    count = 0
    for row in rows:
        writer.writerow([_text(v) for v in row])
        count += 1
    return count
