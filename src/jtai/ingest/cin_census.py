"""CIN census XML (DfE Children in Need census), streamed one Child at a time with lxml iterparse.

Each Child element is converted and then cleared, so memory stays flat whatever the file size.
The 2024-25 layout's `Sex` (M/F/U) and earlier years' `GenderCurrent` (1/2/0/9) both map to M/F/U.
Locations are XML paths such as `/Message/Children/Child[12]/CINdetails[1]/Assessments[2]`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from lxml import etree

from jtai.core.canonical import Source
from jtai.core.dates import parse_date
from jtai.core.identifiers import is_valid_upn, normalise_upn
from jtai.core.issues import Issue
from jtai.ingest import codes
from jtai.ingest.model import (
    FileKind,
    ParsedFile,
    events_from_rows,
    file_sha256,
    persons_from_rows,
    to_json,
    unreadable,
)
from jtai.validate.rules import read as rr

_SOURCE = Source.CIN_CENSUS.value


# Tag -> local name. QName() per element was the reader's largest single cost; a census has a few
# dozen distinct tags, and the bound keeps a hostile file with endless tag names from growing it.
_LOCAL_NAMES: dict[str, str] = {}
_LOCAL_NAMES_MAX = 4096


def _name(el: Any) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    name = _LOCAL_NAMES.get(tag)
    if name is None:
        name = etree.QName(tag).localname
        if len(_LOCAL_NAMES) < _LOCAL_NAMES_MAX:
            _LOCAL_NAMES[tag] = name
    return name


def _kids(el: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    names = _LOCAL_NAMES
    for child in el:
        name = names.get(child.tag) or _name(child)
        found = out.get(name)
        if found is None:
            out[name] = [child]
        else:
            found.append(child)
    return out


_DATES: dict[str, date | None] = {}  # a census repeats the same few thousand dates
_DATES_MAX = 65536


def _parse_date(text: str) -> date | None:
    """`parse_date`, remembered: dates are immutable, so one object serves every repeat."""
    if text in _DATES:
        return _DATES[text]
    parsed = parse_date(text)
    if len(_DATES) < _DATES_MAX:
        _DATES[text] = parsed
    return parsed


def _kids_leaves(el: Any) -> tuple[dict[str, list[Any]], dict[str, Any]]:
    """`_kids(el)` and `_leaves(el)` in one pass over the children."""
    kids: dict[str, list[Any]] = {}
    leaves: dict[str, Any] = {}
    names = _LOCAL_NAMES
    for child in el:
        name = names.get(child.tag) or _name(child)
        found = kids.get(name)
        if found is None:
            kids[name] = [child]
        else:
            found.append(child)
        if name and len(child) == 0:
            value = (child.text or "").strip()
            if name in leaves:
                existing = leaves[name]
                leaves[name] = (
                    [*existing, value] if isinstance(existing, list) else [existing, value]
                )
            else:
                leaves[name] = value
    return kids, leaves


class _Child:
    """Converts one Child element, collecting issues against its path."""

    def __init__(self, file: str, path: str, issues: list[Issue]) -> None:
        self.file, self.path, self.issues = file, path, issues

    def text(
        self, kids: dict[str, list[Any]], tag: str, at: str, *, required: bool = False
    ) -> str | None:
        els = kids.get(tag)
        value = (els[0].text or "").strip() if els else ""
        if not value:
            if required:
                self.issues.append(
                    rr.REQUIRED_VALUE.issue(self.file, path=f"{at}/{tag}", column=tag)
                )
            return None
        return value

    def date(
        self, kids: dict[str, list[Any]], tag: str, at: str, *, required: bool = False
    ) -> date | None:
        value = self.text(kids, tag, at, required=required)
        if value is None:
            return None
        parsed = _parse_date(value)
        if parsed is None:
            self.issues.append(
                rr.BAD_DATE.issue(self.file, path=f"{at}/{tag}", column=tag, value=value)
            )
        return parsed

    def code(
        self,
        kids: dict[str, list[Any]],
        tag: str,
        at: str,
        allowed: frozenset[str],
        *,
        required: bool = False,
    ) -> str | None:
        value = self.text(kids, tag, at, required=required)
        if value is None:
            return None
        if value.upper() not in allowed:
            self.issues.append(
                rr.BAD_CODE.issue(self.file, path=f"{at}/{tag}", column=tag, value=value)
            )
        return value.upper()

    def flag(self, kids: dict[str, list[Any]], tag: str, at: str) -> bool | None:
        value = self.text(kids, tag, at)
        if value is None:
            return None
        lowered = value.lower()
        if lowered in ("true", "1", "yes", "y"):
            return True
        if lowered in ("false", "0", "no", "n"):
            return False
        self.issues.append(
            rr.BAD_FLAG.issue(self.file, path=f"{at}/{tag}", column=tag, value=value)
        )
        return None


def _person(c: _Child, child: Any) -> dict[str, Any] | None:
    kids = _kids(child)
    ids_el = kids.get("ChildIdentifiers", [None])[0]
    chars_el = kids.get("ChildCharacteristics", [None])[0]
    at = f"{c.path}/ChildIdentifiers"
    if ids_el is None:
        c.issues.append(rr.REQUIRED_VALUE.issue(c.file, path=at, column="ChildIdentifiers"))
        return None
    ids, raw = _kids_leaves(ids_el)
    pid = c.text(ids, "LAchildID", at, required=True)
    upn = normalise_upn(c.text(ids, "UPN", at))
    dob = c.date(ids, "PersonBirthDate", at) or c.date(ids, "ExpectedPersonBirthDate", at)
    if "Sex" in ids:
        sex = c.code(ids, "Sex", at, codes.SEX)
    elif "GenderCurrent" not in ids:  # required in every year's layout, under one name or other
        c.issues.append(rr.REQUIRED_VALUE.issue(c.file, path=f"{at}/Sex", column="Sex"))
        sex = None
    else:
        gender = c.code(ids, "GenderCurrent", at, frozenset(codes.GENDER_CURRENT_TO_SEX))
        sex = codes.GENDER_CURRENT_TO_SEX.get(gender or "")
    ethnicity = None
    if chars_el is not None:
        chars, chars_raw = _kids_leaves(chars_el)
        ethnicity = c.code(chars, "Ethnicity", f"{c.path}/ChildCharacteristics", codes.ETHNICITY)
        raw.update(chars_raw)
    if pid is None:
        return None
    return {
        "source": _SOURCE,
        "person_id": pid,
        "la_child_id": pid,
        "upn": upn,
        "upn_valid": None if upn is None else is_valid_upn(upn),
        "dob": dob,
        "sex": sex,
        "ethnicity": ethnicity,
        "row_ref": c.path,
        "raw": to_json(raw),
    }


def _event(
    pid: str,
    rid: str,
    kind: str,
    code: str | None,
    start: date | None,
    end: date | None,
    attrs: dict[str, Any],
    ref: str,
    raw: dict[str, Any],
) -> dict[str, Any]:
    return {
        "source": _SOURCE,
        "record_id": f"{pid}/{rid}",
        "person_id": pid,
        "kind": kind,
        "code": code,
        "start_date": start,
        "end_date": end,
        "attributes": to_json(attrs),
        "row_ref": ref,
        "raw": to_json(raw),
    }


def _episodes(c: _Child, child: Any, pid: str) -> list[dict[str, Any]]:
    """One referral event per CINdetails, plus its assessments, plans and section 47s."""
    out: list[dict[str, Any]] = []
    for i, det in enumerate(_kids(child).get("CINdetails", []), start=1):
        at = f"{c.path}/CINdetails[{i}]"
        k, k_raw = _kids_leaves(det)
        attrs: dict[str, Any] = {
            "primary_need": c.code(k, "PrimaryNeedCode", at, codes.PRIMARY_NEED),
            "closure_reason": c.code(k, "ReasonForClosure", at, codes.REASON_FOR_CLOSURE),
            "referral_nfa": c.flag(k, "ReferralNFA", at),
            "date_of_initial_cpc": c.date(k, "DateOfInitialCPC", at),
        }
        source = c.code(k, "ReferralSource", at, codes.REFERRAL_SOURCE)
        start = c.date(k, "CINreferralDate", at, required=True)
        out.append(
            _event(
                pid,
                f"ref{i}",
                "referral",
                source,
                start,
                c.date(k, "CINclosureDate", at),
                attrs,
                at,
                k_raw,
            )
        )
        for j, el in enumerate(k.get("Assessments", []), start=1):
            p = f"{at}/Assessments[{j}]"
            a, a_raw = _kids_leaves(el)
            factors: list[str] = []
            for fi_el in a.get("FactorsIdentifiedAtAssessment", []):
                for fac in _kids(fi_el).get("AssessmentFactors", []):
                    value = (fac.text or "").strip().upper()
                    if value and value not in codes.ASSESSMENT_FACTORS:
                        c.issues.append(
                            rr.BAD_CODE.issue(
                                c.file,
                                path=f"{p}/FactorsIdentifiedAtAssessment",
                                column="AssessmentFactors",
                                value=value,
                            )
                        )
                    if value:
                        factors.append(value)
            authorised = c.date(a, "AssessmentAuthorisationDate", p)
            out.append(
                _event(
                    pid,
                    f"ref{i}/asm{j}",
                    "assessment",
                    None,
                    c.date(a, "AssessmentActualStartDate", p),
                    authorised,
                    {"authorised_date": authorised, "factors": factors},
                    p,
                    a_raw,
                )
            )
        for j, el in enumerate(k.get("CINPlanDates", []), start=1):
            p = f"{at}/CINPlanDates[{j}]"
            a, a_raw = _kids_leaves(el)
            out.append(
                _event(
                    pid,
                    f"ref{i}/cinp{j}",
                    "cin_plan",
                    None,
                    c.date(a, "CINPlanStartDate", p),
                    c.date(a, "CINPlanEndDate", p),
                    {},
                    p,
                    a_raw,
                )
            )
        for j, el in enumerate(k.get("Section47", []), start=1):
            p = f"{at}/Section47[{j}]"
            a, a_raw = _kids_leaves(el)
            attrs = {
                "initial_cpc_target": c.date(a, "InitialCPCtarget", p),
                "icpc_date": c.date(a, "DateOfInitialCPC", p),
                "icpc_not_required": c.flag(a, "ICPCnotRequired", p),
            }
            out.append(
                _event(
                    pid,
                    f"ref{i}/s47{j}",
                    "s47",
                    None,
                    c.date(a, "S47ActualStartDate", p),
                    None,
                    attrs,
                    p,
                    a_raw,
                )
            )
        for j, el in enumerate(k.get("ChildProtectionPlans", []), start=1):
            p = f"{at}/ChildProtectionPlans[{j}]"
            a, a_raw = _kids_leaves(el)
            reviews = [
                _parse_date(r.text or "")
                for rv in a.get("Reviews", [])
                for r in _kids(rv).get("CPPreviewDate", [])
            ]
            latest = c.code(a, "LatestCategoryOfAbuse", p, codes.CATEGORY_OF_ABUSE)
            attrs = {
                "initial_category": c.code(a, "InitialCategoryOfAbuse", p, codes.CATEGORY_OF_ABUSE),
                "latest_category": latest,
                "previous_cpps": c.text(a, "NumberOfPreviousCPP", p),
                "review_dates": [d for d in reviews if d is not None],
            }
            out.append(
                _event(
                    pid,
                    f"ref{i}/cpp{j}",
                    "cp_plan",
                    latest,
                    c.date(a, "CPPstartDate", p),
                    c.date(a, "CPPendDate", p),
                    attrs,
                    p,
                    a_raw,
                )
            )
    return out


def read_cin_census(path: Path) -> ParsedFile:
    """Stream the census; a truncated or malformed file is rejected whole with one issue."""
    issues: list[Issue] = []
    persons: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    children = 0
    try:
        root = _root_name(path)
        if root != "Message":
            cause = f"the root element is '{root}', not the census's 'Message'"
            return unreadable(path, FileKind.CIN_CENSUS, rr.BAD_XML.issue(path.name, cause=cause))
        # Only Child elements reach Python: a tag filter keeps lxml from handing over the
        # million other elements of a large census one event at a time.
        context = etree.iterparse(
            str(path),
            events=("end",),
            tag="{*}Child",
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            remove_comments=True,
        )
        for _, el in context:
            children += 1
            c = _Child(path.name, f"/Message/Children/Child[{children}]", issues)
            person = _person(c, el)
            if person is not None:
                persons.append(person)
                events.extend(_episodes(c, el, person["person_id"]))
            el.clear(keep_tail=False)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        return unreadable(path, FileKind.CIN_CENSUS, _xml_issue(path.name, exc))
    except OSError as exc:
        return unreadable(path, FileKind.CIN_CENSUS, rr.UNREADABLE.issue(path.name, cause=str(exc)))
    return ParsedFile(
        source=Source.CIN_CENSUS,
        file=path.name,
        sha256=file_sha256(path),
        persons=persons_from_rows(persons),
        events=events_from_rows(events),
        issues=issues,
        rows_read=children,
        kind=FileKind.CIN_CENSUS,
    )


def _root_name(path: Path) -> str:
    """The local name of the document's root element, read from the start of the file only."""
    context = etree.iterparse(
        str(path),
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
    )
    for _, el in context:
        return _name(el)
    return ""


def _xml_issue(file: str, exc: etree.XMLSyntaxError) -> Issue:
    message = str(exc)
    line = getattr(exc, "lineno", None)
    where = f"line {line}: " if line else ""
    if "encoding" in message.casefold() or "utf-8" in message.casefold():
        return rr.ENCODING.issue(file, cause=f"{where}{message}"[:300])
    return rr.BAD_XML.issue(file, cause=f"{where}{message}"[:300])
