"""Choose the children to audit from an area's cohort, swap them, save the list, build case packs.

The draw is pure (`jtai.sampling.draw_sample`); this module finds the cohort, stores the draw
through `jtai.selections.services`, and logs every export of child-level data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.db import transaction

from jtai.access.log import record_access
from jtai.areas.models import Area
from jtai.cohort import CohortChild, CohortTables, load_definition, select_cohort
from jtai.core.export_safety import write_safe_csv
from jtai.links.models import ChildLink
from jtai.records.tables import area_events, area_persons
from jtai.runs.cohort import DEFAULT_DEFINITION, AreaCohort, area_cohort
from jtai.runs.linking import area_assignments
from jtai.sampling import Draw, draw_sample
from jtai.sampling.packs import CasePack, case_pack
from jtai.selections import services
from jtai.selections.models import Role, SelectedChild, Selection, Swap

SELECTION_COLUMNS = ("position", "role", "la_child_id", "child_key", "reason")


@dataclass(frozen=True)
class Drawn:
    selection: Selection
    draw: Draw
    cohort: AreaCohort


def draw_selection(
    area: Area,
    *,
    as_of: date,
    tracked: int,
    sampled: int,
    seed: int,
    actor: Any,
    definition: str | Path = DEFAULT_DEFINITION,
) -> Drawn:
    """Draw from the cohort on `as_of` and store the draw, in one transaction."""
    with transaction.atomic():
        found = area_cohort(area, as_of=as_of, definition=definition)
        draw = draw_sample(found.cohort.children, tracked=tracked, sampled=sampled, seed=seed)
        selection = services.record_selection(
            area,
            draw,
            as_of=as_of,
            definition_name=found.definition.name,
            definition_version=found.definition.version,
            actor=actor,
        )
    return Drawn(selection, draw, found)


def selection_cohort(selection: Selection) -> AreaCohort:
    return area_cohort(selection.area, as_of=selection.as_of, definition=selection.definition_name)


def replacement_candidates(
    selection: Selection, found: AreaCohort | None = None
) -> list[CohortChild]:
    """Cohort children not chosen now: the ones a swap may bring in, by LA child id."""
    found = found or selection_cohort(selection)
    chosen = set(selection.current().values_list("child_key", flat=True))
    return [c for c in found.cohort.children if c.child_key not in chosen]


def swap_child(selection: Selection, out_key: str, in_key: str, *, reason: str, actor: Any) -> Swap:
    """Swap a chosen child for a cohort child not already chosen, keeping the role."""
    incoming = selection_cohort(selection).cohort.by_key().get(in_key)
    if incoming is None:
        raise services.SelectionError("That child is not in the cohort on this date")
    return services.swap_child(
        selection,
        out_key,
        in_key,
        in_la_child_id=incoming.la_child_id,
        reason=reason,
        actor=actor,
    )


def save_as_audit_list(selection: Selection, actor: Any) -> Selection:
    return services.save_as_audit_list(selection, actor)


def export_selection(selection: Selection, handle: Any, *, actor: Any, via: str, what: str) -> int:
    """Write the chosen children (swaps applied) as a neutralised CSV and log the export."""
    rows = [(c.position, c.role, c.la_child_id, c.child_key, c.reason) for c in selection.current()]
    count = write_safe_csv(handle, SELECTION_COLUMNS, rows)
    record_access(actor=actor, area=selection.area, action="export", what=what, via=via, rows=count)
    return count


def _child_tables(area: Area, child_key: str) -> CohortTables | None:
    keys = list(
        ChildLink.objects.filter(area=area, child_key=child_key).values_list(
            "record_key", flat=True
        )
    )
    if not keys:
        return None
    return CohortTables(
        persons=area_persons(area, keys),
        events=area_events(area, keys),
        assignments=area_assignments(area, child_key=child_key),
    )


def tracked_child(selection: Selection, child_key: str) -> SelectedChild | None:
    return selection.current().filter(child_key=child_key, role=Role.TRACKED).first()


def selection_pack(selection: Selection, child_key: str) -> CasePack | None:
    """The case pack of a tracked child of this selection; None if not tracked or not found.

    Only this child's records are read, so it does not depend on the area's size.
    """
    chosen = tracked_child(selection, child_key)
    if chosen is None:
        return None
    tables = _child_tables(selection.area, child_key)
    if tables is None:
        return None
    rules = load_definition(selection.definition_name)
    found = select_cohort(tables, rules, selection.as_of)
    child: CohortChild | None = found.by_key().get(child_key)
    if child is None:
        return None
    return case_pack(
        tables,
        child,
        as_of=selection.as_of,
        lookback_start=found.lookback_start,
        camhs_services=tuple(rules.lists.camhs_services),
        role=chosen.role,
        reason=chosen.reason,
    )
