"""The draft findings letter (edit, DOCX, tagged PDF) and the overview across areas."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jtai.access.log import record_access
from jtai.access.policy import Capability, may, visible_areas
from jtai.areas.models import Area
from jtai.readiness.render import letter_docx as render_letter_docx
from jtai.readiness.render import letter_html, overview_html
from jtai.readiness.render import overview_docx as render_overview_docx
from jtai.readiness_app.services import save_draft_letter
from jtai.reports.pdf import html_to_pdf
from jtai.runs.readiness import area_letter, areas_overview
from jtai.web.views.area_access import area_for
from jtai.web.views.readiness.pages import as_of_from

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def may_edit_letter(request: HttpRequest, area: Area) -> bool:
    user = request.user
    return may(user, area, Capability.MANAGE_AUDITS) or may(  # type: ignore[arg-type]
        user,  # type: ignore[arg-type]
        area,
        Capability.CONFIRM_READINESS,
    )


@login_required
def letter(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_READINESS)
    as_of = as_of_from(request)
    built, draft = area_letter(area, as_of=as_of)
    editable = may_edit_letter(request, area)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        texts = {s.key: request.POST.get(s.key, s.text) for s in built.sections}
        save_draft_letter(area, as_of, texts, actor=request.user.get_username())
        messages.success(request, "Letter saved.")
        return redirect(f"{request.path}?as_of={as_of.isoformat()}")
    return render(
        request,
        "readiness/letter.html",
        {"area": area, "as_of": as_of, "letter": built, "draft": draft, "editable": editable},
    )


def _send(
    request: HttpRequest, area: Area | None, name: str, content: bytes, kind: str
) -> HttpResponse:
    record_access(
        actor=request.user, area=area, action="export", what=name, via=request.get_full_path()
    )
    response = HttpResponse(content, content_type="application/pdf" if kind == "pdf" else DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _letter_export(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_READINESS)
    as_of = as_of_from(request)
    built, _draft = area_letter(area, as_of=as_of)
    content = html_to_pdf(letter_html(built)) if kind == "pdf" else render_letter_docx(built)
    return _send(request, area, f"letter-{area.code}-{as_of.isoformat()}.{kind}", content, kind)


@login_required
def letter_docx(request: HttpRequest, code: str) -> HttpResponse:
    return _letter_export(request, code, "docx")


@login_required
def letter_pdf(request: HttpRequest, code: str) -> HttpResponse:
    return _letter_export(request, code, "pdf")


def _overview_areas(request: HttpRequest) -> list[Area]:
    areas = [
        area
        for area in visible_areas(request.user).order_by("code")  # type: ignore[arg-type]
        if may(request.user, area, Capability.SEE_READINESS)  # type: ignore[arg-type]
    ]
    if not areas:
        raise PermissionDenied
    return areas


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    as_of = as_of_from(request)
    built = areas_overview(_overview_areas(request), as_of=as_of)
    return render(request, "readiness/overview.html", {"as_of": as_of, "overview": built})


def _overview_export(request: HttpRequest, kind: str) -> HttpResponse:
    as_of = as_of_from(request)
    built = areas_overview(_overview_areas(request), as_of=as_of)
    content = html_to_pdf(overview_html(built)) if kind == "pdf" else render_overview_docx(built)
    return _send(request, None, f"overview-{as_of.isoformat()}.{kind}", content, kind)


@login_required
def overview_docx(request: HttpRequest) -> HttpResponse:
    return _overview_export(request, "docx")


@login_required
def overview_pdf(request: HttpRequest) -> HttpResponse:
    return _overview_export(request, "pdf")
