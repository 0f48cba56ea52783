"""Moderation (every agency's grade side by side, the agreed grade), sign-off, and export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jtai.access.log import record_access
from jtai.access.policy import Capability
from jtai.auditing import GRADES
from jtai.audits import services
from jtai.audits.export import export_docx as build_docx
from jtai.audits.export import export_pdf as build_pdf
from jtai.audits.models import Audit, Status
from jtai.web.views.area_access import area_for
from jtai.web.views.audits.common import audit_for, log_view

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _moderation_form(audit: Audit, codes: list[str], data: object = None) -> forms.Form:
    saved = {m.code: m for m in audit.moderated.all()}
    form = forms.Form(data)  # type: ignore[arg-type]
    for number, code in enumerate(codes, start=1):
        form.fields[f"grade_{number}"] = forms.ChoiceField(
            label=f"Agreed grade for {code}",
            choices=[("", "Choose a grade"), *GRADES.items()],
            required=False,
            initial=saved[code].grade if code in saved else "",
        )
        form.fields[f"reason_{number}"] = forms.CharField(
            label=f"Reason for {code}, if it differs",
            widget=forms.Textarea(attrs={"rows": 2}),
            required=False,
            initial=saved[code].reason if code in saved else "",
        )
    return form


@login_required
def moderate(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    area = area_for(request, code, Capability.MODERATE)
    audit = audit_for(request, area, audit_id)
    framework = audit.questions()
    reviews = list(audit.reviews.all())
    graded = services.grades_by_code(audit)
    codes = [c.code for c in framework.criteria if c.code in graded]
    ready = audit.status in (Status.SUBMITTED, Status.MODERATED)
    form = _moderation_form(audit, codes, request.POST or None)
    if request.method == "POST" and ready and form.is_valid():
        agreed = {
            c: (form.cleaned_data[f"grade_{n}"], form.cleaned_data[f"reason_{n}"])
            for n, c in enumerate(codes, start=1)
        }
        problems = services.moderation_problems(audit, agreed)
        for number, code_ in enumerate(codes, start=1):
            if code_ in problems:
                field = "grade" if problems[code_].startswith("Select") else "reason"
                form.add_error(f"{field}_{number}", f"{code_}: {problems[code_]}")
        if not form.errors:
            services.moderate(audit, agreed, request.user)
            messages.success(request, "Moderation saved. The audit can now be signed off.")
            return redirect("audit", area.code, audit.pk)
    log_view(request, audit, "moderation")
    rows = []
    for number, code_ in enumerate(codes, start=1):
        criterion = framework.criterion(code_)
        grades = [graded[code_].get(r.agency, "") for r in reviews]
        rows.append(
            {
                "criterion": criterion,
                "grades": [GRADES.get(g, "Not asked") for g in grades],
                "agree": len({g for g in grades if g}) == 1,
                "grade": form[f"grade_{number}"],
                "reason": form[f"reason_{number}"],
            }
        )
    return render(
        request,
        "audits/moderate.html",
        {
            "area": area,
            "audit": audit,
            "agencies": [framework.agencies.get(r.agency, r.agency) for r in reviews],
            "rows": rows,
            "form": form,
            "ready": ready and not audit.is_signed_off,
        },
    )


@login_required
def sign_off(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    area = area_for(request, code, Capability.MODERATE)
    audit = audit_for(request, area, audit_id)
    error = ""
    if request.method == "POST":
        try:
            services.sign_off_audit(audit, request.user)
        except services.AuditError as refused:
            error = str(refused)
        else:
            messages.success(request, "Signed off. The audit is now read-only.")
            return redirect("audit", area.code, audit.pk)
    log_view(request, audit, "sign-off")
    return render(
        request,
        "audits/sign_off.html",
        {
            "area": area,
            "audit": audit,
            "error": error,
            "ready": audit.status == Status.MODERATED,
            "open_actions": audit.actions.filter(status="open").count(),
        },
    )


def _export(request: HttpRequest, code: str, audit_id: int, kind: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    audit = audit_for(request, area, audit_id)
    if not audit.is_signed_off:
        messages.error(request, "You can export an audit once it is signed off.")
        return redirect("audit", area.code, audit.pk)
    name = f"audit-{audit.pk}-{audit.child_label}.{kind}"
    content = build_pdf(audit) if kind == "pdf" else build_docx(audit)
    record_access(
        actor=request.user,
        area=area,
        action="export",
        what=name,
        child_key=audit.child_key,
        via=request.get_full_path(),
        rows=1,
    )
    response = HttpResponse(content, content_type="application/pdf" if kind == "pdf" else DOCX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def export_pdf(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    return _export(request, code, audit_id, "pdf")


@login_required
def export_docx(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    return _export(request, code, audit_id, "docx")
