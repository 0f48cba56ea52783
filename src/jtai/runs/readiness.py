"""Readiness for the executive group: feed `jtai.readiness` from the database, keep snapshots.

The measures of one version of an area's data (its newest load and link run) are computed once per
process and `as_of`, and snapshotted once, so "how each measure moved since the previous load"
compares with the snapshot of the previous version.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Any

from jtai.access.log import record_access
from jtai.areas.models import Area
from jtai.auditing import Framework, load_framework
from jtai.audits.models import Action, Answer, Audit, Status
from jtai.links.models import ChildLink, LinkRun
from jtai.readiness import (
    ActionFact,
    AnswerFact,
    AreaSummary,
    Dashboard,
    Letter,
    Measure,
    NeedsAnalysis,
    Overview,
    build_dashboard,
    build_letter,
    build_overview,
    compute_measures,
    gather_facts,
    load_prevalence,
    movement,
    needs_analysis,
)
from jtai.readiness.facts import Facts
from jtai.readiness_app.services import area_population, draft_letter, snapshot_measures
from jtai.runs.cohort import area_cohort, area_front_door
from jtai.runs.cohort_cache import data_version


@dataclass(frozen=True)
class AreaMeasures:
    area: Area
    as_of: date
    measures: tuple[Measure, ...]
    changes: dict[str, float | None]  # code -> change since the previous snapshot
    previous_at: Any  # when the previous snapshot was taken, or None
    facts: Facts
    population: tuple[tuple[int, str, int], ...]

    def measure(self, code: str) -> Measure | None:
        return next((m for m in self.measures if m.code == code), None)


_cache: OrderedDict[tuple[object, ...], AreaMeasures] = OrderedDict()
_guard = threading.Lock()


def area_measures(area: Area, *, as_of: date) -> AreaMeasures:
    """Every measure of the area on `as_of`, with its change since the previous data version."""
    version = data_version(area)
    key = (area.pk, version, as_of)
    with _guard:
        if key in _cache:
            return _cache[key]
    found = area_cohort(area, as_of=as_of)
    facts = gather_facts(found.tables, found.definition, as_of)
    population = tuple(area_population(area))
    total = sum(n for _age, _sex, n in population) or None
    measures = compute_measures(facts, found.cohort, area_front_door(found), total)
    run = LinkRun.objects.filter(area=area).order_by("-pk").first()
    values = {m.code: m.value for m in measures}
    _current, previous = snapshot_measures(
        area, link_run=run, version=_version_label(version), as_of=as_of, values=values
    )
    before = previous.values if previous else {}
    result = AreaMeasures(
        area=area,
        as_of=as_of,
        measures=tuple(measures),
        changes={m.code: movement(m.value, before.get(m.code)) for m in measures},
        previous_at=previous.taken_at if previous else None,
        facts=facts,
        population=population,
    )
    with _guard:
        _cache[key] = result
        while len(_cache) > 8:
            _cache.popitem(last=False)
    return result


def _version_label(version: tuple[object, ...]) -> str:
    """`load <id> run <id>`: the newest load and link run, as `data_version` gives them."""
    load, run = version
    return (
        f"load {load[0] if isinstance(load, tuple) else '-'} "
        f"run {run[0] if isinstance(run, tuple) else '-'}"
    )


def measure_children_of(
    area: Area, code: str, *, as_of: date, actor: Any, via: str
) -> tuple[Measure, list[tuple[str, str]]] | None:
    """The children behind one measure as (child key, LA child id), written to the access log."""
    found = area_measures(area, as_of=as_of)
    if code == "needs-identified":
        needs = area_needs(area, as_of=as_of)
        keys: tuple[str, ...] = needs.identified_children
        measure = None
    elif code == "needs-in-contact":
        needs = area_needs(area, as_of=as_of)
        keys = needs.in_contact_children
        measure = None
    else:
        measure = found.measure(code)
        if measure is None:
            return None
        keys = measure.children
    ids = dict(
        ChildLink.objects.filter(area=area, child_key__in=keys)
        .exclude(la_child_id="")
        .values_list("child_key", "la_child_id")
    )
    record_access(
        actor=actor, area=area, action="search", what=f"measure {code}", via=via, rows=len(keys)
    )
    rows = [(key, ids.get(key, "")) for key in keys]
    if measure is None:
        measure = Measure(
            code,
            _NEEDS_TITLES[code],
            "Needs",
            "",
            "count",
            float(len(keys)),
            len(keys),
            None,
            children=keys,
        )
    return measure, rows


_NEEDS_TITLES = {
    "needs-identified": "Children identified with a mental health indicator",
    "needs-in-contact": "Children in contact with specialist mental health services",
}


def area_needs(area: Area, *, as_of: date) -> NeedsAnalysis:
    found = area_measures(area, as_of=as_of)
    return needs_analysis(found.population, load_prevalence(), found.facts)


def _framework(area: Area) -> Framework:
    latest = Audit.objects.filter(area=area, status=Status.SIGNED_OFF).order_by("-pk").first()
    return latest.questions() if latest else load_framework()


def area_dashboard(area: Area, *, as_of: date) -> Dashboard:
    """Criteria x agency from the area's signed-off audits; actions from all its audits."""
    answers = [
        AnswerFact(audit_id, agency, code, grade, well, improve)
        for audit_id, agency, code, grade, well, improve in Answer.objects.filter(
            review__audit__area=area, review__audit__status=Status.SIGNED_OFF
        ).values_list(
            "review__audit_id",
            "review__agency",
            "code",
            "grade",
            "worked_well",
            "should_improve",
        )
    ]
    actions = [
        ActionFact(agency, status, due)
        for agency, status, due in Action.objects.filter(audit__area=area).values_list(
            "agency", "status", "due_date"
        )
    ]
    return build_dashboard(_framework(area), answers, actions, as_of=as_of)


def area_letter(area: Area, *, as_of: date) -> tuple[Letter, Any]:
    """The draft letter built from audits and measures, with a person's saved wording applied."""
    letter = build_letter(
        area.name,
        as_of,
        area_dashboard(area, as_of=as_of),
        area_measures(area, as_of=as_of).measures,
    )
    draft = draft_letter(area, as_of)
    return (letter.with_texts(draft.sections) if draft else letter), draft


def areas_overview(areas: list[Area], *, as_of: date) -> Overview:
    return build_overview(
        [
            AreaSummary(
                area.code,
                area.name,
                area_dashboard(area, as_of=as_of),
                area_measures(area, as_of=as_of).measures,
            )
            for area in areas
        ],
        as_of,
    )
