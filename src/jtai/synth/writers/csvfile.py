"""A CSV file written row by row (RFC 4180 quoting, UTF-8, CRLF line ends as the DfE tools use)."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import IO


def iso(day: date | None) -> str:
    return day.isoformat() if day else ""


def dfe(day: date | None) -> str:
    """DD/MM/YYYY, the form of dates in the DfE CSV returns."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}" if day else ""


class CsvFile:
    """Streams rows to one file; counts them for the summary."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.path = path
        self.columns = tuple(columns)
        self._handle: IO[str] = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._handle)
        self._writer.writerow(self.columns)
        self.rows = 0

    def write(self, cells: Sequence[str]) -> None:
        self._writer.writerow(cells)
        self.rows += 1

    def close(self) -> None:
        self._handle.close()
