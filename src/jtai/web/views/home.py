"""The home page: the partnership areas the signed-in user can see."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from jtai.access.policy import Capability, current_membership, has_role_in_area, may, visible_areas
from jtai.access.roles import Role
from jtai.areas.models import Area


@dataclass(frozen=True)
class AreaRow:
    code: str
    name: str
    agency_label: str
    role_labels: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)


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
                links=_links(request, area),
            )
        )
    return render(request, "home.html", {"areas": rows})


def _links(request: HttpRequest, area: Area) -> list[tuple[str, str]]:
    """The area's pages this user's roles open."""
    user = request.user
    links = []
    if may(user, area, Capability.SEE_CHILDREN):  # type: ignore[arg-type]
        links.append(("Cohort", reverse("cohort", args=[area.code])))
    if may(user, area, Capability.REVIEW_LINKS):  # type: ignore[arg-type]
        links.append(("Review links", reverse("link-review", args=[area.code])))
    if may(user, area, Capability.LOAD_DATA):  # type: ignore[arg-type]
        links.append(("Data", reverse("data-loads", args=[area.code])))
    if may(user, area, Capability.READ_ACCESS_LOG):  # type: ignore[arg-type]
        links.append(("Access log", reverse("access-log", args=[area.code])))
    if may(user, area, Capability.SEE_CHILDREN) or has_role_in_area(  # type: ignore[arg-type]
        user,  # type: ignore[arg-type]
        area,
        Role.AGENCY_AUDITOR,
    ):
        links.append(("Case audits", reverse("audit-list", args=[area.code])))
    if may(user, area, Capability.SEE_ACTIONS):  # type: ignore[arg-type]
        links.append(("Audit actions", reverse("audit-actions-tracker", args=[area.code])))
    if may(user, area, Capability.SEE_READINESS):  # type: ignore[arg-type]
        links.append(("Readiness", reverse("readiness", args=[area.code])))
        links.append(("Measures", reverse("measures", args=[area.code])))
        links.append(("Needs analysis", reverse("needs", args=[area.code])))
        links.append(("Findings letter", reverse("letter", args=[area.code])))
        links.append(("Overview across areas", reverse("overview")))
    return links
