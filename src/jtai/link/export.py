"""The links CSV: one row per record with its child, for partners and the inspection pack."""

from __future__ import annotations

from pathlib import Path

from jtai.core.export_safety import write_safe_csv
from jtai.link.result import LinkResult

LINKS_CSV_COLUMNS: tuple[str, ...] = (
    "source",
    "person_id",
    "child_key",
    "la_child_id",
    "match_probability",
    "method",
)


def _probability(value: float | None) -> str:
    # Six decimals: enough to tell 0.999999 from 1, and stable text across platforms.
    return "" if value is None else f"{value:.6f}"


def write_links_csv(result: LinkResult, path: Path | str) -> int:
    """Write `LINKS_CSV_COLUMNS`, formula-neutralised, ordered by source and person id."""
    table = result.assignments.sort_by([("source", "ascending"), ("person_id", "ascending")])
    rows = (
        (
            row["source"],
            row["person_id"],
            row["child_key"],
            row["la_child_id"],
            _probability(row["match_probability"]),
            row["method"],
        )
        for row in table.to_pylist()
    )
    with Path(path).open("w", encoding="utf-8", newline="") as handle:
        return write_safe_csv(handle, LINKS_CSV_COLUMNS, rows)
