"""Find the children inspectors will ask about, from an area's current records and links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from jtai.access.log import record_access
from jtai.areas.models import Area
from jtai.cohort import (
    CohortChild,
    CohortResult,
    CohortTables,
    Definition,
    Entry,
    FrontDoorResult,
    chronology,
    front_door,
    load_definition,
    select_cohort,
    write_cohort_csv,
    write_inspection_lists,
)
from jtai.core.canonical import AGENCY_OF_SOURCE, Source
from jtai.links.models import ChildLink
from jtai.records.models import Load
from jtai.records.tables import area_events, area_persons
from jtai.runs.linking import area_assignments

DEFAULT_DEFINITION = "jtai-mh-2019"


def area_tables(area: Area) -> CohortTables:
    """The area's persons, events (with load order) and each record's child, for the cohort."""
    return CohortTables(
        persons=area_persons(area, raw=False),
        events=area_events(area, raw=False),
        assignments=area_assignments(area),
    )


@dataclass(frozen=True)
class ChildRecord:
    """One agency's record of the child, and how sure linkage is that it is this child."""

    source: str
    agency: str
    person_id: str
    forename: str | None
    surname: str | None
    dob: date | None
    sex: str | None
    postcode: str | None
    method: str
    match_probability: float | None


@dataclass(frozen=True)
class ChildView:
    """Everything the child page shows: who, why in scope, and what every agency recorded."""

    child_key: str
    la_child_id: str | None
    records: list[ChildRecord]
    in_cohort: CohortChild | None
    chronology: list[Entry]
    agencies: list[str]
    definition: Definition
    files: dict[int, str]  # load id -> the file name each chronology entry came from


def child_view(
    area: Area,
    child_key: str,
    *,
    as_of: date,
    agency: str | None = None,
    definition: str | Path = DEFAULT_DEFINITION,
    known: tuple[Definition, CohortResult] | None = None,
) -> ChildView | None:
    """The child's records across agencies, their place in the cohort on `as_of`, the chronology.

    Only this child's records are read, so the page does not depend on the area's size. `known`,
    the area's cohort on `as_of` under `definition` when already computed (the cohort page's
    cache), gives the child's place in it without selecting again.
    """
    links = list(ChildLink.objects.filter(area=area, child_key=child_key))
    if not links:
        return None
    keys = [link.record_key for link in links]
    persons = area_persons(area, keys)
    tables = CohortTables(
        persons=persons,
        events=area_events(area, keys),
        assignments=area_assignments(area, child_key=child_key),
    )
    if known is not None and known[1].as_of == as_of:
        rules, cohort = known
    else:
        rules = load_definition(definition)
        cohort = select_cohort(tables, rules, as_of)
    found = next((c for c in cohort.children if c.child_key == child_key), None)
    entries = chronology(tables, child_key, as_of=as_of)
    agencies = sorted({e.agency for e in entries if e.agency})
    if agency:
        entries = [e for e in entries if e.agency == agency]
    by_key = {link.record_key: link for link in links}
    records = [
        ChildRecord(
            source=row["source"],
            agency=str(AGENCY_OF_SOURCE.get(Source(row["source"]), "")),
            person_id=row["person_id"],
            forename=row["forename"],
            surname=row["surname"],
            dob=row["dob"],
            sex=row["sex"],
            postcode=row["postcode"],
            method=by_key[f"{row['source']}:{row['person_id']}"].method,
            match_probability=by_key[f"{row['source']}:{row['person_id']}"].match_probability,
        )
        for row in persons.to_pylist()
    ]
    return ChildView(
        child_key=child_key,
        la_child_id=next((link.la_child_id for link in links if link.la_child_id), None),
        records=records,
        in_cohort=found,
        chronology=entries,
        agencies=agencies,
        definition=rules,
        files=dict(
            Load.objects.filter(pk__in={e.load_seq for e in entries}).values_list("pk", "file_name")
        ),
    )


@dataclass(frozen=True)
class AreaCohort:
    area: Area
    definition: Definition
    tables: CohortTables
    cohort: CohortResult


def area_cohort(
    area: Area, *, as_of: date, definition: str | Path = DEFAULT_DEFINITION
) -> AreaCohort:
    """The deep-dive cohort of `area` on `as_of` under `definition` (a name or a YAML path)."""
    rules = load_definition(definition)
    tables = area_tables(area)
    return AreaCohort(area, rules, tables, select_cohort(tables, rules, as_of))


def area_front_door(area_cohort_: AreaCohort) -> FrontDoorResult:
    return front_door(area_cohort_.tables, area_cohort_.definition, area_cohort_.cohort.as_of)


def export_cohort(
    area: Area,
    *,
    as_of: date,
    out: Path,
    actor: Any,
    via: str,
    definition: str | Path = DEFAULT_DEFINITION,
) -> AreaCohort:
    """Write the cohort export (cohort-rules.md section 5) and log the export."""
    found = area_cohort(area, as_of=as_of, definition=definition)
    rows = write_cohort_csv(found.cohort, out)
    record_access(actor=actor, area=area, action="export", what=out.name, via=via, rows=rows)
    return found


def export_lists(
    area: Area,
    *,
    as_of: date,
    out: Path,
    actor: Any,
    via: str,
    definition: str | Path = DEFAULT_DEFINITION,
) -> dict[str, int]:
    """Write the inspection lists workbook (section 8) and log the export."""
    found = area_cohort(area, as_of=as_of, definition=definition)
    door = area_front_door(found)
    counts = write_inspection_lists(found.cohort, door, found.tables, found.definition, as_of, out)
    record_access(
        actor=actor, area=area, action="export", what=out.name, via=via, rows=sum(counts.values())
    )
    return counts
