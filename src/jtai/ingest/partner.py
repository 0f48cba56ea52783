"""Partner extracts in the canonical CSV layout (docs: /work/shared/spec/partner-extracts.md).

Each file is a `TableSpec`: identity columns shared by all, then the file's own columns. The spec
is the contract as data; `read_partner` loads the CSV through DuckDB and converts it in SQL.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from jtai.core.duck import private_connection
from jtai.ingest import codes
from jtai.ingest.csvload import load_csv_body
from jtai.ingest.model import (
    SOURCE_OF_KIND,
    FileKind,
    ParsedFile,
    empty_events,
    empty_persons,
    file_sha256,
)
from jtai.ingest.tabular import Col, EventMap, TableSpec, run_spec, trimmed_columns

_POSTCODE = r"(?i)[A-Z]{1,2}[0-9][0-9A-Z]?\s*[0-9][A-Z]{2}"

IDENTITY: tuple[Col, ...] = (
    Col("person_id", required=True, not_blank=True),
    Col("nhs_number", "nhs"),
    Col("upn", "upn"),
    Col("la_child_id"),
    Col("forename"),
    Col("surname"),
    Col("dob", "date"),
    Col("sex", "code", codes=codes.SEX, case="upper"),
    Col("postcode", pattern=_POSTCODE),
)
PERSON_MAP = {
    name: name
    for name in ("person_id", "nhs_number", "upn", "la_child_id", "forename", "surname", "dob")
} | {"sex": "sex", "postcode": "postcode"}


def _code(name: str, values: frozenset[str], *, required: bool = False) -> Col:
    return Col(name, "code", required=required, not_blank=required, codes=values)


def _date(name: str, *, required: bool = False) -> Col:
    return Col(name, "date", required=required, not_blank=required)


def _id(name: str) -> Col:
    return Col(name, required=True, not_blank=True)


def _spec(
    kind: FileKind, columns: tuple[Col, ...], event: EventMap | None, **kw: bool
) -> TableSpec:
    return TableSpec(
        kind.value, SOURCE_OF_KIND[kind].value, IDENTITY + columns, PERSON_MAP, event, **kw
    )


SPECS: dict[FileKind, TableSpec] = {
    FileKind.LA_PERSONS: _spec(FileKind.LA_PERSONS, (), None, one_row_per_person=True),
    FileKind.HEALTH_REFERRALS: _spec(
        FileKind.HEALTH_REFERRALS,
        (
            _id("referral_id"),
            _code("service", codes.SERVICE, required=True),
            _date("referral_date", required=True),
            _code("referral_source", codes.HEALTH_REFERRAL_SOURCE, required=True),
            _code("referral_reason", codes.REFERRAL_REASON, required=True),
            _code("outcome", codes.REFERRAL_OUTCOME, required=True),
            _date("first_contact_date"),
            _date("treatment_start_date"),
            _date("discharge_date"),
            Col("diagnosis_icd10", pattern=r"(?i)[A-Z][0-9]{2}(\.?[0-9A-Z]{1,4})?"),
        ),
        EventMap(
            "health_referral",
            "service",
            "referral_date",
            "discharge_date",
            ("referral_id",),
            (
                "referral_source",
                "referral_reason",
                "outcome",
                "first_contact_date",
                "treatment_start_date",
                "diagnosis_icd10",
            ),
        ),
    ),
    FileKind.HEALTH_EVENTS: _spec(
        FileKind.HEALTH_EVENTS,
        (
            _id("event_id"),
            _code("event_type", codes.HEALTH_EVENT_TYPE, required=True),
            _date("event_date", required=True),
            _date("end_date"),
            Col("detail"),
        ),
        EventMap(
            "health_event", "event_type", "event_date", "end_date", ("event_id",), ("detail",)
        ),
    ),
    FileKind.POLICE_EVENTS: _spec(
        FileKind.POLICE_EVENTS,
        (
            _id("event_id"),
            _code("event_type", codes.POLICE_EVENT_TYPE, required=True),
            _date("event_date", required=True),
            _date("end_date"),
            Col("mental_health_flag", "flag"),
            _code("referred_to", codes.POLICE_REFERRED_TO),
            _date("referral_date"),
        ),
        EventMap(
            "police_event",
            "event_type",
            "event_date",
            "end_date",
            ("event_id",),
            ("mental_health_flag", "referred_to", "referral_date"),
        ),
    ),
    FileKind.SCHOOL_PUPILS: _spec(
        FileKind.SCHOOL_PUPILS,
        (
            Col("school_urn", required=True, not_blank=True, pattern=r"[0-9]{6}"),
            Col("school_name"),
            _date("entry_date", required=True),
            _date("leaving_date"),
            _code("sen_provision", codes.SEN_PROVISION),
            _code("sen_primary_need", codes.SEN_PRIMARY_NEED),
            Col("attendance_pct", "number", lo=0, hi=100),
            Col("suspensions", "int", lo=0),
            Col("permanent_exclusion", "flag"),
        ),
        EventMap(
            "school_enrolment",
            "school_urn",
            "entry_date",
            "leaving_date",
            ("person_id", "school_urn", "entry_date"),
            (
                "school_name",
                "sen_provision",
                "sen_primary_need",
                "attendance_pct",
                "suspensions",
                "permanent_exclusion",
            ),
        ),
    ),
    FileKind.SCHOOL_EVENTS: _spec(
        FileKind.SCHOOL_EVENTS,
        (
            _id("event_id"),
            Col("school_urn", pattern=r"[0-9]{6}"),
            _code("event_type", codes.SCHOOL_EVENT_TYPE, required=True),
            _date("event_date", required=True),
            Col("mental_health_flag", "flag"),
        ),
        EventMap(
            "school_event",
            "event_type",
            "event_date",
            None,
            ("event_id",),
            ("school_urn", "mental_health_flag"),
        ),
    ),
    FileKind.YJS_CASES: _spec(
        FileKind.YJS_CASES,
        (
            _id("case_id"),
            _date("start_date", required=True),
            _date("end_date"),
            _code("outcome_type", codes.YJS_OUTCOME, required=True),
            _code("mh_screen", codes.MH_SCREEN),
            _date("mh_referral_date"),
            _code("mh_service", codes.MH_SERVICE),
            Col("high_risk_of_serious_harm", "flag"),
        ),
        EventMap(
            "yjs_case",
            "outcome_type",
            "start_date",
            "end_date",
            ("case_id",),
            ("mh_screen", "mh_referral_date", "mh_service", "high_risk_of_serious_harm"),
        ),
    ),
    FileKind.EARLY_HELP: _spec(
        FileKind.EARLY_HELP,
        (
            _id("episode_id"),
            _date("start_date", required=True),
            _date("end_date"),
            _code("reason", codes.EARLY_HELP_REASON),
            _code("lead_agency", codes.LEAD_AGENCY),
        ),
        EventMap(
            "early_help", "reason", "start_date", "end_date", ("episode_id",), ("lead_agency",)
        ),
    ),
}

# Event-type columns whose values tell the three "event_id, event_type, event_date" files apart.
EVENT_TYPE_CODES: dict[FileKind, frozenset[str]] = {
    FileKind.HEALTH_EVENTS: codes.HEALTH_EVENT_TYPE,
    FileKind.POLICE_EVENTS: codes.POLICE_EVENT_TYPE,
    FileKind.SCHOOL_EVENTS: codes.SCHOOL_EVENT_TYPE,
}


def read_csv_spec(path: Path, kind: FileKind, spec: TableSpec) -> ParsedFile:
    """Read one CSV by a spec (partner files and the 903 CSVs share this)."""
    with ThreadPoolExecutor(max_workers=1) as hashing:
        # hashlib lets go of the GIL on large blocks: the file is hashed while DuckDB reads it.
        digest = hashing.submit(file_sha256, path)
        parsed = _read_csv_spec(path, kind, spec)
        parsed.sha256 = digest.result()
    return parsed


def _read_csv_spec(path: Path, kind: FileKind, spec: TableSpec) -> ParsedFile:
    con = private_connection()
    try:
        parsed = ParsedFile(
            source=SOURCE_OF_KIND[kind],
            file=path.name,
            sha256="",
            persons=empty_persons(),
            events=empty_events(),
            kind=kind,
        )
        headers, body, issue = load_csv_body(con, path, "src")
        if issue is not None:
            parsed.issues.append(issue)
            return parsed
        assert body is not None  # read without an issue
        result = run_spec(con, "src", headers, spec, path.name, trimmed=trimmed_columns(body))
        parsed.persons, parsed.events = result.persons, result.events
        parsed.issues.extend(result.issues)
        parsed.rows_read = result.rows
        parsed.columns[""] = result.columns
        return parsed
    finally:
        con.close()


def read_partner(path: Path, kind: FileKind) -> ParsedFile:
    return read_csv_spec(path, kind, SPECS[kind])
