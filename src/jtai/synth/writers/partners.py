"""Partner extracts in the canonical layout, and `la_persons.csv`, under the contract's names.

Each source records the child once per person record (with that source's identity noise) and
repeats the identity on every row, as a partner's extract does. Only what has happened by the
as-of date is written: a future first appointment is blank, an undecided referral is `pending`.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date
from pathlib import Path

from jtai.synth.model import Child, Event, end_as_of, known_by
from jtai.synth.people import IDENTITY_COLUMNS, Allocator, Identity, Recorder
from jtai.synth.writers.csvfile import CsvFile, iso

PARTNER_COLUMNS: dict[str, tuple[str, ...]] = {
    "la_persons": IDENTITY_COLUMNS,
    "health_referrals": (
        *IDENTITY_COLUMNS,
        "referral_id",
        "service",
        "referral_date",
        "referral_source",
        "referral_reason",
        "outcome",
        "first_contact_date",
        "treatment_start_date",
        "discharge_date",
        "diagnosis_icd10",
    ),
    "health_events": (
        *IDENTITY_COLUMNS,
        "event_id",
        "event_type",
        "event_date",
        "end_date",
        "detail",
    ),
    "police_events": (
        *IDENTITY_COLUMNS,
        "event_id",
        "event_type",
        "event_date",
        "end_date",
        "mental_health_flag",
        "referred_to",
        "referral_date",
    ),
    "school_pupils": (
        *IDENTITY_COLUMNS,
        "school_urn",
        "school_name",
        "entry_date",
        "leaving_date",
        "sen_provision",
        "sen_primary_need",
        "attendance_pct",
        "suspensions",
        "permanent_exclusion",
    ),
    "school_events": (
        *IDENTITY_COLUMNS,
        "event_id",
        "school_urn",
        "event_type",
        "event_date",
        "mental_health_flag",
    ),
    "yjs_cases": (
        *IDENTITY_COLUMNS,
        "case_id",
        "start_date",
        "end_date",
        "outcome_type",
        "mh_screen",
        "mh_referral_date",
        "mh_service",
        "high_risk_of_serious_harm",
    ),
    "early_help": (
        *IDENTITY_COLUMNS,
        "episode_id",
        "start_date",
        "end_date",
        "reason",
        "lead_agency",
    ),
}

PersonSink = Callable[[str, str, str], None]


class PartnerWriter:
    """Writes every partner file and `la_persons.csv`, one child at a time."""

    def __init__(
        self,
        outdir: Path,
        as_of: date,
        rng: random.Random,
        alloc: Allocator,
        recorder: Recorder,
        persons: PersonSink,
    ) -> None:
        self.as_of = as_of
        self.rng = rng
        self.alloc = alloc
        self.recorder = recorder
        self.persons = persons
        self.files = {
            name: CsvFile(outdir / f"{name}.csv", columns)
            for name, columns in PARTNER_COLUMNS.items()
        }
        self._seq = dict.fromkeys(PARTNER_COLUMNS, 0)

    def close(self) -> dict[str, int]:
        for f in self.files.values():
            f.close()
        return {f"{name}.csv": f.rows for name, f in self.files.items()}

    def _next(self, name: str, prefix: str) -> str:
        self._seq[name] += 1
        return f"{prefix}{self._seq[name]:07d}"

    def _identity(
        self, source: str, child: Child, prefix: str, first_seen: date, la_share: float = 0.0
    ) -> Identity:
        person_id = self.alloc.person_id(prefix)
        la_id = child.la_child_id if child.la_child_id and self.rng.random() < la_share else ""
        identity = self.recorder.record(source, child, person_id, first_seen, self.as_of, la_id)
        self.persons(source, person_id, child.uid)
        return identity

    def add(self, child: Child) -> None:
        if child.la_child_id:
            self._la_person(child)
        self._health_referrals(child)
        self._health_events(child)
        self._police(child)
        self._school(child)
        self._yjs(child)
        self._early_help(child)

    def _la_person(self, child: Child) -> None:
        identity = self.recorder.record(
            "la_persons", child, child.la_child_id, self.as_of, self.as_of, child.la_child_id
        )
        self.persons("la_persons", child.la_child_id, child.uid)
        self.files["la_persons"].write(identity.cells())

    def _health_referrals(self, child: Child) -> None:
        rows = [r for r in child.health_referrals if r.date <= self.as_of]
        if not rows:
            return
        who = self._identity("health_referrals", child, "MH", rows[0].date).cells()
        out = self.files["health_referrals"]
        d = self.as_of
        for r in rows:
            out.write(
                [
                    *who,
                    self._next("health_referrals", "REF"),
                    r.service,
                    iso(r.date),
                    r.source,
                    r.reason,
                    r.outcome_as_of(d),
                    iso(known_by(r.first_contact, d)),
                    iso(known_by(r.treatment_start, d)),
                    iso(known_by(r.discharge, d)),
                    r.diagnosis_as_of(d),
                ]
            )

    def _health_events(self, child: Child) -> None:
        rows = [e for e in child.health_events if e.date <= self.as_of]
        if not rows:
            return
        who = self._identity("health_events", child, "RX", rows[0].date).cells()
        out = self.files["health_events"]
        for e in rows:
            out.write(
                [
                    *who,
                    self._next("health_events", "HE"),
                    e.kind,
                    iso(e.date),
                    iso(end_as_of(e.end, self.as_of)),
                    "",
                ]
            )

    def _police(self, child: Child) -> None:
        rows = sorted((e for e in child.police_events if e.date <= self.as_of), key=_by_date)
        if not rows:
            return
        records = [self._identity("police_events", child, "PP", rows[0].date).cells()]
        if child.police_records > 1 and len(rows) > 1:
            # The force created a second person record for the same child at a later incident.
            records.append(self._identity("police_events", child, "PP", rows[-1].date).cells())
        out = self.files["police_events"]
        for i, e in enumerate(rows):
            who = records[-1] if i == len(rows) - 1 else records[0]
            out.write(
                [
                    *who,
                    self._next("police_events", "PE"),
                    e.kind,
                    iso(e.date),
                    iso(end_as_of(e.end, self.as_of)),
                    e.mh_flag,
                    e.referred_to,
                    iso(known_by(e.referral_date, self.as_of)),
                ]
            )

    def _school(self, child: Child) -> None:
        school = child.school
        if school is None or school.entry > self.as_of:
            return
        who = self._identity("school_pupils", child, "SP", school.entry).cells()
        self.files["school_pupils"].write(
            [
                *who,
                school.urn,
                school.name,
                iso(school.entry),
                iso(end_as_of(school.leaving, self.as_of)),
                school.sen_provision,
                school.sen_need,
                f"{school.attendance:.1f}",
                str(school.suspensions),
                "Y" if school.excluded else "N",
            ]
        )
        # The school's events come from the same management information system and person record.
        if self._school_events(child, who, school.urn):
            self.persons("school_events", who[0], child.uid)

    def _school_events(self, child: Child, who: list[str], urn: str) -> bool:
        rows = sorted((e for e in child.school_events if e.date <= self.as_of), key=_by_date)
        out = self.files["school_events"]
        for e in rows:
            out.write(
                [*who, self._next("school_events", "SE"), urn, e.kind, iso(e.date), e.mh_flag]
            )
        return bool(rows)

    def _yjs(self, child: Child) -> None:
        rows = [c for c in child.yjs_cases if c.start <= self.as_of]
        if not rows:
            return
        who = self._identity("yjs_cases", child, "YJ", rows[0].start, la_share=0.6).cells()
        for c in rows:
            self.files["yjs_cases"].write(
                [
                    *who,
                    self._next("yjs_cases", "YC"),
                    iso(c.start),
                    iso(end_as_of(c.end, self.as_of)),
                    c.outcome_type,
                    c.screen,
                    iso(known_by(c.mh_referral, self.as_of)),
                    c.mh_service,
                    "Y" if c.high_risk else "N",
                ]
            )

    def _early_help(self, child: Child) -> None:
        rows = [e for e in child.early_help if e.start <= self.as_of]
        if not rows:
            return
        who = self._identity("early_help", child, "EH", rows[0].start, la_share=0.9).cells()
        for e in rows:
            self.files["early_help"].write(
                [
                    *who,
                    self._next("early_help", "EP"),
                    iso(e.start),
                    iso(end_as_of(e.end, self.as_of)),
                    e.reason,
                    e.lead_agency,
                ]
            )


def _by_date(event: Event) -> date:
    return event.date
