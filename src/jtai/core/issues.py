"""What a check found: the file, the place in it, the column, the value and the rule."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much an issue matters. Errors reject a file; queries and warnings are reported only."""

    ERROR = "error"
    QUERY = "query"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Issue:
    """One finding about one place in one file.

    `row` is the 1-based data row (the header is row 1, so the first data row is 2) for CSV and
    spreadsheet files; `path` is the XML path (for example `/Message/Children/Child[12]/Sex`) for
    XML files. `rule` is a stable code: a DfE code where the rule mirrors one, else
    `<module>.<E|Q|W><nnn>`.
    """

    file: str
    rule: str
    severity: Severity
    message: str
    row: int | None = None
    path: str | None = None
    column: str | None = None
    value: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
