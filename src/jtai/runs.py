"""The one place the steps are chained, so the command line and the web cannot drift apart.

Each run is a plain function: the CLI and the web parse their input, call one of these, and format
what comes back. Dates are parameters; nothing here reads the clock.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jtai.access.log import record_access
from jtai.access.roles import AgencyChoice, Role
from jtai.access.services import create_member
from jtai.areas.models import Area
from jtai.areas.services import ensure_area
from jtai.core.export_safety import write_safe_csv
from jtai.ingest import read_folder
from jtai.records.models import LoadStatus
from jtai.records.services import LoadOutcome, record_load
from jtai.synth import generate_area

Progress = Callable[[str, int, int], None]

DEMO_AREA_CODE = "E06009999"
DEMO_AREA_NAME = "Fenmoor Safeguarding Children Partnership (synthetic)"

# One demo account per kind of user the product serves, with what they will be able to do.
DEMO_USERS: tuple[tuple[str, str, AgencyChoice, tuple[Role, ...]], ...] = (
    ("admin", "Ada Admin", AgencyChoice.PARTNERSHIP, (Role.PARTNERSHIP_ADMIN,)),
    ("analyst", "Anil Analyst", AgencyChoice.LOCAL_AUTHORITY, (Role.LA_ANALYST,)),
    ("health.auditor", "Hana Health", AgencyChoice.HEALTH, (Role.AGENCY_AUDITOR,)),
    ("police.auditor", "Pat Police", AgencyChoice.POLICE, (Role.AGENCY_AUDITOR,)),
    ("moderator", "Mo Moderator", AgencyChoice.PARTNERSHIP, (Role.MODERATOR,)),
    ("executive", "Eve Executive", AgencyChoice.PARTNERSHIP, (Role.EXECUTIVE,)),
)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    agency: str
    roles: list[str]


@dataclass(frozen=True)
class DemoResult:
    area: Area
    accounts: list[DemoAccount]
    data_dir: Path | None
    steps: list[str]


def create_demo_accounts(area: Area) -> list[DemoAccount]:
    """(Re)create the demo users with fresh random passwords, printed once and stored hashed."""
    accounts = []
    for username, full_name, agency, roles in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        create_member(
            username=username,
            password=password,
            area=area,
            agency=agency,
            roles=list(roles),
            full_name=full_name,
        )
        accounts.append(
            DemoAccount(username, password, str(agency.label), [str(r.label) for r in roles])
        )
    return accounts


def prepare_demo(
    *,
    data_dir: Path,
    children: int,
    seed: int,
    as_of: date,
    progress: Progress | None = None,
) -> DemoResult:
    """Create the synthetic demo area with its users and run every pipeline step that exists.

    The synthetic files are written once per (children, seed, as-of) into `data_dir`; running the
    demo again reuses them, and loading them again changes nothing.
    """
    area, _created = ensure_area(DEMO_AREA_CODE, DEMO_AREA_NAME)
    steps = [f"area {area.code} ready"]
    folder = data_dir / f"synthetic-{children}-seed{seed}-{as_of.isoformat()}"
    if not (folder / "_truth" / "persons.csv").exists():
        summary = generate_area(folder, children, seed, as_of)
        steps.append(f"synthetic partnership of {children:,} children written to {folder}")
        steps.append(f"{summary.cohort} children in the expected deep-dive cohort")
    loaded = load_folder(folder, area_code=area.code, as_of=as_of, actor="demo", progress=progress)
    for outcome in loaded.files:
        steps.append(f"{outcome.file}: {outcome.status} ({outcome.rows_read:,} rows)")
    accounts = create_demo_accounts(area)
    steps.append(f"{len(accounts)} demo accounts with new passwords")
    return DemoResult(area=area, accounts=accounts, data_dir=folder, steps=steps)


# --- Loading a folder ------------------------------------------------------------------------

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
    report_rows: list[tuple[object, ...]] = [
        ("not loaded", *_issue_fields(issue)) for issue in read.unrecognised
    ]
    total = len(read.files)
    for index, parsed in enumerate(read.files):
        if progress:
            progress(f"loading {parsed.file}", total + index, total * 2)
        outcome = record_load(area, parsed, as_of=as_of, actor=actor, user=user)
        file_outcome = _file_outcome(parsed.file, outcome)
        result.files.append(file_outcome)
        report_rows.extend((file_outcome.status, *_issue_fields(i)) for i in parsed.issues)
    if progress:
        progress("done", total * 2, total * 2)
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
