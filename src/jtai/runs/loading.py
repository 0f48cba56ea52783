"""Load a folder of returns and extracts for one area: read, validate, record, then link."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from jtai.access.log import record_access
from jtai.areas.models import Area
from jtai.areas.services import ensure_area
from jtai.core.export_safety import write_safe_csv
from jtai.ingest import ParsedFile, read_folder
from jtai.records.models import LoadStatus
from jtai.records.services import LoadOutcome, record_load
from jtai.runs.linking import LinkOutcome, link_area

Progress = Callable[[str, int, int], None]
T = TypeVar("T")
REPORT_COLUMNS = ("status", "file", "row", "path", "column", "value", "rule", "severity", "message")


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file of a folder load."""

    file: str
    kind: str
    status: str  # accepted, rejected, unchanged
    rows_read: int
    persons: int
    events: int
    errors: int
    queries: int
    warnings: int
    load_id: int | None


@dataclass
class FolderLoad:
    area: Area
    files: list[FileOutcome] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    report: Path | None = None
    link: LinkOutcome | None = None
    population: int | None = None  # population rows stored from population*.csv, if any

    @property
    def all_accepted(self) -> bool:
        return all(outcome.status != LoadStatus.REJECTED for outcome in self.files)


def load_folder(
    folder: Path,
    *,
    area_code: str,
    area_name: str | None = None,
    as_of: date,
    actor: str,
    user: Any = None,
    report_dir: Path | None = None,
    progress: Progress | None = None,
) -> FolderLoad:
    """Recognise, read, validate and load every file in `folder` for one area.

    Each file is atomic on its own: a rejected file changes nothing, the others still load. The
    area is created on its first load. Every issue of every file goes into one CSV report.
    """
    area, _created = ensure_area(area_code, area_name)
    result = FolderLoad(area=area)

    def reading(name: str, done: int, total: int) -> None:
        if progress:
            progress(f"reading {name}", done, total * 2)

    read = read_folder(folder, as_of=as_of, progress=reading)
    result.unrecognised = [issue.file for issue in read.unrecognised]
    result.skipped = list(read.skipped)
    result.population = _store_population(area, folder, read.skipped)
    report_rows: list[tuple[object, ...]] = [
        ("not loaded", *_issue_fields(issue)) for issue in read.unrecognised
    ]
    total = len(read.files)
    parsed: ParsedFile | None = None
    for index, parsed in enumerate(_drained(read.files)):
        if progress:
            progress(f"loading {parsed.file}", total + index, total * 2)
        outcome = record_load(area, parsed, as_of=as_of, actor=actor, user=user)
        file_outcome = _file_outcome(parsed.file, outcome)
        result.files.append(file_outcome)
        report_rows.extend((file_outcome.status, *_issue_fields(i)) for i in parsed.issues)
    parsed = None  # the last file's tables too: linking reads what it needs from the database
    if any(f.status == LoadStatus.ACCEPTED for f in result.files):
        # Links, and everything built on them, stay current without another command.
        if progress:
            progress("linking records across agencies", total * 2, total * 2 + 1)
        result.link = link_area(area, actor=actor, trigger="load")
    if progress:
        progress("done", total * 2 + 1, total * 2 + 1)
    if report_dir is not None:
        report_dir.mkdir(parents=True, exist_ok=True)
        result.report = report_dir / f"load-report-{area.code}-{as_of.isoformat()}.csv"
        with result.report.open("w", encoding="utf-8", newline="") as handle:
            rows = write_safe_csv(handle, REPORT_COLUMNS, report_rows)
        record_access(
            actor=user or actor,
            area=area,
            action="export",
            what=result.report.name,
            via="jtai load",
            rows=rows,
        )
    return result


def _drained(items: list[T]) -> Iterator[T]:
    """`items` in order, each taken out of the list as it is handed over, so that a file's tables
    are freed once it is written rather than held until the whole folder is loaded."""
    items.reverse()
    while items:
        yield items.pop()


def _issue_fields(issue: Any) -> tuple[object, ...]:
    """An issue as the report's columns after `status`."""
    return (
        issue.file,
        issue.row,
        issue.path,
        issue.column,
        issue.value,
        issue.rule,
        str(issue.severity),
        issue.message,
    )


def _file_outcome(file: str, outcome: LoadOutcome) -> FileOutcome:
    load = outcome.load
    return FileOutcome(
        file=file,
        kind=load.kind,
        status="unchanged" if outcome.unchanged else str(load.status),
        rows_read=load.rows_read,
        persons=load.persons_loaded,
        events=load.events_loaded,
        errors=load.errors,
        queries=load.queries,
        warnings=load.warnings,
        load_id=load.pk,
    )


def _store_population(area: Area, folder: Path, skipped: list[str]) -> int | None:
    """The population file the reader skips (reference data), stored for the needs analysis."""
    from jtai.readiness.population import PopulationError, read_population
    from jtai.readiness_app.services import store_population

    for name in skipped:
        if name.lower().startswith("population") and name.lower().endswith(".csv"):
            try:
                return store_population(area, read_population(folder / name), file_name=name)
            except PopulationError:
                return None
    return None
