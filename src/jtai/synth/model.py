"""The simulated child: a true identity and a timeline of what happened, before anything is written.

Writers and the truth oracle read these objects; nothing here knows a file format. Dates after the
as-of date may appear in a history (a plan that will end next month, a first appointment next
week); the `*_as_of` helpers say what a record looks like when it is extracted on a given day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

Day = date  # field names `date` below would shadow the type inside their classes


def end_as_of(end: Day | None, as_of: Day) -> Day | None:
    """An end date as an extract taken at `as_of` shows it: a future end is not known yet."""
    if end is None or end > as_of:
        return None
    return end


def known_by(day: Day | None, as_of: Day) -> Day | None:
    """A date that is only recorded once it has happened."""
    if day is None or day > as_of:
        return None
    return day


@dataclass(slots=True)
class Assessment:
    start: Day
    authorised: Day | None
    factors: list[str]
    needs_support: bool


@dataclass(slots=True)
class Section47:
    start: Day
    icpc_target: Day
    icpc: Day | None
    icpc_not_required: bool


@dataclass(slots=True)
class Plan:
    """A CIN plan or a CP plan."""

    start: Day
    end: Day | None
    initial_category: str = ""
    latest_category: str = ""
    previous_plans: int = 0
    reviews: list[Day] = field(default_factory=list)


@dataclass(slots=True)
class Referral:
    """One CIN census CINdetails: a referral and everything that followed from it."""

    contact_date: Day
    date: Day
    source: str
    need_code: str
    nfa: bool
    closure: Day | None = None
    closure_reason: str = ""
    assessments: list[Assessment] = field(default_factory=list)
    cin_plans: list[Plan] = field(default_factory=list)
    section47s: list[Section47] = field(default_factory=list)
    cp_plans: list[Plan] = field(default_factory=list)


@dataclass(slots=True)
class Contact:
    """A contact to the front door that did not become a referral (Annex A list 1 only)."""

    date: Day
    source: str


@dataclass(slots=True)
class CareEpisode:
    start: Day
    end: Day | None
    rne: str
    legal_status: str
    need_code: str
    placement: str
    provider: str
    reason_ceased: str = ""
    reason_place_change: str = ""
    home_postcode: str = ""
    placement_postcode: str = ""
    urn: str = ""


@dataclass(slots=True)
class MissingEpisode:
    kind: str  # M missing, A away from placement without authorisation
    start: Day
    end: Day | None


@dataclass(slots=True)
class HealthReferral:
    date: Day
    service: str
    source: str
    reason: str
    outcome: str  # the outcome once decided
    decided: Day
    first_contact: Day | None
    treatment_start: Day | None
    discharge: Day | None
    diagnosis: str

    def outcome_as_of(self, as_of: Day) -> str:
        """Undecided referrals are `pending` in an extract taken before the decision."""
        return self.outcome if self.decided <= as_of else "pending"

    def diagnosis_as_of(self, as_of: Day) -> str:
        """A diagnosis is recorded once treatment has started."""
        return self.diagnosis if known_by(self.treatment_start, as_of) else ""


@dataclass(slots=True)
class Event:
    """A dated event in a partner's system: health event, police event or school event."""

    kind: str
    date: Day
    end: Day | None = None
    mh_flag: str = ""
    referred_to: str = ""
    referral_date: Day | None = None


@dataclass(slots=True)
class SchoolPlace:
    urn: str
    name: str
    entry: Day
    leaving: Day | None
    sen_provision: str
    sen_need: str
    attendance: float
    suspensions: int
    excluded: bool


@dataclass(slots=True)
class YjsCase:
    start: Day
    end: Day | None
    outcome_type: str
    screen: str
    mh_referral: Day | None
    mh_service: str
    high_risk: bool


@dataclass(slots=True)
class EarlyHelp:
    start: Day
    end: Day | None
    reason: str
    lead_agency: str


@dataclass(slots=True)
class Child:
    """One child of the area: who they really are and what really happened to them."""

    uid: str
    forename: str
    surname: str
    sex: str
    dob: Day
    ethnicity: str
    nhs_number: str
    household: int
    postcodes: list[tuple[Day, str]]
    former_surname: str = ""
    surname_changed: Day | None = None
    twin: bool = False
    upn: str = ""
    la_child_id: str = ""
    disability: str = "NONE"
    disorder: bool = False
    disorder_onset: Day | None = None
    status: str = ""  # the social care status the history was built for (CLA, CP, CIN, ...)
    contacts: list[Contact] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    episodes: list[CareEpisode] = field(default_factory=list)
    missing: list[MissingEpisode] = field(default_factory=list)
    reviews: list[Day] = field(default_factory=list)
    sdq: list[tuple[Day, int | None, str]] = field(default_factory=list)
    early_help: list[EarlyHelp] = field(default_factory=list)
    health_referrals: list[HealthReferral] = field(default_factory=list)
    health_events: list[Event] = field(default_factory=list)
    police_events: list[Event] = field(default_factory=list)
    police_records: int = 1
    school: SchoolPlace | None = None
    school_events: list[Event] = field(default_factory=list)
    yjs_cases: list[YjsCase] = field(default_factory=list)

    def postcode_on(self, day: Day) -> str:
        """The address the family lived at on `day`."""
        current = self.postcodes[0][1]
        for moved, postcode in self.postcodes:
            if moved <= day:
                current = postcode
        return current

    def surname_on(self, day: Day) -> str:
        if self.surname_changed and day < self.surname_changed:
            return self.former_surname
        return self.surname

    @property
    def known_to_social_care(self) -> bool:
        return bool(self.la_child_id)


def last_census_day(as_of: Day) -> date:
    """The 31 March that ended the latest SSDA903 return year on or before the as-of date."""
    return date(as_of.year if (as_of.month, as_of.day) >= (3, 31) else as_of.year - 1, 3, 31)


def oc2_entry(child: Child, as_of: Day) -> tuple[Day, int | None, str] | None:
    """The child's row in the latest return's OC2 (one SDQ per child per return), if any."""
    census = last_census_day(as_of)
    for entry in child.sdq:
        if entry[0] == census:
            return entry
    return None
