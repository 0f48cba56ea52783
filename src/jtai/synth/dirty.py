"""Faulty files for the validators: one folder per kind of fault the contract names.

Each case folder holds one small file under its contract file name, built from a valid template
with a single fault injected, and `expected.csv` says what the loader must make of it: `rejected`
(a file that cannot be read, or whose rows break a rule) or `accepted_with_query` (kept, flagged:
bad check characters, dates after the as-of date, unknown columns, unlinkable rows). `row` is the
1-based line (the header is row 1) or, for XML, the element path; `column` the canonical column.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from jtai.synth.dirty_templates import (
    PEOPLE,
    cin_xml,
    episodes_903,
    header_903,
    partner_csv,
)

EXPECTED_COLUMNS = ("case", "file", "fault", "expect", "row", "column")
REJECTED, QUERY = "rejected", "accepted_with_query"


@dataclass(frozen=True, slots=True)
class Case:
    case: str
    file: str
    fault: str
    expect: str
    row: str
    column: str
    build: Callable[[date], bytes]


def _set(row: int, column: str, value: str) -> Callable[[list[dict[str, str]], list[str]], None]:
    """Edit one cell; `row` is the file's line number (2 = first data row)."""

    def edit(rows: list[dict[str, str]], columns: list[str]) -> None:
        rows[row - 2][column] = value

    return edit


def _drop(column: str) -> Callable[[list[dict[str, str]], list[str]], None]:
    def edit(rows: list[dict[str, str]], columns: list[str]) -> None:
        columns.remove(column)

    return edit


def _add_column(column: str) -> Callable[[list[dict[str, str]], list[str]], None]:
    def edit(rows: list[dict[str, str]], columns: list[str]) -> None:
        columns.append(column)
        for row in rows:
            row[column] = "synthetic note"

    return edit


def _duplicate(column: str) -> Callable[[list[dict[str, str]], list[str]], None]:
    def edit(rows: list[dict[str, str]], columns: list[str]) -> None:
        rows[2][column] = rows[0][column]

    return edit


def _unlinkable(rows: list[dict[str, str]], columns: list[str]) -> None:
    for column in ("nhs_number", "upn", "la_child_id", "surname", "dob"):
        rows[0][column] = ""


def _wrong_nhs(as_of: date) -> bytes:
    good = PEOPLE[0][1]
    bad = good[:9] + str((int(good[9]) + 1) % 10)
    return partner_csv("health_events", as_of, _set(2, "nhs_number", bad))


def _wrong_upn(as_of: date) -> bytes:
    good = PEOPLE[1][2]
    bad = ("B" if good[0] != "B" else "C") + good[1:]
    return partner_csv("school_pupils", as_of, _set(3, "upn", bad))


def _cp1252(as_of: date) -> bytes:
    text = partner_csv("police_events", as_of, _set(3, "forename", "Zoë")).decode("utf-8")
    return text.encode("cp1252")


def cases() -> list[Case]:
    """Every dirty case, in a stable order."""
    cp_path = "/Message/Children/Child[1]/CINdetails[1]/ChildProtectionPlans[1]"
    sex_path = "/Message/Children/Child[1]/ChildIdentifiers"
    return [
        Case(
            "unreadable_file",
            "health_referrals.csv",
            "unreadable_file",
            REJECTED,
            "",
            "",
            lambda d: b"PK\x03\x04\x14\x00\x00\x00\x08\x00\x00\x00!\x00\xff\xfe\x00binary",
        ),
        Case(
            "wrong_format",
            "annex_a.xlsx",
            "wrong_format",
            REJECTED,
            "",
            "",
            lambda d: b"Child Unique ID,Gender\r\n0300007,a) Male\r\n",
        ),
        Case(
            "truncated_xml",
            "cin_census.xml",
            "truncated_xml",
            REJECTED,
            "",
            "",
            lambda d: cin_xml(d)[:700],
        ),
        Case("wrong_encoding", "police_events.csv", "wrong_encoding", REJECTED, "", "", _cp1252),
        Case(
            "missing_required_column",
            "health_events.csv",
            "missing_required_column",
            REJECTED,
            "1",
            "event_type",
            lambda d: partner_csv("health_events", d, _drop("event_type")),
        ),
        Case(
            "missing_person_id",
            "school_events.csv",
            "missing_person_id",
            REJECTED,
            "3",
            "person_id",
            lambda d: partner_csv("school_events", d, _set(3, "person_id", "")),
        ),
        Case(
            "bad_date",
            "yjs_cases.csv",
            "bad_date",
            REJECTED,
            "2",
            "start_date",
            lambda d: partner_csv("yjs_cases", d, _set(2, "start_date", "31/02/2025")),
        ),
        Case(
            "bad_date_format",
            "health_events.csv",
            "bad_date",
            REJECTED,
            "4",
            "event_date",
            lambda d: partner_csv("health_events", d, _set(4, "event_date", "3rd May 2025")),
        ),
        Case(
            "unknown_code",
            "police_events.csv",
            "unknown_code",
            REJECTED,
            "2",
            "event_type",
            lambda d: partner_csv("police_events", d, _set(2, "event_type", "burglary")),
        ),
        Case(
            "unknown_sex_code",
            "la_persons.csv",
            "unknown_code",
            REJECTED,
            "3",
            "sex",
            lambda d: partner_csv("la_persons", d, _set(3, "sex", "X")),
        ),
        Case(
            "bad_flag",
            "police_events.csv",
            "unknown_code",
            REJECTED,
            "4",
            "mental_health_flag",
            lambda d: partner_csv("police_events", d, _set(4, "mental_health_flag", "maybe")),
        ),
        Case(
            "end_before_start",
            "early_help.csv",
            "end_before_start",
            REJECTED,
            "2",
            "end_date",
            lambda d: partner_csv("early_help", d, _set(2, "end_date", "2001-01-01")),
        ),
        Case(
            "duplicate_key",
            "health_referrals.csv",
            "duplicate_key",
            REJECTED,
            "4",
            "referral_id",
            lambda d: partner_csv("health_referrals", d, _duplicate("referral_id")),
        ),
        Case(
            "bad_nhs_check_digit",
            "health_events.csv",
            "bad_nhs_check_digit",
            QUERY,
            "2",
            "nhs_number",
            _wrong_nhs,
        ),
        Case(
            "bad_upn_check_letter",
            "school_pupils.csv",
            "bad_upn_check_letter",
            QUERY,
            "3",
            "upn",
            _wrong_upn,
        ),
        Case(
            "dates_after_as_of",
            "police_events.csv",
            "date_after_as_of",
            QUERY,
            "3",
            "event_date",
            lambda d: partner_csv(
                "police_events", d, _set(3, "event_date", (d + timedelta(days=12)).isoformat())
            ),
        ),
        Case(
            "unknown_column",
            "school_events.csv",
            "unknown_column",
            QUERY,
            "1",
            "notes",
            lambda d: partner_csv("school_events", d, _add_column("notes")),
        ),
        Case(
            "unlinkable_row",
            "health_events.csv",
            "unlinkable_row",
            QUERY,
            "2",
            "",
            lambda d: partner_csv("health_events", d, _unlinkable),
        ),
        Case(
            "overlapping_903_episodes",
            "ssda903_episodes.csv",
            "overlapping_episodes",
            REJECTED,
            "3",
            "DECOM",
            lambda d: episodes_903(overlap=True),
        ),
        Case(
            "unknown_903_code",
            "ssda903_episodes.csv",
            "unknown_code",
            REJECTED,
            "2",
            "LS",
            lambda d: episodes_903(overlap=False, legal_status="Z9"),
        ),
        Case(
            "bad_903_date",
            "ssda903_header.csv",
            "bad_date",
            REJECTED,
            "2",
            "DOB",
            lambda d: header_903("31/13/2012"),
        ),
        Case(
            "cp_plan_no_start",
            "cin_census.xml",
            "cp_plan_no_start",
            REJECTED,
            cp_path,
            "CPPstartDate",
            lambda d: cin_xml(d, cp_start=False),
        ),
        Case(
            "cin_missing_sex",
            "cin_census.xml",
            "missing_required_element",
            REJECTED,
            sex_path,
            "Sex",
            lambda d: cin_xml(d, sex=False),
        ),
    ]


def write_dirty(outdir: Path, as_of: date) -> int:
    """Write `_dirty/<case>/<file>` for every case and `_dirty/expected.csv`; return the count."""
    root = outdir / "_dirty"
    root.mkdir(parents=True, exist_ok=True)
    all_cases = cases()
    with (root / "expected.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(EXPECTED_COLUMNS)
        for case in all_cases:
            folder = root / case.case
            folder.mkdir(exist_ok=True)
            (folder / case.file).write_bytes(case.build(as_of))
            writer.writerow([case.case, case.file, case.fault, case.expect, case.row, case.column])
    return len(all_cases)
