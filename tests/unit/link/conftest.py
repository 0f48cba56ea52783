"""Tiny literal person records, and one small synthetic area linked once for the whole folder."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from jtai.core.canonical import PERSON_COLUMNS
from jtai.core.identifiers import is_valid_nhs_number, is_valid_upn, nhs_check_digit
from jtai.link import LinkResult, link_persons

AS_OF = date(2026, 3, 31)


def nhs(n: int) -> str:
    """A valid NHS number in the never-issued 999 range."""
    while True:
        body = f"999{n:06d}"
        check = nhs_check_digit(body)
        if check is not None:
            return f"{body}{check}"
        n += 1


def bad_nhs(n: int) -> str:
    number = nhs(n)
    return number[:9] + str((int(number[9]) + 1) % 10)


def person(source: str, person_id: str, **fields: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(PERSON_COLUMNS)
    row.update(source=source, person_id=person_id, **fields)
    if row["nhs_number"] is not None:
        row["nhs_number_valid"] = is_valid_nhs_number(row["nhs_number"])
    if row["upn"] is not None:
        row["upn_valid"] = is_valid_upn(row["upn"])
    if isinstance(row["dob"], str):
        row["dob"] = date.fromisoformat(row["dob"])
    return row


SCHEMA = pa.schema(
    [
        (c, pa.bool_() if c.endswith("_valid") else pa.date32() if c == "dob" else pa.string())
        for c in PERSON_COLUMNS
    ]
)


def persons(*rows: dict[str, Any]) -> pa.Table:
    return pa.Table.from_pylist(list(rows), schema=SCHEMA)


def child_of(result: LinkResult) -> dict[str, str]:
    return result.child_keys()


# Records added to the synthetic area to test the model on cases we know; their sources and ids
# are not in the area's truth file, so they do not move the quality figures.
CASES = [
    # Nickname, and the family moved within the district.
    person(
        "police_events",
        "TNICK1",
        forename="Jess",
        surname="Tenterden",
        dob="2012-05-14",
        sex="F",
        postcode="NX3 4AB",
    ),
    person(
        "health_events",
        "TNICK2",
        forename="Jessica",
        surname="Tenterden",
        dob="2012-05-14",
        sex="F",
        postcode="NX3 7QD",
    ),
    # Day and month swapped, with a nickname.
    person(
        "police_events",
        "TSWAP1",
        forename="Thomas",
        surname="Quenby",
        dob="2010-03-07",
        sex="M",
        postcode="NX9 2EF",
    ),
    person(
        "school_pupils",
        "TSWAP2",
        forename="Tom",
        surname="Quenby",
        dob="2010-07-03",
        sex="M",
        postcode="NX9 2EF",
    ),
    # Twins: same surname, date of birth and postcode, different forenames.
    person(
        "school_pupils",
        "TTWIN1",
        forename="Ava",
        surname="Marchbank",
        dob="2015-09-01",
        sex="F",
        postcode="NX5 1HL",
    ),
    person(
        "school_pupils",
        "TTWIN2",
        forename="Isla",
        surname="Marchbank",
        dob="2015-09-01",
        sex="F",
        postcode="NX5 1HL",
    ),
    person(
        "health_events",
        "TTWIN3",
        forename="Isla",
        surname="Marchbank",
        dob="2015-09-01",
        sex="F",
        postcode="NX5 1HL",
    ),
    # The same wrong NHS number on two different children.
    person(
        "health_events",
        "TBAD1",
        forename="Priya",
        surname="Hallam",
        dob="2011-01-20",
        sex="F",
        postcode="NX2 3RT",
        nhs_number=bad_nhs(424242),
    ),
    person(
        "police_events",
        "TBAD2",
        forename="Kwame",
        surname="Osei",
        dob="2009-11-02",
        sex="M",
        postcode="NX7 8LP",
        nhs_number=bad_nhs(424242),
    ),
]


@pytest.fixture(scope="session")
def synthetic_area(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from jtai.synth.api import generate_area

    folder = tmp_path_factory.mktemp("area")
    generate_area(folder, 2000, 11, AS_OF)
    return folder


@pytest.fixture(scope="session")
def linked_area(synthetic_area: Path) -> Iterator[tuple[Path, LinkResult]]:
    from jtai.link.evaluate import read_persons

    area = read_persons(synthetic_area, AS_OF)
    cases = persons(*CASES).cast(area.schema)
    yield synthetic_area, link_persons(pa.concat_tables([area, cases]))
