"""The dirty cases exist, carry their fault, and say what the loader must make of them."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from lxml import etree

from jtai.core.identifiers import is_valid_nhs_number, is_valid_upn


def expected(folder: Path) -> list[dict[str, str]]:
    with (folder / "_dirty" / "expected.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_every_case_in_expected_csv_has_its_file(folder: Path) -> None:
    rows = expected(folder)
    assert list(rows[0]) == ["case", "file", "fault", "expect", "row", "column"]
    assert len(rows) >= 14
    for row in rows:
        assert (folder / "_dirty" / row["case"] / row["file"]).is_file()
        assert row["expect"] in {"rejected", "accepted_with_query"}


def test_bad_check_characters_are_queries_not_rejections(folder: Path) -> None:
    by_fault = {r["fault"]: r for r in expected(folder)}
    assert by_fault["bad_nhs_check_digit"]["expect"] == "accepted_with_query"
    assert by_fault["bad_upn_check_letter"]["expect"] == "accepted_with_query"
    assert by_fault["date_after_as_of"]["expect"] == "accepted_with_query"
    assert by_fault["unreadable_file"]["expect"] == "rejected"


def _cell(folder: Path, case: str) -> str:
    row = next(r for r in expected(folder) if r["case"] == case)
    with (folder / "_dirty" / case / row["file"]).open(encoding="utf-8", newline="") as handle:
        lines = list(csv.DictReader(handle))
    return lines[int(row["row"]) - 2][row["column"]]


def test_identifier_faults_sit_where_expected_csv_says(folder: Path) -> None:
    assert not is_valid_nhs_number(_cell(folder, "bad_nhs_check_digit"))
    assert not is_valid_upn(_cell(folder, "bad_upn_check_letter"))
    assert _cell(folder, "missing_person_id") == ""


def test_unreadable_cases_cannot_be_read(folder: Path) -> None:
    dirty = folder / "_dirty"
    with pytest.raises(etree.XMLSyntaxError):
        etree.parse(str(dirty / "truncated_xml" / "cin_census.xml"))
    with pytest.raises(UnicodeDecodeError):
        (dirty / "wrong_encoding" / "police_events.csv").read_bytes().decode("utf-8")


def test_cp_plan_with_no_start_is_at_the_xml_path_given(folder: Path) -> None:
    row = next(r for r in expected(folder) if r["case"] == "cp_plan_no_start")
    root = etree.parse(str(folder / "_dirty" / "cp_plan_no_start" / "cin_census.xml"))
    plan = root.xpath(row["row"])
    assert len(plan) == 1 and plan[0].find("CPPstartDate") is None
