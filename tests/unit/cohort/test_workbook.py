"""The inspection lists workbook (section 8): cover, five lists, typed cells, no formulas."""

from __future__ import annotations

from datetime import date, datetime

import openpyxl

from jtai.cohort.front_door import front_door
from jtai.cohort.select import select_cohort
from jtai.cohort.workbook import SHEETS, write_inspection_lists
from tests.unit.cohort.helpers import AS_OF, DEFAULT, Child, tables


def test_workbook_has_cover_and_five_typed_lists_without_formula_cells(tmp_path):
    child = Child(la="=cmd|' /C calc'!A0").cin_plan().self_harm(date(2024, 9, 1))
    child.person("la_persons", "=cmd|' /C calc'!A0", forename="@Sam", surname="-Smith")
    child.event("annex_a", "contact", "6", date(2025, 1, 10))
    child.event(
        "health_referrals", "health_referral", "camhs", date(2024, 5, 1), outcome="rejected"
    )
    child.event("yjs_cases", "yjs_case", "yro", date(2024, 1, 1), mh_screen="concern")
    t = tables(child)
    path = tmp_path / "lists.xlsx"
    counts = write_inspection_lists(
        select_cohort(t, DEFAULT, AS_OF), front_door(t, DEFAULT, AS_OF), t, DEFAULT, AS_OF, path
    )
    assert list(counts.values()) == [1, 1, 1, 1, 1]

    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Cover", *SHEETS]
    cover = {row[0]: row[1] for row in book["Cover"].iter_rows(values_only=True)}
    assert (cover["Definition"], cover["Definition version"]) == ("jtai-mh-2019", "1.0.0")
    assert cover["As-of date"] == datetime(2025, 3, 31)
    cohort_sheet = book[SHEETS[0]]
    header = [c.value for c in cohort_sheet[1]]
    row = dict(zip(header, [c for c in cohort_sheet[2]], strict=True))
    assert row["LA child ID"].value == "'=cmd|' /C calc'!A0"
    assert (row["Forename"].value, row["Surname"].value) == ("'@Sam", "'-Smith")
    assert row["Date of birth"].is_date and row["Date of birth"].number_format == "yyyy-mm-dd"
    assert row["Age"].value == 12 and row["Age"].data_type == "n"
    assert row["Indicators"].value == "camhs_not_accepted;ed_self_harm;yjs_mh_concern"
    assert cohort_sheet.column_dimensions["A"].width > 10
    for sheet in book:
        for cells in sheet.iter_rows():
            assert all(c.data_type != "f" for c in cells)
    assert book[SHEETS[3]]["H2"].value == "ed_self_harm"
