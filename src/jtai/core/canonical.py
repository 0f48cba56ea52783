"""The canonical model every reader produces and the database stores: persons and events per source.

Readers turn each statutory return or partner extract into rows with these columns, whatever the
layout they came in. Linkage reads persons; cohort and chronology read events. Values that have a
code list keep the canonical (lower-case for partner extracts, DfE for statutory returns) code; the
source's own value is kept in `raw`. See docs/reference/canonical-model.md.
"""

from __future__ import annotations

from enum import StrEnum


class Source(StrEnum):
    """The kind of file a record came from. One file kind, one source."""

    CIN_CENSUS = "cin_census"
    SSDA903 = "ssda903"
    ANNEX_A = "annex_a"
    LA_PERSONS = "la_persons"
    HEALTH_REFERRALS = "health_referrals"
    HEALTH_EVENTS = "health_events"
    POLICE_EVENTS = "police_events"
    SCHOOL_PUPILS = "school_pupils"
    SCHOOL_EVENTS = "school_events"
    YJS_CASES = "yjs_cases"
    EARLY_HELP = "early_help"


class Agency(StrEnum):
    """The partnership's member agencies, as users and records belong to them."""

    LOCAL_AUTHORITY = "local_authority"
    HEALTH = "health"
    POLICE = "police"
    SCHOOL = "school"
    YOUTH_JUSTICE = "youth_justice"
    PARTNERSHIP = "partnership"
    INSPECTORATE = "inspectorate"


AGENCY_OF_SOURCE: dict[Source, Agency] = {
    Source.CIN_CENSUS: Agency.LOCAL_AUTHORITY,
    Source.SSDA903: Agency.LOCAL_AUTHORITY,
    Source.ANNEX_A: Agency.LOCAL_AUTHORITY,
    Source.LA_PERSONS: Agency.LOCAL_AUTHORITY,
    Source.EARLY_HELP: Agency.LOCAL_AUTHORITY,
    Source.HEALTH_REFERRALS: Agency.HEALTH,
    Source.HEALTH_EVENTS: Agency.HEALTH,
    Source.POLICE_EVENTS: Agency.POLICE,
    Source.SCHOOL_PUPILS: Agency.SCHOOL,
    Source.SCHOOL_EVENTS: Agency.SCHOOL,
    Source.YJS_CASES: Agency.YOUTH_JUSTICE,
}

# One row per person per source file. `person_id` is the source's own key (the LA child id for the
# local authority's sources). Validity flags say whether an identifier may be used as a key.
PERSON_COLUMNS: tuple[str, ...] = (
    "source",
    "person_id",
    "la_child_id",
    "nhs_number",
    "nhs_number_valid",
    "upn",
    "upn_valid",
    "forename",
    "surname",
    "dob",
    "sex",
    "postcode",
    "ethnicity",
    "row_ref",
    "raw",
)

# One row per dated thing that happened to a person: a contact, referral, assessment, plan,
# episode of care, health referral, police event, school enrolment, youth justice case...
# `kind` is the canonical noun, `code` its main coded value (event type, legal status, service...),
# `attributes` a JSON object of the remaining typed fields, `raw` the source row as read.
EVENT_COLUMNS: tuple[str, ...] = (
    "source",
    "record_id",
    "person_id",
    "kind",
    "code",
    "start_date",
    "end_date",
    "attributes",
    "row_ref",
    "raw",
)
