"""The readiness dashboard, the measures, the children behind a measure, the needs analysis."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jtai.access.policy import Capability, current_membership, may
from jtai.areas.models import Area
from jtai.readiness.charts import Chart, bar_chart
from jtai.readiness.measures import Measure
from jtai.readiness_app.services import confirm_readiness, latest_statements
from jtai.runs.readiness import area_dashboard, area_measures, area_needs, measure_children_of
from jtai.web.views.area_access import area_for

CHARTED = {  # measure code -> (chart title, breakdown dimension, value title)
    "camhs-referrals-all": ("CAMHS referrals by source, last 12 months", "source", "Referrals"),
    "cohort-size": ("Deep-dive cohort by mental health category", "category", "Children"),
}


def as_of_from(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("as_of", "") or request.POST.get("as_of", ""))
    except ValueError:
        return date.today()


def may_confirm(request: HttpRequest, area: Area, agency: str) -> bool:
    """The agency's lead: CONFIRM_READINESS and a membership of that agency (superuser: any)."""
    confirmable = confirmable_agency(request, area)
    return confirmable in (ANY_AGENCY, agency)


ANY_AGENCY = "*"


def confirmable_agency(request: HttpRequest, area: Area) -> str | None:
    """The one agency whose readiness statement this user may confirm, ANY_AGENCY for a
    superuser, None for none: asked once per page rather than once per agency."""
    user = request.user
    if getattr(user, "is_superuser", False):
        return ANY_AGENCY
    if not may(user, area, Capability.CONFIRM_READINESS):  # type: ignore[arg-type]
        return None
    membership = current_membership(user)  # type: ignore[arg-type]
    return membership.agency if membership is not None else None


@login_required
def dashboard(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_READINESS)
    as_of = as_of_from(request)
    if request.method == "POST":
        agency = request.POST.get("agency", "")
        text = request.POST.get("statement", "").strip()
        if not may_confirm(request, area, agency):
            raise PermissionDenied
        if not text:
            messages.error(request, "Enter the readiness statement before confirming it.")
        else:
            confirm_readiness(area, agency, text, user=request.user)
            messages.success(request, "Readiness statement confirmed.")
        return redirect(f"{request.path}?as_of={as_of.isoformat()}")
    board = area_dashboard(area, as_of=as_of)
    statements = latest_statements(area)
    confirmable = confirmable_agency(request, area)
    return render(
        request,
        "readiness/dashboard.html",
        {
            "area": area,
            "as_of": as_of,
            "board": board,
            "agencies": [
                (
                    picture,
                    statements.get(picture.agency),
                    confirmable in (ANY_AGENCY, picture.agency),
                )
                for picture in board.agencies
            ],
            "grades": list(board.grade_labels.items()),
            "can_see_actions": may(request.user, area, Capability.SEE_ACTIONS),  # type: ignore[arg-type]
        },
    )


def _chart(measure: Measure) -> Chart | None:
    if measure.code in CHARTED:
        title, dimension, value_title = CHARTED[measure.code]
        rows = [(label, float(n)) for dim, label, n in measure.table if dim == dimension]
        return bar_chart(title, rows, value_title) if rows else None
    return None


def _crisis_chart(found: list[Measure]) -> Chart | None:
    rows = [
        (m.title.replace(" per 10,000 children", ""), m.value)
        for m in found
        if m.group == "Crisis" and m.value is not None
    ]
    if not rows:
        return None
    return bar_chart(
        "Crisis events per 10,000 children, last 12 months",
        [(label, float(v or 0)) for label, v in rows],
        "Per 10,000 children",
    )


@login_required
def measures(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_READINESS)
    as_of = as_of_from(request)
    found = area_measures(area, as_of=as_of)
    groups: dict[str, list[tuple[Measure, float | None, Chart | None]]] = {}
    for measure in found.measures:
        groups.setdefault(measure.group, []).append(
            (measure, found.changes.get(measure.code), _chart(measure))
        )
    return render(
        request,
        "readiness/measures.html",
        {
            "area": area,
            "as_of": as_of,
            "groups": groups,
            "previous_at": found.previous_at,
            "crisis_chart": _crisis_chart(list(found.measures)),
            "population": sum(n for _a, _s, n in found.population),
            "see_children": may(request.user, area, Capability.SEE_CHILDREN),  # type: ignore[arg-type]
        },
    )


@login_required
def measure_children(request: HttpRequest, code: str, measure: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    as_of = as_of_from(request)
    found = measure_children_of(
        area, measure, as_of=as_of, actor=request.user, via=request.get_full_path()
    )
    if found is None:
        raise Http404("No such measure")
    the_measure, rows = found
    return render(
        request,
        "readiness/children.html",
        {"area": area, "as_of": as_of, "measure": the_measure, "rows": rows},
    )


@login_required
def needs(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_READINESS)
    as_of = as_of_from(request)
    analysis = area_needs(area, as_of=as_of)
    chart = bar_chart(
        "Expected and known children with mental ill health",
        [
            ("Expected with a mental disorder", analysis.expected_any),
            ("Expected with an emotional disorder", analysis.expected_emotional),
            ("Identified by agencies", float(analysis.identified)),
            ("In contact with specialist services", float(analysis.in_contact)),
        ],
        "Children",
    )
    return render(
        request,
        "readiness/needs.html",
        {
            "area": area,
            "as_of": as_of,
            "needs": analysis,
            "chart": chart,
            "see_children": may(request.user, area, Capability.SEE_CHILDREN),  # type: ignore[arg-type]
        },
    )


@login_required
def dashboard_cell(request: HttpRequest, code: str, agency: str, criterion: str) -> HttpResponse:
    """The signed-off answers behind one criterion for one agency: every figure traced."""
    area = area_for(request, code, Capability.SEE_READINESS)
    as_of = as_of_from(request)
    board = area_dashboard(area, as_of=as_of)
    cell = board.cell(agency, criterion)
    if cell is None:
        raise Http404("No such criterion for this agency")
    return render(
        request,
        "readiness/cell.html",
        {
            "area": area,
            "as_of": as_of,
            "cell": cell,
            "grades": dict(board.grade_labels.items()),
            "agency_label": next((p.label for p in board.agencies if p.agency == agency), agency),
        },
    )
