"""The access log for partnership administrators: who looked at which child, and every export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jtai.access.log import record_access
from jtai.access.models import AccessEvent
from jtai.access.policy import Capability
from jtai.areas.models import Area
from jtai.core.export_safety import write_safe_csv
from jtai.web.views.area_access import area_for

COLUMNS = ("at", "username", "action", "what", "child_key", "rows", "via")


def _entries(request: HttpRequest, area: Area) -> tuple[QuerySet[AccessEvent], dict[str, str]]:
    entries = AccessEvent.objects.filter(area=area)
    chosen = {
        name: request.GET.get(name, "").strip() for name in ("username", "action", "child_key")
    }
    for name, value in chosen.items():
        if value:
            entries = entries.filter(**{name: value})
    return entries, chosen


@login_required
def access_log(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.READ_ACCESS_LOG)
    entries, chosen = _entries(request, area)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "access/log.html",
        {"area": area, "page": page, "chosen": chosen, "filtered": any(chosen.values())},
    )


@login_required
def access_log_csv(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.READ_ACCESS_LOG)
    entries, _chosen = _entries(request, area)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="access-log-{area.code}.csv"'
    rows = write_safe_csv(
        response,  # type: ignore[arg-type]
        COLUMNS,
        (
            (e.at.isoformat(), e.username, e.action, e.what, e.child_key, e.rows, e.via)
            for e in entries.iterator()
        ),
    )
    # Exporting the log says who looked at which child: an export of its own, logged too.
    record_access(
        actor=request.user,
        area=area,
        action="export",
        what="access log",
        via=request.path,
        rows=rows,
    )
    return response
