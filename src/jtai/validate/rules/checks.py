"""Rules the engine runs over the canonical tables of every file in a run (vectorised SQL).

Each check reads the DuckDB views `persons` and `events` (canonical columns plus `file` and
`file_kind`) and yields issues located by `row_ref`. `as_of` is the date the data is read for.
SQL text is built from our own constants and an ISO date only, hence the S608 exemption.
"""
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from jtai.core.issues import Issue, Severity
from jtai.validate.rules.base import Rule, RuleContext, Stage, register
from jtai.validate.rules.columns import date_column

E, Q, W = Severity.ERROR, Severity.QUERY, Severity.WARNING
ENGINE = Stage.ENGINE
_PLANS = "('cin_plan','cp_plan','s47','assessment','episode','cla','cin')"
_PARTNERS = (
    "('health_referrals','health_events','police_events','school_events','yjs_cases','early_help')"
)
_AGE = (
    "(date_diff('year', p.dob, DATE '{d}') - CASE WHEN strftime(DATE '{d}', '%m%d') < "
    "strftime(p.dob, '%m%d') THEN 1 ELSE 0 END)"
)
_DOB = "(SELECT source, person_id, min(dob) AS dob FROM persons GROUP BY source, person_id)"


def _rows(ctx: RuleContext, sql: str) -> list[tuple[Any, ...]]:
    return ctx.con.execute(sql.replace("{d}", ctx.as_of.isoformat())).fetchall()


def _end_before_start(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, kind, start_date, end_date, file_kind FROM events "
        "WHERE end_date < start_date"
    )
    for file, ref, kind, start, end, file_kind in _rows(ctx, sql):
        column = date_column(file_kind, kind, end=True)
        yield END_BEFORE_START.at(file, ref, column=column, value=end, kind=kind, start=start)


def _after_as_of(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, kind, start_date, file_kind FROM events "
        "WHERE start_date > DATE '{d}'"
    )
    for file, ref, kind, start, file_kind in _rows(ctx, sql):
        column = date_column(file_kind, kind)
        yield AFTER_AS_OF.at(file, ref, column=column, value=start, kind=kind, as_of=ctx.as_of)


def _dob_after_as_of(ctx: RuleContext) -> Iterable[Issue]:
    for file, ref, dob in _rows(
        ctx, "SELECT file, row_ref, dob FROM persons WHERE dob > DATE '{d}'"
    ):
        yield DOB_AFTER_AS_OF.at(file, ref, column="dob", value=dob, as_of=ctx.as_of)


def _no_start(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, kind, file_kind FROM events "
        f"WHERE start_date IS NULL AND kind IN {_PLANS}"
    )
    for file, ref, kind, file_kind in _rows(ctx, sql):
        yield NO_START.at(file, ref, column=date_column(file_kind, kind), kind=kind)


def _overlapping_episodes(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT b.file, b.row_ref, b.person_id, b.start_date, a.row_ref "
        "FROM events a JOIN events b "
        "ON a.file = b.file AND a.person_id = b.person_id AND a.kind = 'episode' "
        "AND b.kind = 'episode' AND a.row_ref <> b.row_ref AND (a.start_date < b.start_date OR "
        "(a.start_date = b.start_date AND a.row_ref < b.row_ref)) "
        "AND (a.end_date IS NULL OR a.end_date > b.start_date)"
    )
    for file, ref, child, start, other in _rows(ctx, sql):
        yield OVERLAP.at(file, ref, column="DECOM", value=start, child=child, other=other)


def _duplicate_person(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, person_id FROM (SELECT *, row_number() OVER (PARTITION BY file, "
        "person_id ORDER BY row_ref) AS n FROM persons WHERE file_kind IN ('cin_census', "
        "'ssda903_header', 'la_persons')) WHERE n > 1"
    )
    for file, ref, pid in _rows(ctx, sql):
        yield DUPLICATE_PERSON.at(file, ref, column="person_id", value=pid)


# The column each file's record id comes from, so an issue names the column the partner sent.
_ID_COLUMN = {
    "health_referrals": "referral_id",
    "yjs_cases": "case_id",
    "early_help": "episode_id",
    "ssda903_episodes": "DECOM",
}


def _duplicate_record(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, record_id, file_kind FROM (SELECT *, row_number() OVER (PARTITION "
        f"BY file, record_id ORDER BY row_ref) AS n FROM events WHERE source IN {_PARTNERS} "
        "OR kind = 'episode') WHERE n > 1"
    )
    for file, ref, rid, kind in _rows(ctx, sql):
        column = _ID_COLUMN.get(kind, "event_id")
        yield DUPLICATE_RECORD.at(file, ref, column=column, value=rid)


def _bad_upn(ctx: RuleContext) -> Iterable[Issue]:
    sql = "SELECT file, row_ref, upn FROM persons WHERE upn IS NOT NULL AND NOT upn_valid"
    for file, ref, upn in _rows(ctx, sql):
        yield UPN_CHECK.at(file, ref, column="upn", value=upn)


def _bad_nhs(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, nhs_number FROM persons "
        "WHERE nhs_number IS NOT NULL AND NOT nhs_number_valid"
    )
    for file, ref, nhs in _rows(ctx, sql):
        yield NHS_CHECK.at(file, ref, column="nhs_number", value=nhs)


def _duplicate_upn(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, upn FROM (SELECT *, count(DISTINCT person_id) OVER (PARTITION BY "
        "file, upn) AS n FROM persons WHERE upn_valid) WHERE n > 1 ORDER BY file, upn, row_ref"
    )
    for file, ref, upn in _rows(ctx, sql):
        yield DUPLICATE_UPN.at(file, ref, column="upn", value=upn)


def _unlinkable(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        f"SELECT file, row_ref, person_id FROM persons WHERE source IN {_PARTNERS} "
        "AND NOT (coalesce(nhs_number_valid, false) OR coalesce(upn_valid, false) "
        "OR la_child_id IS NOT NULL) AND (surname IS NULL OR dob IS NULL)"
    )
    for file, ref, pid in _rows(ctx, sql):
        yield UNLINKABLE.at(file, ref, column="person_id", value=pid)


def _looked_after_adult(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        f"SELECT e.file, e.row_ref, e.person_id, {_AGE} FROM events e JOIN {_DOB} p "
        "ON p.source = e.source AND p.person_id = e.person_id "
        "WHERE e.kind IN ('episode', 'cla') AND e.start_date <= DATE '{d}' "
        "AND (e.end_date IS NULL OR e.end_date > DATE '{d}') AND " + _AGE + " >= 18"
    )
    for file, ref, pid, age in _rows(ctx, sql):
        yield LOOKED_AFTER_ADULT.at(
            file, ref, column="person_id", value=pid, age=age, as_of=ctx.as_of
        )


def _before_birth(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        f"SELECT e.file, e.row_ref, e.kind, e.start_date, p.dob FROM events e JOIN {_DOB} p "
        "ON p.source = e.source AND p.person_id = e.person_id WHERE e.start_date < p.dob "
        "AND e.kind IN ('cin_plan', 'cin', 'episode', 'cla')"
    )
    for file, ref, kind, start, dob in _rows(ctx, sql):
        rule = CIN_BEFORE_BIRTH if kind in ("cin_plan", "cin") else CARE_BEFORE_BIRTH
        yield rule.at(file, ref, column="start_date", value=start, kind=kind, dob=dob)


def _retired_factors(ctx: RuleContext) -> Iterable[Issue]:
    sql = (
        "SELECT file, row_ref, f FROM (SELECT file, row_ref, unnest(CAST(json_extract_string("
        "attributes, '$.factors[*]') AS VARCHAR[])) AS f FROM events WHERE kind = 'assessment') "
        "WHERE f IN ('18A', '19A')"
    )
    for file, ref, factor in _rows(ctx, sql):
        yield RETIRED_FACTOR.at(file, ref, column="factors", value=factor)


def _r(
    code: str,
    sev: Severity,
    title: str,
    message: str,
    applies: str,
    check: Callable[[RuleContext], Iterable[Issue]] | None,
    mirrors: str | None = None,
) -> Rule:
    return register(Rule(code, sev, title, message, ENGINE, applies, mirrors, check))


END_BEFORE_START = _r(
    "validate.E101",
    E,
    "End date before start date",
    "This {kind} ends on {value}, before it starts ({start}).",
    "all events",
    _end_before_start,
)
AFTER_AS_OF = _r(
    "validate.Q102",
    Q,
    "Dated after the as-of date",
    "This {kind} starts on {value}, after the as-of date {as_of}; it will not count.",
    "all events",
    _after_as_of,
)
DOB_AFTER_AS_OF = _r(
    "validate.Q103",
    Q,
    "Date of birth after the as-of date",
    "Date of birth {value} is after the as-of date {as_of} (an unborn child?).",
    "all persons",
    _dob_after_as_of,
)
NO_START = _r(
    "validate.E104",
    E,
    "Plan or period with no start date",
    "This {kind} has no start date, so it cannot be placed in time.",
    "statutory plans, assessments, s47s, episodes and periods of care",
    _no_start,
)
OVERLAP = _r(
    "validate.E105",
    E,
    "Overlapping 903 episodes",
    "Child {child}'s episode starting {value} overlaps the episode at {other}.",
    "SSDA903 episodes",
    _overlapping_episodes,
)
DUPLICATE_PERSON = _r(
    "validate.E106",
    E,
    "Person appears twice",
    "Child or person '{value}' appears more than once in a file that has one row per person.",
    "CIN census, 903 header, la_persons",
    _duplicate_person,
)
DUPLICATE_RECORD = _r(
    "validate.E107",
    E,
    "Record id appears twice",
    "Record '{value}' appears more than once; ids must be unique within the file.",
    "partner extracts, 903 episodes (CHILD + DECOM)",
    _duplicate_record,
)
UPN_CHECK = _r(
    "1510",
    Q,
    "UPN check letter is wrong",
    "UPN '{value}' fails its check letter; it is kept but never used to link records.",
    "all persons with a UPN",
    _bad_upn,
    "CIN 1510 (an error there; a query here)",
)
NHS_CHECK = _r(
    "validate.Q201",
    Q,
    "NHS number check digit is wrong",
    "NHS number '{value}' fails its modulus-11 check; it is kept but never used to link records.",
    "all persons with an NHS number",
    _bad_nhs,
)
DUPLICATE_UPN = _r(
    "1520",
    Q,
    "Same UPN on different children",
    "UPN '{value}' is given for more than one child in this file.",
    "all persons",
    _duplicate_upn,
    "CIN 1520",
)
UNLINKABLE = _r(
    "validate.W202",
    W,
    "Row cannot be linked",
    "Person '{value}' has no valid NHS number, UPN or LA child id, and not both surname and date "
    "of birth: the record is loaded but cannot be linked to a child.",
    "partner extracts",
    _unlinkable,
)
LOOKED_AFTER_ADULT = _r(
    "validate.Q301",
    Q,
    "Looked after at 18 or over",
    "Child {value} is aged {age} on {as_of} but has a period of care open on that date.",
    "903 episodes (with the 903 header), Annex A list 8",
    _looked_after_adult,
)
CIN_BEFORE_BIRTH = _r(
    "validate.Q302",
    Q,
    "CIN plan before birth",
    "This {kind} starts on {value}, before the child's date of birth {dob}.",
    "CIN census CIN plans, Annex A list 6",
    _before_birth,
)
CARE_BEFORE_BIRTH = _r(
    "validate.E303",
    E,
    "Looked after before birth",
    "This {kind} starts on {value}, before the child's date of birth {dob}.",
    "903 episodes, Annex A list 8",
    None,
)
RETIRED_FACTOR = _r(
    "8945Q",
    Q,
    "Retired assessment factor",
    "Assessment factor {value} was retired in 2020-21: use 18B/18C or 19B/19C.",
    "assessments",
    _retired_factors,
    "CIN 8945Q/8950Q",
)
