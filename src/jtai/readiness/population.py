"""Read an area's population file: `age,sex,population`, one row per single year of age and sex."""

from __future__ import annotations

import csv
from pathlib import Path


class PopulationError(ValueError):
    pass


def read_population(path: Path) -> list[tuple[int, str, int]]:
    """(age, sex, children) rows; sex upper-cased. Raises PopulationError naming the row."""
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            try:
                age = int(row["age"])
                sex = row["sex"].strip().upper()
                count = int(row["population"])
            except (KeyError, TypeError, ValueError) as exc:
                raise PopulationError(f"{path.name} row {number}: {exc}") from exc
            if age < 0 or count < 0 or not sex:
                raise PopulationError(f"{path.name} row {number}: age, sex or population invalid")
            rows.append((age, sex, count))
    return rows
