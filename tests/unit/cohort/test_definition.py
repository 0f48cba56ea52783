"""The definition is data: it loads, it is checked with errors naming the key, and it decides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from jtai.cohort.definition import DEFINITIONS_DIR, DefinitionError, load_definition
from tests.unit.cohort.helpers import Child, cohort

SHIPPED = DEFINITIONS_DIR / "jtai-mh-2019.yaml"


def copy_with(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "local.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def test_default_definition_loads_by_name_with_the_spec_values():
    d = load_definition("jtai-mh-2019")
    assert (d.name, d.version) == ("jtai-mh-2019", "1.0.0")
    assert (d.age_min, d.age_max, d.lookback_months) == (10, 15, 24)
    assert [r.status for r in d.legal_status] == ["CLA", "CP", "CIN"]
    assert (d.front_door.window_months, d.front_door.re_referral_months) == (6, 12)
    assert len(d.indicators) == 17
    sdq = {i.name: (i.sdq_min, i.sdq_max) for i in d.indicators if i.rule is None}
    assert sdq == {"sdq_concern": (17, None), "sdq_borderline": (14, 16)}


def test_result_records_definition_name_and_version(tmp_path):
    path = copy_with(tmp_path, lambda d: d.update(name="local-rules", version="2.1"))
    result = cohort(Child().cin_plan().self_harm(), definition=load_definition(path))
    assert (result.definition_name, result.definition_version) == ("local-rules", "2.1")


def test_changing_age_band_in_a_copied_file_changes_the_cohort(tmp_path):
    sixteen = Child(dob=date(2008, 6, 15)).cin_plan().self_harm()
    assert cohort(sixteen).children == ()
    wider = load_definition(copy_with(tmp_path, lambda d: d["age"].update(max=17)))
    assert len(cohort(sixteen, definition=wider).children) == 1


def test_changing_a_threshold_or_window_changes_the_result(tmp_path):
    def stricter(d):
        next(i for i in d["indicators"] if i["name"] == "sdq_concern")["latest_sdq"]["min"] = 20
        d["lookback_months"] = 12

    local = load_definition(copy_with(tmp_path, stricter))
    child = Child().cin_plan().event("ssda903", "oc2", None, sdq_score=18)
    assert cohort(child).children[0].indicator_names == ("sdq_concern",)
    assert cohort(child, definition=local).children == ()
    old_harm = Child().cin_plan().self_harm(date(2023, 6, 1))
    assert cohort(old_harm, definition=local).children == ()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("name"), "name: missing"),
        (lambda d: d["indicators"][0].update(window="sometime"), "indicators[0].window"),
        (lambda d: d["indicators"][2].update(colour="red"), "indicators[2]: unknown key 'colour'"),
        (lambda d: d["indicators"][1].update(category="odd"), "indicators[1].category"),
        (lambda d: d["age"].update(min="ten"), "age.min: must be a whole number"),
        (lambda d: d["age"].update(min=16), "age: max must not be below min"),
        (lambda d: d["legal_status"][0].update(status="XYZ"), "legal_status[0].status"),
        (lambda d: d["indicators"][0]["all_of"][0].update(near="F"), "indicators[0].all_of[0]"),
        (lambda d: d["lists"].update(crisis=["nope"]), "lists.crisis"),
        (lambda d: d["indicators"].append(dict(d["indicators"][0])), "defined twice"),
    ],
)
def test_invalid_definition_names_the_key(tmp_path, change, message):
    with pytest.raises(DefinitionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_definition(copy_with(tmp_path, change))


def test_unknown_definition_name_is_a_clear_error():
    with pytest.raises(DefinitionError, match="no such definition"):
        load_definition("no-such-rules")


def test_result_carries_its_sql_as_named_readable_steps():
    result = cohort(Child().cin_plan().self_harm())
    for step in ("rec", "indicator_evidence", "legal_status", "risk_evidence", "cohort"):
        assert f"-- step: {step}\n" in result.sql
    assert "DATE '2023-03-31' AND DATE '2025-03-31'" in result.sql  # the lookback, both ends
