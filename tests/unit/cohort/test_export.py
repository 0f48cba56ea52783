"""The cohort export contract (section 5)."""

from __future__ import annotations

import csv
from datetime import date

from jtai.cohort.export import COHORT_EXPORT_COLUMNS, write_cohort_csv
from tests.unit.cohort.helpers import Child, cohort


def test_export_has_exact_columns_one_row_per_child_sorted_with_indicators_alphabetical(tmp_path):
    b = Child(la="B2").cin_plan().self_harm().event("school_events", "school_event", "referral_camhs",
                                                    date(2024, 1, 1))  # fmt: skip
    a = Child(la="A1").event("annex_a", "cp_plan", "NEG", date(2024, 1, 1)).self_harm()
    a.self_harm(date(2024, 2, 2))  # a second record for the same indicator
    path = tmp_path / "cohort.csv"
    assert write_cohort_csv(cohort(b, a), path) == 2
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == COHORT_EXPORT_COLUMNS
    assert rows[1:] == [
        ["A1", "CP", "living_with", "Y", "ed_self_harm"],
        ["B2", "CIN", "living_with", "N", "ed_self_harm;school_mh_concern"],
    ]
    assert path.read_bytes().endswith(b"\r\n")


def test_export_neutralises_formula_like_ids(tmp_path):
    child = Child(la="=HYPERLINK(1)").cin_plan().self_harm()
    path = tmp_path / "cohort.csv"
    write_cohort_csv(cohort(child), path)
    assert path.read_text(encoding="utf-8").splitlines()[1].startswith("'=HYPERLINK(1)")


def test_empty_cohort_exports_header_only(tmp_path):
    path = tmp_path / "cohort.csv"
    assert write_cohort_csv(cohort(Child().self_harm()), path) == 0
    assert path.read_bytes() == (",".join(COHORT_EXPORT_COLUMNS) + "\r\n").encode()
