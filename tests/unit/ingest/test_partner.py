from __future__ import annotations

import json

from jtai.ingest import FileKind, read_file
from tests.unit.ingest.helpers import AS_OF, VALID_NHS, write

HEADER = (
    "person_id,nhs_number,dob,sex,referral_id,service,referral_date,referral_source,"
    "referral_reason,outcome"
)


def rules(parsed):
    return [(i.rule, i.row, i.column, i.value) for i in parsed.issues]


def test_clean_health_referrals_become_events_with_typed_attributes(tmp_path):
    path = write(
        tmp_path,
        "health_referrals.csv",
        HEADER + "\nP1,999 000 0018,2012-03-04,F,R1,CAMHS,05/02/2025,gp,anxiety,Accepted\n",
    )
    parsed = read_file(path, as_of=AS_OF)
    assert not parsed.rejected, parsed.issues
    event = parsed.events.to_pylist()[0]
    assert (event["kind"], event["code"], event["record_id"]) == ("health_referral", "camhs", "R1")
    assert str(event["start_date"]) == "2025-02-05"
    assert json.loads(event["attributes"])["outcome"] == "accepted"
    person = parsed.persons.to_pylist()[0]
    assert person["nhs_number"] == VALID_NHS and person["nhs_number_valid"] is True
    assert parsed.rows_read == 1 and len(parsed.sha256) == 64


def test_bad_code_and_bad_date_are_errors_naming_row_column_and_value(tmp_path):
    path = write(
        tmp_path,
        "health_referrals.csv",
        HEADER + "\nP1,,2012-03-04,F,R1,dentist,2025-13-01,gp,anxiety,accepted\n",
    )
    parsed = read_file(path, as_of=AS_OF)
    assert parsed.rejected
    assert ("validate.E003", 2, "service", "dentist") in rules(parsed)
    assert ("validate.E002", 2, "referral_date", "2025-13-01") in rules(parsed)


def test_missing_required_column_rejects_file_with_one_message(tmp_path):
    path = write(tmp_path, "health_referrals.csv", "person_id,referral_id\nP1,R1\n")
    parsed = read_file(path, as_of=AS_OF, kind=FileKind.HEALTH_REFERRALS)
    assert parsed.rejected and len(parsed.issues) == 1
    assert parsed.issues[0].rule == "ingest.E004" and "service" in parsed.issues[0].message


def test_unknown_column_is_kept_in_raw_and_warned(tmp_path):
    path = write(
        tmp_path,
        "police_events.csv",
        "person_id,event_id,event_type,event_date,Officer\nP1,E1,arrest,2025-01-01,PC 1\n",
    )
    parsed = read_file(path, as_of=AS_OF)
    assert not parsed.rejected
    assert ("ingest.W002", 1, "Officer", None) in rules(parsed)
    cells = json.loads(parsed.events.to_pylist()[0]["raw"])
    assert dict(zip(parsed.columns[""], cells, strict=True))["Officer"] == "PC 1"


def test_flags_accept_yes_no_true_false_and_reject_other_words(tmp_path):
    body = "person_id,event_id,event_type,event_date,mental_health_flag\n"
    body += "P1,E1,arrest,2025-01-01,yes\nP1,E2,arrest,2025-01-02,FALSE\n"
    body += "P1,E3,arrest,2025-01-03,maybe\n"
    parsed = read_file(write(tmp_path, "police_events.csv", body), as_of=AS_OF)
    flags = [json.loads(e["attributes"])["mental_health_flag"] for e in parsed.events.to_pylist()]
    assert flags == [True, False, None]
    assert ("validate.E004", 4, "mental_health_flag", "maybe") in rules(parsed)


def test_blank_person_id_is_a_required_value_error(tmp_path):
    parsed = read_file(
        write(tmp_path, "la_persons.csv", "person_id,surname\n,Smith\n"), as_of=AS_OF
    )
    assert ("validate.E001", 2, "person_id", None) in rules(parsed)


def test_not_utf8_file_is_rejected_as_encoding_problem(tmp_path):
    path = tmp_path / "la_persons.csv"
    path.write_bytes("person_id,surname\nP1,Sm\xefth\n".encode("latin-1"))
    parsed = read_file(path, as_of=AS_OF, kind=FileKind.LA_PERSONS)
    assert parsed.rejected and parsed.issues[0].rule == "ingest.E002"


def test_row_with_too_many_fields_rejects_file_as_malformed(tmp_path):
    path = write(tmp_path, "la_persons.csv", "person_id,surname\nP1,Smith,extra\n")
    parsed = read_file(path, as_of=AS_OF, kind=FileKind.LA_PERSONS)
    assert parsed.rejected and parsed.issues[0].rule == "ingest.E005"


def test_school_pupils_check_urn_format_and_attendance_range(tmp_path):
    body = "person_id,upn,school_urn,entry_date,attendance_pct\n"
    body += "P1,A123456789012,12345,2024-09-01,101\n"
    parsed = read_file(write(tmp_path, "school_pupils.csv", body), as_of=AS_OF)
    assert ("validate.E006", 2, "school_urn", "12345") in rules(parsed)
    assert ("validate.E005", 2, "attendance_pct", "101") in rules(parsed)
