"""The cohort page and the child page: who is in scope, why, and what every agency recorded."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from jtai.access.log import record_access
from jtai.access.policy import Capability
from jtai.cohort import CohortChild
from jtai.core.canonical import AGENCY_OF_SOURCE, Agency, Source
from jtai.runs.cohort import area_cohort, area_front_door, child_view
from jtai.runs.cohort_cache import cached_cohort
from jtai.runs.cohort_cache import peek as peek_cohort
from jtai.web.views.area_access import area_for
from jtai.web.views.cohort_rows import cohort_rows

LEGAL_STATUSES = (
    ("CLA", "Looked after"),
    ("CP", "Child protection plan"),
    ("CIN", "Child in need plan"),
)
CATEGORIES = (
    ("diagnosed", "Diagnosed"),
    ("living_with", "Living with mental ill health"),
    ("early_signs", "Early signs"),
)
AGENCY_LABELS = {
    Agency.LOCAL_AUTHORITY: "Children's social care",
    Agency.HEALTH: "Health",
    Agency.POLICE: "Police",
    Agency.SCHOOL: "Schools",
    Agency.YOUTH_JUSTICE: "Youth justice",
}
SOURCE_LABELS = {
    "cin_census": "CIN census",
    "ssda903": "SSDA903",
    "annex_a": "Annex A",
    "la_persons": "LA persons",
    "health_referrals": "Health referrals",
    "health_events": "Health events",
    "police_events": "Police events",
    "school_pupils": "School census",
    "school_events": "School events",
    "yjs_cases": "Youth justice cases",
    "early_help": "Early help",
}


def _as_of(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("as_of", ""))
    except ValueError:
        return date.today()


def _agencies_of(child: CohortChild) -> list[str]:
    return sorted({str(e.agency) for e in child.indicators if e.agency} | set(child.agencies or ()))


@login_required
def cohort(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    as_of = _as_of(request)
    definition, cohort_result = cached_cohort(area, as_of=as_of)
    chosen = {k: request.GET.get(k, "") for k in ("legal_status", "category", "at_risk", "agency")}
    children = [
        child
        for child in cohort_result.children
        if (not chosen["legal_status"] or child.legal_status == chosen["legal_status"])
        and (not chosen["category"] or child.mh_category == chosen["category"])
        and (not chosen["at_risk"] or child.at_risk == (chosen["at_risk"] == "Y"))
        and (not chosen["agency"] or chosen["agency"] in _agencies_of(child))
    ]
    everyone = cohort_result.children
    record_access(
        actor=request.user,
        area=area,
        action="search",
        what="cohort",
        via=request.get_full_path(),
        rows=len(children),
    )
    return render(
        request,
        "cohort/cohort.html",
        {
            "area": area,
            "as_of": as_of,
            "definition": definition,
            "children": children,
            "rows": cohort_rows(
                area.code,
                as_of,
                [(c, [AGENCY_LABELS.get(Agency(a), a) for a in _agencies_of(c)]) for c in children],
            ),
            "total": len(everyone),
            "by_status": [
                (label, sum(c.legal_status == code_ for c in everyone))
                for code_, label in LEGAL_STATUSES
            ],
            "by_category": [
                (label, sum(c.mh_category == code_ for c in everyone))
                for code_, label in CATEGORIES
            ],
            "at_risk": sum(c.at_risk for c in everyone),
            "by_agency": Counter(a for c in everyone for a in _agencies_of(c)),
            "chosen": chosen,
            "filters": {
                "legal_status": LEGAL_STATUSES,
                "category": CATEGORIES,
                "at_risk": (("Y", "At risk"), ("N", "Not at risk")),
                "agency": tuple((a.value, label) for a, label in AGENCY_LABELS.items()),
            },
            "filtered": any(chosen.values()),
        },
    )


@login_required
def child(request: HttpRequest, code: str, child_key: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    as_of = _as_of(request)
    agency = request.GET.get("agency") or None
    # The child's place in the cohort comes from the cohort page's kept answer when there is one
    # (the same as selecting from this child's records alone, and far cheaper).
    view = child_view(
        area, child_key, as_of=as_of, agency=agency, known=peek_cohort(area, as_of=as_of)
    )
    if view is None:
        raise Http404("No such child in this area")
    record_access(
        actor=request.user,
        area=area,
        action="view",
        what="child",
        child_key=child_key,
        via=request.get_full_path(),
    )
    return render(
        request,
        "cohort/child.html",
        {
            "area": area,
            "as_of": as_of,
            "view": view,
            "agency": agency,
            "agency_labels": {a.value: label for a, label in AGENCY_LABELS.items()},
            "source_labels": SOURCE_LABELS,
            "agency_of_source": {
                s.value: AGENCY_LABELS.get(AGENCY_OF_SOURCE[s], "") for s in Source
            },
        },
    )


def _median(values: list[int]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    middle = len(ordered) // 2
    return (
        float(ordered[middle]) if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
    )


@login_required
def front_door_page(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    as_of = _as_of(request)
    found = area_cohort(area, as_of=as_of)
    door = area_front_door(found)
    items = list(door.items)
    referrals = [i for i in items if i.item == "referral"]
    record_access(
        actor=request.user,
        area=area,
        action="search",
        what="front door",
        via=request.get_full_path(),
        rows=len(items),
    )
    return render(
        request,
        "cohort/front_door.html",
        {
            "area": area,
            "as_of": as_of,
            "door": door,
            "items": items,
            "contacts": sum(i.item == "contact" for i in items),
            "referrals": len(referrals),
            "median_decision": _median(
                [i.days_to_decision for i in items if i.days_to_decision is not None]
            ),
            "median_assessment": _median(
                [i.days_to_assessment for i in referrals if i.days_to_assessment is not None]
            ),
            "re_referrals": sum(bool(i.re_referral) for i in referrals),
            "source_labels": SOURCE_LABELS,
        },
    )
