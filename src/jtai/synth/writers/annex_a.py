"""The Ofsted ILACS Annex A workbook, lists 1 to 8, one sheet each, with Ofsted-style headers.

Lists 1-5 cover the six months before the as-of date; lists 6-8 hold every case open on that date
and those closed within the six months. Category values carry the template's letter prefixes
(`a) Male`, `q) 6: Police`, `a) Yes`). Rows are gathered per sheet (only children known to social
care reach them) and written once with openpyxl's write-only mode.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from datetime import date, timedelta
from pathlib import Path

from openpyxl import Workbook

from jtai.core.dates import age_on, months_before
from jtai.synth.model import CareEpisode, Child, Referral, end_as_of, known_by
from jtai.synth.people import ETHNICITIES

_LEAD = ("Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age")
_TEAM = ("Allocated Team", "Allocated Worker")
ANNEX_A_HEADERS: dict[str, tuple[str, ...]] = {
    "List 1": (*_LEAD, "Date of Contact", "Contact Source"),
    "List 2": (
        *_LEAD,
        "Assessment start date",
        "Assessment completion date",
        "Organisation completing assessment",
    ),
    "List 3": (
        *_LEAD,
        "Date of Referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *_TEAM,
    ),
    "List 4": (
        *_LEAD,
        "Does the Child have a Disability",
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *_TEAM,
    ),
    "List 5": (
        *_LEAD,
        "Does the Child have a Disability",
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *_TEAM,
    ),
    "List 6": (
        *_LEAD,
        "Does the Child have a Disability",
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *_TEAM,
    ),
    "List 7": (
        *_LEAD,
        "Does the Child have a Disability",
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers "
        "in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *_TEAM,
    ),
    "List 8": (
        *_LEAD,
        "UASC",
        "Does the Child have a Disability",
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this the Second or Subsequent Period of Being Looked After Within the Last 12 Months",
        "Start Date of Current Legal Status",
        "Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "Permanence Plan",
        "Date of Last Health Assessment",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement Postcode",
        "URN",
        "Placement Location",
        "Number of Missing Episodes in the Last 12 Months",
        "Number of Absent Episodes in the Last 12 Months",
        *_TEAM,
    ),
}

# Referral sources in the template's order; 5D (added 2022-23) sits at the end of the list.
_SOURCE_LABELS = {
    "1A": "Individual - Family member/relative/carer",
    "1B": "Individual - Acquaintance",
    "1C": "Individual - Self",
    "1D": "Individual - Other",
    "2A": "Schools",
    "2B": "Education services",
    "3A": "Health services - GP",
    "3B": "Health services - Health visitor",
    "3C": "Health services - School nurse",
    "3D": "Health services - Other primary health services",
    "3E": "Health services - A&E",
    "3F": "Health services - Other",
    "4": "Housing",
    "5A": "LA services - Social care",
    "5B": "LA services - Other internal",
    "5C": "LA services - External",
    "6": "Police",
    "7": "Other legal agency",
    "8": "Other",
    "9": "Anonymous",
    "10": "Unknown",
    "5D": "LA services - Early help",
}
SOURCE_LABEL = {
    code: f"{chr(ord('a') + i)}) {code}: {text}"
    for i, (code, text) in enumerate(_SOURCE_LABELS.items())
}
ETHNICITY_LABEL = {code: f"{chr(ord('a') + i)}) {code}" for i, (code, _) in enumerate(ETHNICITIES)}
GENDER_LABEL = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
YES, NO = "a) Yes", "b) No"
_TEAMS = (
    "Assessment Team 1",
    "Assessment Team 2",
    "Family Support East",
    "Family Support West",
    "Children in Care",
    "Disabled Children",
)


class AnnexAWriter:
    def __init__(self, path: Path, as_of: date, rng: random.Random) -> None:
        self.path = path
        self.as_of = as_of
        self.since = months_before(as_of, 6)
        self.rng = rng
        self.rows: dict[str, list[list[object]]] = {name: [] for name in ANNEX_A_HEADERS}

    def add(self, child: Child) -> bool:
        if not child.la_child_id:
            return False
        before = sum(len(r) for r in self.rows.values())
        lead: list[object] = [
            child.la_child_id,
            GENDER_LABEL[child.sex],
            ETHNICITY_LABEL[child.ethnicity],
            child.dob,
            age_on(child.dob, self.as_of),
        ]
        disabled = NO if child.disability == "NONE" else YES
        team = [self.rng.choice(_TEAMS), f"Worker {self.rng.randint(1, 400):03d}"]
        self._contacts(child, lead)
        for eh in child.early_help:
            if self.since <= eh.start <= self.as_of:
                done = known_by(eh.start + timedelta(days=30), self.as_of)
                self.rows["List 2"].append([*lead, eh.start, done, _org(eh.lead_agency)])
        referrals = [r for r in child.referrals if r.date <= self.as_of]
        for r in referrals:
            self._referral(child, r, referrals, lead, disabled, team)
        self._care(child, lead, disabled, team)
        return sum(len(r) for r in self.rows.values()) > before

    def _in_window(self, day: date | None) -> bool:
        return day is not None and self.since <= day <= self.as_of

    def _contacts(self, child: Child, lead: list[object]) -> None:
        contacts = [(c.date, c.source) for c in child.contacts]
        contacts += [(r.contact_date, r.source) for r in child.referrals]
        for day, source in sorted(contacts):
            if self._in_window(day):
                self.rows["List 1"].append([*lead, day, SOURCE_LABEL[source]])

    def _referral(
        self,
        child: Child,
        r: Referral,
        all_refs: list[Referral],
        lead: list[object],
        disabled: str,
        team: list[str],
    ) -> None:
        d = self.as_of
        if self._in_window(r.date):
            year_before = r.date - timedelta(days=365)
            count = sum(1 for o in all_refs if year_before <= o.date <= r.date)
            self.rows["List 3"].append(
                [*lead, r.date, SOURCE_LABEL[r.source], YES if r.nfa else NO, count, *team]
            )
        for a in r.assessments:
            if self._in_window(a.start):
                authorised = known_by(a.authorised, d)
                needs = (YES if a.needs_support else NO) if authorised else ""
                self.rows["List 4"].append(
                    [*lead, disabled, a.start, YES, authorised, needs, *team]
                )
        for s in r.section47s:
            if self._in_window(s.start):
                icpc = known_by(s.icpc, d)
                plan = (
                    YES
                    if icpc and any(p.start == icpc for p in r.cp_plans)
                    else (NO if icpc else "")
                )
                self.rows["List 5"].append(
                    [
                        *lead,
                        disabled,
                        s.start,
                        YES if s.icpc_not_required else NO,
                        icpc,
                        plan,
                        1,
                        1 if icpc else 0,
                        *team,
                    ]
                )
        closure = known_by(r.closure, d)
        if closure is None or self._in_window(closure):
            seen = max(r.date, d - timedelta(days=self.rng.randint(0, 40)))
            self.rows["List 6"].append(
                [
                    *lead,
                    disabled,
                    r.date,
                    r.need_code,
                    seen,
                    closure,
                    r.closure_reason if closure else "",
                    self._case_status(child, r),
                    *team,
                ]
            )
        for p in r.cp_plans:
            end = end_as_of(p.end, d)
            if p.start <= d and (end is None or self._in_window(end)):
                visit = max(p.start, d - timedelta(days=self.rng.randint(0, 14)))
                reviews = [x for x in p.reviews if x <= d]
                self.rows["List 7"].append(
                    [
                        *lead,
                        disabled,
                        p.start,
                        p.initial_category,
                        p.latest_category,
                        visit,
                        YES if self.rng.random() < 0.8 else NO,
                        reviews[-1] if reviews else None,
                        end,
                        "N",
                        p.previous_plans,
                        *team,
                    ]
                )

    def _case_status(self, child: Child, r: Referral) -> str:
        d = self.as_of
        if known_by(r.closure, d):
            return "e) Closed episode"
        if any(_looked_after_on(e, d) for e in child.episodes):
            return "a) Looked after"
        if any(p.start <= d and end_as_of(p.end, d) is None for p in r.cp_plans):
            return "b) Child protection plan"
        if any(p.start <= d and end_as_of(p.end, d) is None for p in r.cin_plans):
            return "c) Child in need plan"
        return "d) Open assessment"

    def _care(self, child: Child, lead: list[object], disabled: str, team: list[str]) -> None:
        d = self.as_of
        episodes = [e for e in child.episodes if e.start <= d]
        if not episodes:
            return
        last = episodes[-1]
        ceased = end_as_of(last.end, d)
        if ceased is not None and not self._in_window(ceased):
            return
        period_start = episodes[0].start
        legal_start = period_start
        for e in episodes:
            if e.legal_status != last.legal_status:
                legal_start = e.start
        year_ago = d - timedelta(days=365)
        missing = [m for m in child.missing if year_ago <= m.start <= d]
        reviews = [x for x in child.reviews if x <= d]
        self.rows["List 8"].append(
            [
                *lead,
                NO,
                disabled,
                period_start,
                last.need_code,
                NO,
                legal_start,
                last.legal_status,
                reviews[-1] if reviews else None,
                max(period_start, d - timedelta(days=20)),
                "a) Return home" if last.legal_status == "V2" else "f) Long-term fostering",
                max(period_start, d - timedelta(days=200)),
                ceased,
                last.reason_ceased if ceased else "",
                last.start,
                last.placement,
                last.provider,
                last.placement_postcode,
                last.urn,
                "a) In area",
                sum(1 for m in missing if m.kind == "M"),
                sum(1 for m in missing if m.kind == "A"),
                *team,
            ]
        )

    def close(self) -> dict[str, int]:
        book = Workbook(write_only=True)
        for name, header in ANNEX_A_HEADERS.items():
            sheet = book.create_sheet(title=name)
            sheet.append(list(header))
            for row in self.rows[name]:
                sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        self.path.write_bytes(stable_xlsx(buffer.getvalue(), self.as_of))
        return {name: len(rows) for name, rows in self.rows.items()}


def _looked_after_on(episode: CareEpisode, day: date) -> bool:
    """Open on the day and not a short break (V3/V4 never make a child looked after)."""
    open_on = episode.start <= day and end_as_of(episode.end, day) is None
    return open_on and episode.legal_status not in ("V3", "V4")


def _org(lead: str) -> str:
    return {
        "school": "a) School",
        "health": "b) Health",
        "la": "c) Local authority",
        "voluntary": "d) Voluntary sector",
    }.get(lead, "e) Other")


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def stable_xlsx(data: bytes, as_of: date) -> bytes:
    """Same rows, same bytes: fix the zip entries' times and the workbook's created/modified stamps.

    openpyxl stamps the save time into docProps/core.xml and every zip entry; a seed must give the
    same file whenever it is run.
    """
    stamp = f"{as_of.isoformat()}T00:00:00Z".encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(lambda m: m.group(1) + stamp + m.group(2), content)
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, content)
    return out.getvalue()
