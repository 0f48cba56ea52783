"""The demo: a synthetic partnership, loaded and linked, with one account per kind of user."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from jtai.access.roles import AgencyChoice, Role
from jtai.access.services import create_member
from jtai.areas.models import Area
from jtai.areas.services import ensure_area
from jtai.runs.loading import Progress, load_folder
from jtai.synth import generate_area

DEMO_AREA_CODE = "E06009999"
DEMO_AREA_NAME = "Fenmoor Safeguarding Children Partnership (synthetic)"

# One demo account per kind of user the product serves, with what they will be able to do.
DEMO_USERS: tuple[tuple[str, str, AgencyChoice, tuple[Role, ...]], ...] = (
    ("admin", "Ada Admin", AgencyChoice.PARTNERSHIP, (Role.PARTNERSHIP_ADMIN,)),
    ("analyst", "Anil Analyst", AgencyChoice.LOCAL_AUTHORITY, (Role.LA_ANALYST,)),
    ("health.auditor", "Hana Health", AgencyChoice.HEALTH, (Role.AGENCY_AUDITOR,)),
    ("police.auditor", "Pat Police", AgencyChoice.POLICE, (Role.AGENCY_AUDITOR,)),
    ("social.care.auditor", "Sol Social", AgencyChoice.LOCAL_AUTHORITY, (Role.AGENCY_AUDITOR,)),
    ("school.auditor", "Sam School", AgencyChoice.SCHOOL, (Role.AGENCY_AUDITOR,)),
    ("yjs.auditor", "Yan Justice", AgencyChoice.YOUTH_JUSTICE, (Role.AGENCY_AUDITOR,)),
    ("moderator", "Mo Moderator", AgencyChoice.PARTNERSHIP, (Role.MODERATOR,)),
    ("executive", "Eve Executive", AgencyChoice.PARTNERSHIP, (Role.EXECUTIVE,)),
    ("inspector", "Ian Inspector", AgencyChoice.INSPECTORATE, (Role.INSPECTOR,)),
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


INSPECTION_DAYS = 30


def create_demo_accounts(area: Area, *, as_of: date) -> list[DemoAccount]:
    """(Re)create the demo users with fresh random passwords, printed once and stored hashed.

    The inspector's account is time-limited: it ends INSPECTION_DAYS after the as-of date.
    """
    accounts = []
    ends = datetime.combine(as_of + timedelta(days=INSPECTION_DAYS), time(23, 59), tzinfo=UTC)
    for username, full_name, agency, roles in DEMO_USERS:
        password = secrets.token_urlsafe(12)
        create_member(
            username=username,
            password=password,
            area=area,
            agency=agency,
            roles=list(roles),
            full_name=full_name,
            expires_at=ends if Role.INSPECTOR in roles else None,
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
    accounts = create_demo_accounts(area, as_of=as_of)
    steps.append(f"{len(accounts)} demo accounts with new passwords")
    return DemoResult(area=area, accounts=accounts, data_dir=folder, steps=steps)
