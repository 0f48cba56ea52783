"""SSDA903 (children looked after) return in its CSV form: one spec per table.

Header gives persons; every other table gives events keyed by CHILD. Dates are DD/MM/YYYY (ISO is
also read). SEX 1/2 (before 2024-25) becomes M/F; UPN unknown codes UN1-UN7 are not UPNs.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from jtai.ingest import codes
from jtai.ingest.model import FileKind as K
from jtai.ingest.model import ParsedFile
from jtai.ingest.partner import read_csv_spec
from jtai.ingest.tabular import Col, EventMap, TableSpec
from jtai.validate.rules import read as rr

_SRC = "ssda903"
CHILD = Col("CHILD", required=True, not_blank=True)
_PERSON = {"person_id": "CHILD"}


def _c(name: str, values: frozenset[str], **kw: object) -> Col:
    return Col(name, "code", codes=values, case="upper", **kw)  # type: ignore[arg-type]


def _d(name: str, required: bool = False) -> Col:
    return Col(name, "date", required=required)


def _flags(*names: str) -> tuple[Col, ...]:
    return tuple(Col(n, "flag") for n in names)


_OC2_FLAGS = (
    "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT",
    "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED",
)  # fmt: skip

SPECS: dict[K, TableSpec] = {
    K.SSDA903_HEADER: TableSpec(
        K.SSDA903_HEADER.value, _SRC,
        (
            CHILD,
            _c("SEX", codes.SEX, remap=codes.SEX_903_OLD, required=True),
            _d("DOB", required=True),
            _c("ETHNIC", codes.ETHNICITY),
            Col("UPN", "upn"),
            Col("MOTHER", "flag"),
            _d("MC_DOB"),
        ),
        {"person_id": "CHILD", "la_child_id": "CHILD", "dob": "DOB", "sex": "SEX", "upn": "UPN",
         "ethnicity": "ETHNIC"},
        one_row_per_person=True,
    ),
    K.SSDA903_EPISODES: TableSpec(
        K.SSDA903_EPISODES.value, _SRC,
        (
            CHILD, _d("DECOM", required=True), _c("RNE", codes.RNE),
            _c("LS", codes.LEGAL_STATUS, required=True), _c("CIN", codes.CATEGORY_OF_NEED_903),
            _c("PLACE", codes.PLACEMENT), _c("PLACE_PROVIDER", codes.PLACE_PROVIDER), _d("DEC"),
            _c("REC", codes.REASON_EPISODE_CEASED),
            _c("REASON_PLACE_CHANGE", codes.REASON_PLACE_CHANGE),
            Col("HOME_POST"), Col("PL_POST"), Col("URN"),
        ),
        _PERSON,
        EventMap(
            "episode", "LS", "DECOM", "DEC", ("CHILD", "DECOM"),
            ("RNE", "CIN", "PLACE", "PLACE_PROVIDER", "REC", "REASON_PLACE_CHANGE", "HOME_POST",
             "PL_POST", "URN"),
        ),
    ),
    K.SSDA903_OC2: TableSpec(
        K.SSDA903_OC2.value, _SRC,
        (
            CHILD, _d("DOB"),
            Col("SDQ_SCORE", "int", lo=0, hi=40, range_rule=rr.SDQ_RANGE),
            _c("SDQ_REASON", codes.SDQ_REASON),
            *_flags(*_OC2_FLAGS),
        ),
        _PERSON,
        EventMap("oc2", None, None, None, ("CHILD",), ("SDQ_SCORE", "SDQ_REASON", *_OC2_FLAGS)),
    ),
    K.SSDA903_MISSING: TableSpec(
        K.SSDA903_MISSING.value, _SRC,
        (CHILD, _d("DOB"), _c("MISSING", codes.MISSING_TYPE, required=True),
         _d("MIS_START", required=True), _d("MIS_END")),
        _PERSON,
        EventMap("missing", "MISSING", "MIS_START", "MIS_END", ("CHILD", "MIS_START"), ()),
    ),
    K.SSDA903_REVIEWS: TableSpec(
        K.SSDA903_REVIEWS.value, _SRC,
        (CHILD, _d("DOB"), _d("REVIEW", required=True), _c("REVIEW_CODE", codes.REVIEW_CODE)),
        _PERSON,
        EventMap("review", "REVIEW_CODE", "REVIEW", None, ("CHILD", "REVIEW"), ()),
    ),
    K.SSDA903_UASC: TableSpec(
        K.SSDA903_UASC.value, _SRC,
        (CHILD, _c("SEX", codes.SEX, remap=codes.SEX_903_OLD), _d("DOB"), _d("DUC", required=True)),
        _PERSON,
        EventMap("uasc", None, None, "DUC", ("CHILD",), ()),
    ),
}  # fmt: skip


def read_ssda903(path: Path, kind: K) -> ParsedFile:
    """Read one table of the 903 return; only the Header table gives persons."""
    parsed = read_csv_spec(path, kind, SPECS[kind])
    if kind is K.SSDA903_HEADER and parsed.persons.num_rows:
        parsed.persons = _drop_unknown_upn(parsed.persons)
    return parsed


def _drop_unknown_upn(persons: pa.Table) -> pa.Table:
    """The 903 puts UN1-UN7 in the UPN field when there is none: that is not a UPN to check."""
    upn = persons.column("upn")
    unknown = pc.fill_null(pc.match_substring_regex(upn, r"^UN[1-7]$"), False)
    index = persons.schema.get_field_index
    persons = persons.set_column(
        index("upn"), "upn", pc.if_else(unknown, pa.scalar(None, pa.string()), upn)
    )
    valid = persons.column("upn_valid")
    return persons.set_column(
        index("upn_valid"), "upn_valid", pc.if_else(unknown, pa.scalar(None, pa.bool_()), valid)
    )
