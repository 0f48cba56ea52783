from __future__ import annotations

import json

from jtai.ingest import read_file
from jtai.ingest.model import FileKind
from tests.unit.ingest.helpers import AS_OF, cin_child, cin_xml, write

DETAILS = (
    "<CINdetails><CINreferralDate>2024-06-01</CINreferralDate><ReferralSource>3A</ReferralSource>"
    "<PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA>"
    "<Assessments><AssessmentActualStartDate>2024-06-02</AssessmentActualStartDate>"
    "<AssessmentAuthorisationDate>2024-07-01</AssessmentAuthorisationDate>"
    "<FactorsIdentifiedAtAssessment><AssessmentFactors>4A</AssessmentFactors>"
    "<AssessmentFactors>15A</AssessmentFactors></FactorsIdentifiedAtAssessment></Assessments>"
    "<CINPlanDates><CINPlanStartDate>2024-07-02</CINPlanStartDate></CINPlanDates>"
    "<Section47><S47ActualStartDate>2024-06-05</S47ActualStartDate></Section47>"
    "<ChildProtectionPlans><CPPstartDate>2024-08-01</CPPstartDate>"
    "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><LatestCategoryOfAbuse>EMO"
    "</LatestCategoryOfAbuse></ChildProtectionPlans></CINdetails>"
)


def test_census_gives_person_and_one_event_per_module(tmp_path):
    parsed = read_file(
        write(tmp_path, "cin_census.xml", cin_xml(cin_child("C1", DETAILS))), as_of=AS_OF
    )
    assert not parsed.rejected, parsed.issues
    kinds = [(e["kind"], e["code"]) for e in parsed.events.to_pylist()]
    assert kinds == [
        ("referral", "3A"),
        ("assessment", None),
        ("cin_plan", None),
        ("s47", None),
        ("cp_plan", "EMO"),
    ]
    factors = json.loads(parsed.events.to_pylist()[1]["attributes"])["factors"]
    assert factors == ["4A", "15A"]
    assert parsed.persons.to_pylist()[0]["sex"] == "F"


def test_gender_current_from_earlier_years_maps_to_sex(tmp_path):
    xml = cin_xml(cin_child("C1", "", ids="<GenderCurrent>2</GenderCurrent>"))
    parsed = read_file(write(tmp_path, "cin.xml", xml), as_of=AS_OF)
    assert parsed.persons.to_pylist()[0]["sex"] == "F"


def test_bad_value_is_located_by_xml_path(tmp_path):
    body = "<CINdetails><CINreferralDate>2024-13-01</CINreferralDate></CINdetails>"
    parsed = read_file(write(tmp_path, "cin.xml", cin_xml(cin_child("C1", body))), as_of=AS_OF)
    issue = next(i for i in parsed.issues if i.rule == "validate.E002")
    assert issue.path == "/Message/Children/Child[1]/CINdetails[1]/CINreferralDate"


def test_truncated_xml_is_rejected_whole_with_nothing_loaded(tmp_path):
    text = cin_xml(cin_child("C1", DETAILS) * 3)
    parsed = read_file(write(tmp_path, "cin_census.xml", text[: len(text) // 2]), as_of=AS_OF)
    assert parsed.rejected and [i.rule for i in parsed.issues] == ["ingest.E003"]
    assert parsed.persons.num_rows == 0 and parsed.events.num_rows == 0


def test_cin_plan_without_start_is_an_error(tmp_path):
    body = (
        "<CINdetails><CINreferralDate>2024-06-01</CINreferralDate><CINPlanDates>"
        "<CINPlanEndDate>2024-09-01</CINPlanEndDate></CINPlanDates></CINdetails>"
    )
    parsed = read_file(write(tmp_path, "cin.xml", cin_xml(cin_child("C1", body))), as_of=AS_OF)
    assert "validate.E104" in [i.rule for i in parsed.issues]


def test_wrong_root_is_rejected_naming_it_even_when_children_follow(tmp_path):
    text = cin_xml(cin_child("C1", DETAILS)).replace("Message>", "Return>")
    path = write(tmp_path, "cin_census.xml", text)
    parsed = read_file(path, as_of=AS_OF, kind=FileKind.CIN_CENSUS)
    assert parsed.rejected and len(parsed.issues) == 1
    assert "the root element is 'Return'" in parsed.issues[0].message
    assert parsed.persons.num_rows == 0


def test_namespaced_census_children_are_read_and_numbered_in_document_order(tmp_path):
    text = cin_xml(cin_child("C1", DETAILS) + cin_child("C2", "<CINdetails/>"))
    text = text.replace("<Message>", '<Message xmlns="http://example.org/cin">')
    parsed = read_file(write(tmp_path, "cin_census.xml", text), as_of=AS_OF)
    assert parsed.persons.column("person_id").to_pylist() == ["C1", "C2"]
    assert [i.path for i in parsed.issues] == [
        "/Message/Children/Child[2]/CINdetails[1]/CINreferralDate"
    ]
