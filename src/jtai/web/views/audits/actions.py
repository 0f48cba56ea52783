"""Actions from audits: add one, close one, and the tracker across every audit of the area."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from jtai.access.log import record_access
from jtai.access.policy import Capability, may_see_child
from jtai.auditing import load_framework
from jtai.audits import services
from jtai.audits.models import Action, ActionStatus, Audit
from jtai.web.forms import DateField
from jtai.web.views.area_access import area_for
from jtai.web.views.audits.common import STATUS_TAGS, audit_for, log_view, may_act, user_of


class ActionForm(forms.Form):
    description = forms.CharField(
        label="What needs to be done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what needs to be done"},
    )
    owner_name = forms.CharField(
        label="Who owns the action",
        help_text="A role or a name, for example 'CAMHS team manager'",
        max_length=150,
        error_messages={"required": "Enter who owns the action"},
    )
    agency = forms.ChoiceField(
        label="Agency",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the agency that owns the action"},
    )
    due_date = DateField(
        label="Due date",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date the action is due"},
    )

    def __init__(self, *args: object, agencies: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["agency"].choices = list(agencies.items())  # type: ignore[attr-defined]


@login_required
def action_add(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    area = area_for(request, code)
    audit = audit_for(request, area, audit_id)
    if not may_act(request, audit):
        raise PermissionDenied
    form = ActionForm(request.POST or None, agencies=audit.questions().agencies)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_action(audit, actor=request.user, **form.cleaned_data)
        except services.AuditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Action added.")
            return redirect("audit", area.code, audit.pk)
    log_view(request, audit, "add action")
    return render(request, "audits/action_add.html", {"area": area, "audit": audit, "form": form})


class CloseForm(forms.Form):
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what was done to close the action"},
    )


@login_required
def action_close(request: HttpRequest, code: str, audit_id: int, action_id: int) -> HttpResponse:
    area = area_for(request, code)
    audit = audit_for(request, area, audit_id)
    if not may_act(request, audit):
        raise PermissionDenied
    action = get_object_or_404(Action, pk=action_id, audit=audit)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_action(action, form.cleaned_data["note"], request.user)
        except services.AuditError as error:
            form.add_error("note", str(error))
        else:
            messages.success(request, "Action closed.")
            return redirect("audit", area.code, audit.pk)
    log_view(request, audit, "close action")
    return render(
        request,
        "audits/action_close.html",
        {"area": area, "audit": audit, "action": action, "form": form},
    )


def action_state(action: Action, today: date) -> str:
    if action.status == ActionStatus.CLOSED:
        return "closed"
    return "overdue" if action.due_date < today else "open"


@login_required
def tracker(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_ACTIONS)
    today = date.today()
    agencies = load_framework().agencies
    everything = list(Action.objects.filter(audit__area=area).select_related("audit"))
    chosen = {k: request.GET.get(k, "") for k in ("state", "agency", "owner")}
    rows = [
        (a, action_state(a, today))
        for a in everything
        if (not chosen["agency"] or a.agency == chosen["agency"])
        and (not chosen["owner"] or a.owner_name == chosen["owner"])
    ]
    if chosen["state"]:
        rows = [(a, s) for a, s in rows if s == chosen["state"]]
    visible: set[int] = {
        audit.pk
        for audit in Audit.objects.filter(area=area)
        if may_see_child(user_of(request), area, audit.child_key)
    }
    states = [(a, action_state(a, today)) for a in everything]

    def counts(key: str) -> list[tuple[str, int, int, int]]:
        tally: Counter[tuple[str, str]] = Counter((getattr(a, key), s) for a, s in states)
        names = sorted({getattr(a, key) for a in everything})
        return [(n, tally[n, "open"], tally[n, "overdue"], tally[n, "closed"]) for n in names]

    record_access(
        actor=request.user,
        area=area,
        action="search",
        what="action tracker",
        via=request.get_full_path(),
        rows=len(rows),
    )
    return render(
        request,
        "audits/tracker.html",
        {
            "area": area,
            "rows": rows,
            "visible": visible,
            "chosen": chosen,
            "agencies": agencies,
            "owners": sorted({a.owner_name for a in everything}),
            "by_agency": counts("agency"),
            "by_owner": counts("owner_name"),
            "tags": STATUS_TAGS,
            "today": today,
        },
    )
