"""The guarded one-edit date-of-birth level says exactly what Damerau-Levenshtein <= 1 says."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from jtai.link.comparisons import _dob_one_edit

CONDITION = _dob_one_edit().get_comparison_level("duckdb").as_dict()["sql_condition"]


def _edited(text: str, draw: st.DrawFn) -> str:
    """The date with a few random single edits: substitutions, transpositions, shifts."""
    chars = list(text)
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(chars) - 1))
        kind = draw(st.sampled_from(["sub", "swap", "del", "ins"]))
        if kind == "sub":
            chars[at] = draw(st.sampled_from("0123456789-"))
        elif kind == "swap" and at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
        elif kind == "del" and len(chars) > 1:
            del chars[at]
        elif kind == "ins":
            chars.insert(at, draw(st.sampled_from("0123456789-")))
    return "".join(chars)


@st.composite
def date_pairs(draw: st.DrawFn) -> tuple[str, str]:
    left = draw(st.dates()).isoformat()
    right = draw(st.one_of(st.dates().map(lambda d: d.isoformat()), st.just(left)))
    return _edited(left, draw), _edited(right, draw)


@settings(max_examples=100, deadline=None)
@given(st.lists(date_pairs(), min_size=1, max_size=50))
def test_guarded_level_agrees_with_the_distance_on_dates_and_malformed_text(pairs):
    con = duckdb.connect()
    con.execute("create table p (dob_l varchar, dob_r varchar)")
    con.executemany("insert into p values (?, ?)", pairs)
    rows = con.execute(
        f'select {CONDITION}, damerau_levenshtein("dob_l", "dob_r") <= 1 from p'  # noqa: S608
    ).fetchall()
    assert [guarded for guarded, _ in rows] == [plain for _, plain in rows]


def test_the_level_keeps_the_library_label():
    assert _dob_one_edit().get_comparison_level("duckdb").as_dict()["label_for_charts"] == (
        "Damerau-Levenshtein distance of dob <= 1"
    )
