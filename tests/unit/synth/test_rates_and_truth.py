"""Rates near the published figures, and a truth cohort that agrees with the files written."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from lxml import etree

from jtai.core.dates import age_on
from jtai.synth import AreaSummary
from jtai.synth.model import CareEpisode, Child, Plan, Referral
from jtai.synth.truth import cohort_row, legal_status

from .conftest import AREA_CHILDREN, AS_OF


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _cin_children(folder: Path) -> dict[str, etree._Element]:
    root = etree.parse(str(folder / "cin_census.xml")).getroot()
    return {c.findtext("ChildIdentifiers/LAchildID"): c for c in root.findall("Children/Child")}


def test_children_in_need_cp_and_looked_after_rates_are_near_dfe_figures(folder: Path) -> None:
    children = _cin_children(folder)
    in_need = sum(
        1
        for c in children.values()
        if any(d.find("CINclosureDate") is None for d in c.iter("CINdetails"))
    )
    on_cp = sum(
        1
        for c in children.values()
        if any(p.find("CPPendDate") is None for p in c.iter("ChildProtectionPlans"))
    )
    open_care = {
        r["CHILD"]
        for r in read(folder / "ssda903_episodes.csv")
        if not r["DEC"] and r["LS"] not in ("V3", "V4")
    }
    assert 0.027 <= in_need / AREA_CHILDREN <= 0.039  # DfE: 3.3%
    assert 0.0025 <= on_cp / AREA_CHILDREN <= 0.0058  # DfE: 0.41%
    assert 0.0050 <= len(open_care) / AREA_CHILDREN <= 0.0092  # DfE: 0.70%


def test_one_in_eight_have_a_disorder_and_a_quarter_of_them_reach_services(
    area: AreaSummary,
) -> None:
    assert 0.105 <= area.rate(area.disorder_5_17, area.aged_5_17) <= 0.145  # NHS Digital 2017
    assert 0.18 <= area.rate(area.disorder_in_contact, area.disorder_5_17) <= 0.34


def test_about_a_third_of_decided_camhs_referrals_close_before_treatment(folder: Path) -> None:
    rows = [r for r in read(folder / "health_referrals.csv") if r["outcome"] != "pending"]
    not_accepted = sum(1 for r in rows if r["outcome"] in ("rejected", "signposted"))
    assert 0.2 <= not_accepted / len(rows) <= 0.45


def test_truth_cohort_is_non_empty_and_follows_the_export_contract(folder: Path) -> None:
    rows = read(folder / "_truth" / "cohort.csv")
    assert list(rows[0]) == ["la_child_id", "legal_status", "mh_category", "at_risk", "indicators"]
    assert len(rows) >= 30
    children = _cin_children(folder)
    for row in rows:
        assert row["legal_status"] in {"CLA", "CP", "CIN"}
        assert row["mh_category"] in {"diagnosed", "living_with", "early_signs"}
        assert row["at_risk"] in {"Y", "N"}
        names = row["indicators"].split(";")
        assert names == sorted(names) and all(names)
        assert (row["mh_category"] == "diagnosed") == ("icd10_f_diagnosis" in names)
        dob = date.fromisoformat(
            children[row["la_child_id"]].findtext("ChildIdentifiers/PersonBirthDate")
        )
        assert 10 <= age_on(dob, AS_OF) <= 15
    assert {r["legal_status"] for r in rows} == {"CLA", "CP", "CIN"}
    assert {r["at_risk"] for r in rows} == {"Y", "N"}


def test_cohort_legal_status_agrees_with_the_statutory_files(folder: Path) -> None:
    rows = read(folder / "_truth" / "cohort.csv")
    open_care = {
        r["CHILD"]
        for r in read(folder / "ssda903_episodes.csv")
        if not r["DEC"] and r["LS"] not in ("V3", "V4")
    }
    children = _cin_children(folder)
    for row in rows:
        child = children[row["la_child_id"]]
        open_cp = any(p.find("CPPendDate") is None for p in child.iter("ChildProtectionPlans"))
        open_cin = any(p.find("CINPlanEndDate") is None for p in child.iter("CINPlanDates"))
        if row["legal_status"] == "CLA":
            assert row["la_child_id"] in open_care
        elif row["legal_status"] == "CP":
            assert row["la_child_id"] not in open_care and open_cp
        else:
            assert row["la_child_id"] not in open_care and not open_cp and open_cin


def _short_break_child() -> Child:
    child = Child(
        "C1",
        "Amy",
        "Okafor",
        "F",
        date(2013, 5, 1),
        "WBRI",
        "9990000135",
        1,
        [(date(1900, 1, 1), "NX1 1AB")],
        la_child_id="0300007",
    )
    referral = Referral(date(2025, 1, 2), date(2025, 1, 3), "2A", "N2", False)
    referral.cin_plans.append(Plan(date(2025, 2, 1), None))
    child.referrals.append(referral)
    child.episodes.append(CareEpisode(date(2025, 3, 1), None, "S", "V4", "N2", "U6", "PR1"))
    return child


def test_short_break_child_with_a_cin_plan_is_cin_not_looked_after() -> None:
    assert legal_status(_short_break_child(), AS_OF) == "CIN"


def test_child_without_a_mental_health_indicator_is_not_in_the_cohort() -> None:
    assert cohort_row(_short_break_child(), AS_OF) is None
