"""The home page: the partnership areas the signed-in user can see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jtai.access.policy import current_membership, visible_areas


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    agency_label: str
    role_labels: list[str] = field(default_factory=list)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    membership = current_membership(user)  # type: ignore[arg-type]
    rows = []
    for area in visible_areas(user):  # type: ignore[arg-type]
        mine = membership is not None and membership.area_id == area.pk
        rows.append(
            AreaRow(
                code=area.code,
                name=area.name,
                agency_label=membership.get_agency_display() if mine and membership else "",
                role_labels=membership.role_labels if mine and membership else [],
            )
        )
    return render(request, "home.html", {"areas": rows})
