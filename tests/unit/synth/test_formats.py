"""The files are in exactly the formats of the input contract and parse with independent readers."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from lxml import etree
from openpyxl import load_workbook

from jtai.synth.writers.partners import PARTNER_COLUMNS
from jtai.synth.writers.ssda903 import SSDA903_COLUMNS

from .conftest import AREA_CHILDREN, AS_OF

CONTRACT_FILES = (
    "cin_census.xml",
    "ssda903_header.csv",
    "ssda903_episodes.csv",
    "ssda903_oc2.csv",
    "ssda903_missing.csv",
    "ssda903_reviews.csv",
    "annex_a.xlsx",
    "la_persons.csv",
    "health_referrals.csv",
    "health_events.csv",
    "police_events.csv",
    "school_pupils.csv",
    "school_events.csv",
    "yjs_cases.csv",
    "early_help.csv",
    "population.csv",
)
DFE_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODES = {
    ("health_referrals", "service"): {"camhs", "eating_disorder", "crisis", "mhst", "ld_camhs"},
    ("health_referrals", "outcome"): {"accepted", "rejected", "signposted", "pending"},
    ("health_referrals", "referral_source"): {
        "gp",
        "school",
        "social_care",
        "police",
        "emergency_department",
        "yjs",
        "self_or_family",
        "health_other",
        "other",
    },
    ("health_events", "event_type"): {
        "ed_self_harm",
        "ed_mental_health",
        "mh_admission",
        "gp_mental_health_concern",
        "school_nurse_concern",
        "lac_health_assessment",
    },
    ("police_events", "event_type"): {
        "missing_episode",
        "s136_detention",
        "vulnerability_notification",
        "arrest",
        "victim_of_crime",
        "exploitation_concern",
        "domestic_abuse_household",
    },
    ("school_events", "event_type"): {
        "dsl_concern",
        "in_school_support",
        "referral_mhst",
        "referral_camhs",
        "referral_early_help",
        "referral_social_care",
        "referral_school_nurse",
        "suspension",
        "permanent_exclusion",
    },
    ("school_pupils", "sen_provision"): {"N", "K", "E"},
    ("yjs_cases", "mh_screen"): {"concern", "no_concern", "not_screened"},
    ("early_help", "reason"): {
        "mental_health",
        "behaviour",
        "family_conflict",
        "school_attendance",
        "parenting",
        "domestic_abuse",
        "substance_misuse",
        "other",
    },
}


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle))


def test_every_contract_file_is_written_under_its_contract_name(folder: Path) -> None:
    missing = [name for name in CONTRACT_FILES if not (folder / name).is_file()]
    assert missing == []
    assert (folder / "_truth" / "persons.csv").is_file()
    assert (folder / "_truth" / "cohort.csv").is_file()


def test_cin_census_parses_with_lxml_and_uses_the_current_sex_item(folder: Path) -> None:
    root = etree.parse(str(folder / "cin_census.xml")).getroot()
    assert root.tag == "Message"
    assert root.findtext("Header/CollectionDetails/Collection") == "CIN"
    children = root.findall("Children/Child")
    assert len(children) > 100
    assert root.find(".//GenderCurrent") is None
    for child in children:
        assert child.findtext("ChildIdentifiers/Sex") in {"M", "F", "U"}
        la_id = child.findtext("ChildIdentifiers/LAchildID") or ""
        assert la_id.isalnum() and len(la_id) <= 20
        assert child.findall("CINdetails")


def test_ssda903_files_have_the_dfe_columns_and_dfe_dates(folder: Path) -> None:
    date_columns = {"DOB", "DECOM", "DEC", "MIS_START", "MIS_END", "REVIEW", "MC_DOB"}
    for name, columns in SSDA903_COLUMNS.items():
        path = folder / f"{name}.csv"
        assert header(path) == list(columns)
        for row in read(path):
            for column in date_columns.intersection(row):
                assert row[column] == "" or DFE_DATE.match(row[column]), (name, column, row)


def test_partner_files_have_the_contract_columns_iso_dates_and_codes(folder: Path) -> None:
    for name, columns in PARTNER_COLUMNS.items():
        path = folder / f"{name}.csv"
        assert header(path) == list(columns)
        rows = read(path)
        assert rows, name
        for row in rows:
            assert row["person_id"]
            for column, value in row.items():
                if (column == "dob" or column.endswith("_date")) and value:
                    assert ISO_DATE.match(value), (name, column, value)
            for (file, column), allowed in CODES.items():
                if file == name and row[column]:
                    assert row[column] in allowed, (name, column, row[column])


def test_annex_a_has_lists_1_to_8_with_ofsted_headers_and_labels(folder: Path) -> None:
    book = load_workbook(folder / "annex_a.xlsx", read_only=True)
    assert book.sheetnames == [f"List {n}" for n in range(1, 9)]
    for sheet in book.worksheets:
        rows = list(sheet.iter_rows(max_row=300, values_only=True))
        assert rows[0][:5] == ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age")
        for row in rows[1:]:
            assert row[1] in {"a) Male", "b) Female", "c) Not stated/recorded"}
            assert re.match(r"^[a-t]\) [A-Z]{4}$", str(row[2]))
    contacts = list(book["List 1"].iter_rows(max_row=2000, values_only=True))[1:]
    assert any(str(r[6]).startswith("q) 6: Police") for r in contacts)


def test_nothing_in_the_clean_folder_is_dated_after_the_as_of_date(folder: Path) -> None:
    for path in sorted(folder.glob("*.csv")):
        for row in read(path):
            for column, value in row.items():
                if ISO_DATE.match(value or ""):
                    assert value <= AS_OF.isoformat(), (path.name, column, value)
                elif DFE_DATE.match(value or ""):
                    day, month, year = value.split("/")
                    assert f"{year}-{month}-{day}" <= AS_OF.isoformat(), (path.name, column)
    root = etree.parse(str(folder / "cin_census.xml")).getroot()
    for element in root.find("Children").iter():
        if element.text and ISO_DATE.match(element.text):
            assert element.text <= AS_OF.isoformat(), element.tag


def test_population_file_counts_every_child_by_single_year_and_sex(folder: Path) -> None:
    rows = read(folder / "population.csv")
    assert header(folder / "population.csv") == ["age", "sex", "population"]
    assert {int(r["age"]) for r in rows} == set(range(18))
    assert sum(int(r["population"]) for r in rows) == AREA_CHILDREN
