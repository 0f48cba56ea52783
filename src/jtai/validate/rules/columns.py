"""The column a partner actually sent for a canonical start or end date, so issues name it.

Canonical events carry `start_date` and `end_date`; a performance analyst fixing the file needs the
name in their own file (`CPPstartDate`, `DECOM`, `referral_date`). Annex A headers vary between
authorities, so its issues keep the canonical name and name the sheet in the location instead.
"""

from __future__ import annotations

# (file kind, event kind) -> (start column, end column)
_DATE_COLUMNS: dict[tuple[str, str], tuple[str, str]] = {
    ("cin_census", "referral"): ("CINreferralDate", "CINclosureDate"),
    ("cin_census", "assessment"): ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
    ("cin_census", "cin_plan"): ("CINPlanStartDate", "CINPlanEndDate"),
    ("cin_census", "s47"): ("S47ActualStartDate", "DateOfInitialCPC"),
    ("cin_census", "cp_plan"): ("CPPstartDate", "CPPendDate"),
    ("ssda903_episodes", "episode"): ("DECOM", "DEC"),
    ("ssda903_missing", "missing"): ("MIS_START", "MIS_END"),
    ("ssda903_reviews", "review"): ("REVIEW", "REVIEW"),
    ("health_referrals", "health_referral"): ("referral_date", "discharge_date"),
    ("health_events", "health_event"): ("event_date", "end_date"),
    ("police_events", "police_event"): ("event_date", "end_date"),
    ("school_pupils", "school_enrolment"): ("entry_date", "leaving_date"),
    ("school_events", "school_event"): ("event_date", "event_date"),
    ("yjs_cases", "yjs_case"): ("start_date", "end_date"),
    ("early_help", "early_help"): ("start_date", "end_date"),
}


def date_column(file_kind: str | None, kind: str, *, end: bool = False) -> str:
    """The source's own name for an event's start (or end) date; the canonical name otherwise."""
    pair = _DATE_COLUMNS.get((file_kind or "", kind))
    if pair is None:
        return "end_date" if end else "start_date"
    return pair[1] if end else pair[0]
