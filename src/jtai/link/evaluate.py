"""Measure linkage on a synthetic area: `python -m jtai.link.evaluate FOLDER [--as-of DATE]`.

Reads the folder with the ingest readers, links every person record and prints the quality
figures (see `quality.py`) and timings as JSON. Only for synthetic areas: it needs `_truth/`.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from jtai.ingest import read_folder
from jtai.link.api import link_persons
from jtai.link.quality import quality


def read_persons(folder: Path, as_of: date) -> pa.Table:
    """Every person row of every file the readers recognised, rejected files included (the
    measurement is of linkage, not of validation)."""
    read = read_folder(folder, as_of=as_of)
    tables = [f.persons for f in read.files if f.persons.num_rows]
    return pa.concat_tables(tables, promote_options="permissive")


def evaluate(folder: Path, as_of: date, settings: dict[str, Any] | None = None) -> dict[str, Any]:
    clock = time.perf_counter()
    persons = read_persons(folder, as_of)
    read_seconds = time.perf_counter() - clock
    clock = time.perf_counter()
    result = link_persons(persons, settings=settings)
    link_seconds = time.perf_counter() - clock
    figures = quality(result, folder / "_truth" / "persons.csv")
    figures["person_rows"] = persons.num_rows
    figures["review_pairs"] = result.pairs.num_rows
    figures["seconds"] = {"read": read_seconds, "link": link_seconds, **result.timings}
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--as-of", type=date.fromisoformat, default=date(2026, 3, 31))
    parser.add_argument("--settings", type=Path, help="JSON file overlaying DEFAULT_SETTINGS")
    args = parser.parse_args(argv)
    settings = json.loads(args.settings.read_text("utf-8")) if args.settings else None
    print(json.dumps(evaluate(args.folder, args.as_of, settings), indent=2, default=str))


if __name__ == "__main__":
    main()
