from __future__ import annotations

import io

import pytest

from jtai.core.export_safety import neutralise_cell, write_safe_csv


@pytest.mark.parametrize("value", ["=SUM(A1)", "+cmd", "-1+2", "@SUM(1)", "\tx", "\rx", "=1"])
def test_formula_like_values_are_prefixed_with_a_quote(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["-3", "+44", "-0.5", "1e5", "", "Smith", "a=b"])
def test_plain_numbers_and_text_are_unchanged(value):
    assert neutralise_cell(value) == value


def test_csv_writer_neutralises_every_cell_including_header():
    out = io.StringIO(newline="")
    assert write_safe_csv(out, ["=h"], [["=1+1"], [None], [True]]) == 3
    assert out.getvalue().splitlines() == ["'=h", "'=1+1", '""', "Y"]
