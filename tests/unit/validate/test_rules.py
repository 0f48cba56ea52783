"""One test per engine rule, each on a tiny literal file."""

from __future__ import annotations

from datetime import date

from jtai.ingest import read_file, read_folder
from jtai.validate.rules import RULES
from tests.unit.ingest.helpers import AS_OF, cin_child, cin_xml, write

EP = "CHILD,DECOM,RNE,LS,DEC\n"
PERSONS = "person_id,nhs_number,upn,la_child_id,surname,dob\n"


def codes(parsed, rule):
    return [(i.row, i.path, i.value) for i in parsed.issues if i.rule == rule]


def test_end_before_start_is_an_error(tmp_path):
    parsed = read_file(
        write(tmp_path, "ssda903_episodes.csv", EP + "C1,01/04/2024,S,C2,01/03/2024\n"), as_of=AS_OF
    )
    assert codes(parsed, "validate.E101") == [(2, None, "2024-03-01")]


def test_event_after_as_of_is_a_query_not_an_error(tmp_path):
    parsed = read_file(
        write(tmp_path, "ssda903_episodes.csv", EP + "C1,01/04/2025,S,C2,\n"), as_of=AS_OF
    )
    assert codes(parsed, "validate.Q102") and not parsed.rejected


def test_birth_after_as_of_is_a_query(tmp_path):
    parsed = read_file(
        write(tmp_path, "la_persons.csv", PERSONS + "P1,,,L1,,2025-06-01\n"), as_of=AS_OF
    )
    assert codes(parsed, "validate.Q103") == [(2, None, "2025-06-01")]


def test_overlapping_episodes_are_an_error_on_the_later_one(tmp_path):
    body = EP + "C1,01/04/2024,S,C2,01/06/2024\nC1,01/05/2024,P,C2,\nC1,01/06/2024,P,C2,\n"
    parsed = read_file(write(tmp_path, "ssda903_episodes.csv", body), as_of=AS_OF)
    assert [r for r, _p, _v in codes(parsed, "validate.E105")] == [3, 4]


def test_period_of_care_with_no_start_is_an_error(tmp_path):
    parsed = read_file(write(tmp_path, "ssda903_episodes.csv", EP + "C1,,S,C2,\n"), as_of=AS_OF)
    assert codes(parsed, "validate.E104") == [(2, None, None)]


def test_duplicate_child_in_one_row_per_person_file_is_an_error(tmp_path):
    parsed = read_file(
        write(tmp_path, "la_persons.csv", PERSONS + "P1,,,,A,\nP1,,,,B,\n"), as_of=AS_OF
    )
    assert codes(parsed, "validate.E106") == [(3, None, "P1")]


def test_duplicate_record_id_is_an_error(tmp_path):
    body = "person_id,event_id,event_type,event_date\n"
    body += "P1,E1,arrest,2025-01-01\nP2,E1,arrest,2025-01-02\n"
    parsed = read_file(write(tmp_path, "police_events.csv", body), as_of=AS_OF)
    assert codes(parsed, "validate.E107") == [(3, None, "E1")]


def test_bad_upn_is_kept_flagged_invalid_and_queried_as_dfe_1510(tmp_path):
    parsed = read_file(
        write(tmp_path, "la_persons.csv", PERSONS + "P1,,B123456789012,,,\n"), as_of=AS_OF
    )
    person = parsed.persons.to_pylist()[0]
    assert (person["upn"], person["upn_valid"]) == ("B123456789012", False)
    assert codes(parsed, "1510") == [(2, None, "B123456789012")] and not parsed.rejected


def test_bad_nhs_number_is_kept_flagged_invalid_and_queried(tmp_path):
    parsed = read_file(
        write(tmp_path, "la_persons.csv", PERSONS + "P1,999 000 0019,,,,\n"), as_of=AS_OF
    )
    assert parsed.persons.to_pylist()[0]["nhs_number_valid"] is False
    assert codes(parsed, "validate.Q201") == [(2, None, "9990000019")]


def test_same_upn_on_two_children_is_queried_as_dfe_1520(tmp_path):
    body = PERSONS + "P1,,A123456789012,,,\nP2,,A123456789012,,,\n"
    parsed = read_file(write(tmp_path, "la_persons.csv", body), as_of=AS_OF)
    assert len(codes(parsed, "1520")) == 2


def test_partner_row_without_any_linkable_identity_is_warned(tmp_path):
    body = "person_id,event_id,event_type,event_date,surname\nP1,E1,arrest,2025-01-01,Smith\n"
    parsed = read_file(write(tmp_path, "police_events.csv", body), as_of=AS_OF)
    assert codes(parsed, "validate.W202") == [(2, None, "P1")]


def test_looked_after_adult_is_queried_from_annex_style_single_file(tmp_path):
    write(tmp_path, "ssda903_header.csv", "CHILD,SEX,DOB\nC1,F,31/03/2007\nC2,F,01/04/2007\n")
    write(tmp_path, "ssda903_episodes.csv", EP + "C1,01/04/2020,S,C2,\nC2,01/04/2020,S,C2,\n")
    folder = read_folder(tmp_path, as_of=date(2025, 3, 31))
    issues = [i for f in folder.files for i in f.issues if i.rule == "validate.Q301"]
    assert [i.value for i in issues] == ["C1"]  # C2 turns 18 tomorrow


def test_cin_plan_before_birth_is_queried_and_care_before_birth_is_an_error(tmp_path):
    body = (
        "<CINdetails><CINreferralDate>2012-01-01</CINreferralDate><CINPlanDates>"
        "<CINPlanStartDate>2012-02-01</CINPlanStartDate></CINPlanDates></CINdetails>"
    )
    parsed = read_file(write(tmp_path, "cin.xml", cin_xml(cin_child("C1", body))), as_of=AS_OF)
    assert codes(parsed, "validate.Q302")[0][1].endswith("CINPlanDates[1]")
    write(tmp_path, "ssda903_header.csv", "CHILD,SEX,DOB\nC1,F,01/01/2020\n")
    write(tmp_path, "ssda903_episodes.csv", EP + "C1,01/12/2019,S,C2,\n")
    folder = read_folder(tmp_path, as_of=AS_OF)
    assert any(i.rule == "validate.E303" for f in folder.files for i in f.issues)


def test_retired_assessment_factor_is_queried_as_dfe_8945q(tmp_path):
    body = (
        "<CINdetails><CINreferralDate>2024-06-01</CINreferralDate><Assessments>"
        "<AssessmentActualStartDate>2024-06-02</AssessmentActualStartDate>"
        "<FactorsIdentifiedAtAssessment><AssessmentFactors>18A</AssessmentFactors>"
        "</FactorsIdentifiedAtAssessment></Assessments></CINdetails>"
    )
    parsed = read_file(write(tmp_path, "cin.xml", cin_xml(cin_child("C1", body))), as_of=AS_OF)
    assert [v for _r, _p, v in codes(parsed, "8945Q")] == ["18A"]


def test_engine_collects_every_issue_not_just_the_first(tmp_path):
    body = EP + "C1,01/04/2024,S,C2,01/03/2024\nC2,01/04/2026,S,XX,\n"
    parsed = read_file(write(tmp_path, "ssda903_episodes.csv", body), as_of=AS_OF)
    assert {"validate.E101", "validate.Q102", "validate.E003"} <= {i.rule for i in parsed.issues}


def test_every_rule_has_code_severity_title_and_message():
    for code, rule in RULES.items():
        assert code == rule.code and rule.title and rule.message and rule.severity
