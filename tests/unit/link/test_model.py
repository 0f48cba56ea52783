from __future__ import annotations

import pytest

from jtai.link import quality

from .conftest import CASES

# Every test here shares one linked synthetic area of 2,000 children (about 10 s to build).
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def keys(linked_area):
    return linked_area[1].child_keys()


def test_nickname_and_a_move_within_the_district_link(keys):
    assert keys["police_events:TNICK1"] == keys["health_events:TNICK2"]


def test_transposed_day_and_month_with_a_nickname_link(keys):
    assert keys["police_events:TSWAP1"] == keys["school_pupils:TSWAP2"]


def test_twins_with_same_surname_dob_and_postcode_do_not_merge(keys):
    assert keys["school_pupils:TTWIN1"] != keys["school_pupils:TTWIN2"]
    assert keys["school_pupils:TTWIN2"] == keys["health_events:TTWIN3"]


def test_same_bad_nhs_number_on_two_children_does_not_link_them(keys):
    assert keys["health_events:TBAD1"] != keys["police_events:TBAD2"]


def test_review_queue_explains_each_field(linked_area):
    result = linked_area[1]
    pairs = result.pairs
    for name in ("forename", "surname", "dob", "postcode"):
        assert {f"{name}_level", f"{name}_gamma", f"{name}_weight"} <= set(pairs.column_names)
    rows = pairs.to_pylist()
    assert rows
    # Uncertain band, plus confident pairs whose forenames disagree completely (possible twins).
    assert all(0.5 <= r["match_probability"] < 0.95 or r["forename_gamma"] == 0 for r in rows)
    assert all(
        r["forename_level"] == "All other comparisons" for r in rows if r["forename_gamma"] == 0
    )
    levels = {r["comparison"] for r in result.model_summary["levels"]}
    assert {"forename", "surname", "dob", "postcode", "sex"} <= levels


def test_quality_on_a_small_synthetic_area_meets_the_targets(linked_area):
    folder, result = linked_area
    figures = quality(result, folder / "_truth" / "persons.csv")
    assert figures["records"] > 2500
    assert figures["f1"] >= 0.98, figures
    assert figures["right_la_child"] >= 0.99, figures
    assert figures["wrong_la_child"] <= 0.01, figures


def test_linkage_is_reproducible(linked_area, keys):
    assert len(CASES) == 9
    result = linked_area[1]
    assert result.model_summary["trained"] is True
