from __future__ import annotations

from jtai.ingest import FileKind, read_file
from jtai.ingest.mapping import load_mapping
from tests.unit.ingest.helpers import AS_OF, TRUST_REFERRALS_MAPPING, write

MAPPING = (
    TRUST_REFERRALS_MAPPING
    + """values:
  service:
    map: {CAMHS Core: camhs}
    regex:
      - {pattern: "(?i)eating", value: eating_disorder}
"""
)
DATA = (
    "Hospital No,Ref,Team,Received,From,Why,Outcome,Ward\n"
    "H1,R1,CAMHS core,2025-01-02,gp,anxiety,accepted,W1\n"
    "H2,R2,Eating Disorders Team,2025-01-03,gp,anxiety,accepted,W2\n"
)


def test_local_layout_is_read_through_its_mapping(tmp_path):
    write(tmp_path, "trust_referrals.yaml", MAPPING)
    parsed = read_file(write(tmp_path, "trust_referrals.csv", DATA), as_of=AS_OF)
    assert parsed.kind is FileKind.HEALTH_REFERRALS and not parsed.rejected, parsed.issues
    assert [e["code"] for e in parsed.events.to_pylist()] == ["camhs", "eating_disorder"]
    assert [i.column for i in parsed.issues if i.rule == "ingest.W002"] == ["Ward"]


def test_mapping_errors_name_the_mapping_file_and_line(tmp_path):
    bad = MAPPING.replace("  outcome: Outcome\n", "  colour: Outcome\n").replace(
        "value: eating_disorder", "value: food"
    )
    mapping, issues = load_mapping(write(tmp_path, "m.yaml", bad))
    assert mapping is None
    found = {(i.row, i.rule) for i in issues}
    assert (9, "ingest.E006") in found  # colour is not a column
    assert (14, "ingest.E006") in found  # food is not a service code
    assert all("m.yaml, line" in i.message for i in issues)


def test_invalid_regex_is_rejected_before_reading_rows(tmp_path):
    bad = MAPPING.replace('"(?i)eating"', '"(unclosed"')
    _mapping, issues = load_mapping(write(tmp_path, "m.yaml", bad))
    assert any("regular expression" in i.message and i.row == 14 for i in issues)


def test_values_in_the_data_still_checked_against_code_lists(tmp_path):
    write(tmp_path, "x.yaml", MAPPING)
    parsed = read_file(write(tmp_path, "x.csv", DATA.replace("CAMHS core", "Dentist")), as_of=AS_OF)
    assert [(i.rule, i.column, i.value) for i in parsed.errors] == [
        ("validate.E003", "Team", "Dentist")
    ]
