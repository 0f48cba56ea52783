"""The cohort export (cohort-rules.md section 5): the CSV contract other tools and people rely on.

Exactly `la_child_id, legal_status, mh_category, at_risk, indicators`: one row per child, sorted by
`la_child_id`, indicators joined by `;` in alphabetical order, every cell formula-neutralised.
"""

from __future__ import annotations

from pathlib import Path

from jtai.cohort.select import CohortResult
from jtai.core.export_safety import write_safe_csv

COHORT_EXPORT_COLUMNS: tuple[str, ...] = (
    "la_child_id",
    "legal_status",
    "mh_category",
    "at_risk",
    "indicators",
)


def cohort_rows(result: CohortResult) -> list[list[str]]:
    """The export's data rows, in export order."""
    rows = [
        [
            child.la_child_id,
            child.legal_status,
            child.mh_category,
            "Y" if child.at_risk else "N",
            ";".join(child.indicator_names),
        ]
        for child in result.children
    ]
    return sorted(rows, key=lambda row: row[0])


def write_cohort_csv(result: CohortResult, path: Path) -> int:
    """Write the cohort export to `path` (UTF-8, CRLF, RFC 4180); returns the number of children."""
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        return write_safe_csv(handle, COHORT_EXPORT_COLUMNS, cohort_rows(result))
