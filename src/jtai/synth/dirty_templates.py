"""Valid little files for the dirty cases to break: three fixed synthetic people, one per row.

The identifiers are in the never-issued NHS range and carry valid check characters, so that each
dirty case holds exactly one fault.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta

from jtai.core.identifiers import nhs_check_digit, upn_check_letter
from jtai.synth.people import LA_CODE
from jtai.synth.writers.partners import PARTNER_COLUMNS
from jtai.synth.writers.ssda903 import SSDA903_COLUMNS

Edit = Callable[[list[dict[str, str]], list[str]], None]


def nhs_number(body: str) -> str:
    check = nhs_check_digit(body)
    assert check is not None
    return f"{body}{check}"


def upn(body: str) -> str:
    return upn_check_letter(body) + body


PEOPLE = (
    (
        "PX10000001",
        nhs_number("999000013"),
        upn(f"{LA_CODE}211014001"),
        "",
        "Amy",
        "Okafor",
        "2013-04-17",
        "F",
        "NX3 4AB",
    ),
    (
        "PX10000002",
        nhs_number("999000021"),
        upn(f"{LA_CODE}211015002"),
        "0300007",
        "Tom",
        "Walker",
        "2012-09-02",
        "M",
        "NX7 2DE",
    ),
    (
        "PX10000003",
        nhs_number("999000039"),
        upn(f"{LA_CODE}211016003"),
        "",
        "Maja",
        "Nowak",
        "2014-01-30",
        "F",
        "NX1 8GH",
    ),
)


def _values(file: str, i: int, as_of: date) -> dict[str, str]:
    """A valid row of a partner file: the fixed people above with plausible values."""
    day = (as_of - timedelta(days=40 + 30 * i)).isoformat()
    later = (as_of - timedelta(days=10 + 30 * i)).isoformat()
    person = dict(zip(PARTNER_COLUMNS["la_persons"], PEOPLE[i % 3], strict=True))
    extra = {
        "health_referrals": {
            "referral_id": f"REF{i + 1:04d}",
            "service": "camhs",
            "referral_date": day,
            "referral_source": "gp",
            "referral_reason": "anxiety",
            "outcome": "accepted",
            "first_contact_date": later,
        },
        "health_events": {
            "event_id": f"HE{i + 1:04d}",
            "event_type": "gp_mental_health_concern",
            "event_date": day,
        },
        "police_events": {
            "event_id": f"PE{i + 1:04d}",
            "event_type": "victim_of_crime",
            "event_date": day,
            "mental_health_flag": "N",
            "referred_to": "none",
        },
        "school_pupils": {
            "school_urn": "140013",
            "school_name": "Nexford Park Academy",
            "entry_date": "2024-09-02",
            "sen_provision": "N",
            "attendance_pct": "95.1",
            "suspensions": "0",
            "permanent_exclusion": "N",
        },
        "school_events": {
            "event_id": f"SE{i + 1:04d}",
            "school_urn": "140013",
            "event_type": "dsl_concern",
            "event_date": day,
            "mental_health_flag": "Y",
        },
        "yjs_cases": {
            "case_id": f"YC{i + 1:04d}",
            "start_date": day,
            "end_date": later,
            "outcome_type": "out_of_court",
            "mh_screen": "no_concern",
            "mh_service": "none",
            "high_risk_of_serious_harm": "N",
        },
        "early_help": {
            "episode_id": f"EP{i + 1:04d}",
            "start_date": day,
            "end_date": later,
            "reason": "behaviour",
            "lead_agency": "school",
        },
        "la_persons": {"person_id": person["la_child_id"] or f"03000{i + 1}9"},
    }[file]
    return person | extra


def partner_csv(file: str, as_of: date, edit: Edit) -> bytes:
    columns = list(PARTNER_COLUMNS[file])
    rows = [{c: _values(file, i, as_of).get(c, "") for c in columns} for i in range(3)]
    edit(rows, columns)
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=columns, extrasaction="ignore", lineterminator="\r\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def episodes_903(overlap: bool, legal_status: str = "C2") -> bytes:
    rows = [
        [
            "0300007",
            "01/02/2024",
            "S",
            legal_status,
            "N1",
            "U4",
            "PR1",
            "10/06/2024",
            "X1",
            "",
            "NX7 2DE",
            "NX9 1AB",
            "XXXXXXX",
        ],
        [
            "0300007",
            "05/06/2024" if overlap else "10/06/2024",
            "P",
            "C2",
            "N1",
            "U6",
            "PR4",
            "",
            "",
            "CARPL",
            "NX7 2DE",
            "NX12 3GH",
            "XXXXXXX",
        ],
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SSDA903_COLUMNS["ssda903_episodes"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def header_903(dob: str) -> bytes:
    header = ",".join(SSDA903_COLUMNS["ssda903_header"])
    return f"{header}\r\n0300007,M,{dob},WBRI,{PEOPLE[1][2]},,\r\n".encode()


def cin_xml(as_of: date, cp_start: bool = True, sex: bool = True) -> bytes:
    start = (as_of - timedelta(days=90)).isoformat()
    referral = (as_of - timedelta(days=120)).isoformat()
    cp = f"<CPPstartDate>{start}</CPPstartDate>" if cp_start else ""
    sex_el = "<Sex>M</Sex>" if sex else ""
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<Message><Header><CollectionDetails>'
        f"<Collection>CIN</Collection><Year>{as_of.year + 1}</Year>"
        f"<ReferenceDate>{as_of.year + 1}-03-31</ReferenceDate></CollectionDetails>"
        f"<Source><SourceLevel>L</SourceLevel><LEA>{LA_CODE}</LEA></Source></Header><Children>"
        "<Child><ChildIdentifiers><LAchildID>0300007</LAchildID>"
        f"<UPN>{PEOPLE[1][2]}</UPN><PersonBirthDate>2012-09-02</PersonBirthDate>{sex_el}"
        "</ChildIdentifiers><ChildCharacteristics><Ethnicity>WBRI</Ethnicity><Disabilities>"
        "<Disability>NONE</Disability></Disabilities></ChildCharacteristics><CINdetails>"
        f"<CINreferralDate>{referral}</CINreferralDate><ReferralSource>6</ReferralSource>"
        "<PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA>"
        f"<ChildProtectionPlans>{cp}<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse>"
        "<LatestCategoryOfAbuse>NEG</LatestCategoryOfAbuse><NumberOfPreviousCPP>0"
        "</NumberOfPreviousCPP></ChildProtectionPlans></CINdetails></Child></Children></Message>\n"
    ).encode()
