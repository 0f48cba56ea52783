"""Choose the children to audit: selections, the draw, swaps, the audit list and case packs."""

from __future__ import annotations

import secrets
from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_POST

from jtai.access.log import record_access
from jtai.access.policy import Capability, may
from jtai.areas.models import Area
from jtai.reports import html_to_pdf
from jtai.runs import sampling as runs
from jtai.sampling import TRACKED_MAX, TRACKED_MIN
from jtai.selections.models import Selection, Status
from jtai.selections.services import SelectionError
from jtai.web.forms import DateField
from jtai.web.views.area_access import area_for
from jtai.web.views.cohort import AGENCY_LABELS, SOURCE_LABELS

CATEGORY_LABELS = {
    "diagnosed": "Diagnosed",
    "living_with": "Living with mental ill health",
    "early_signs": "Early signs",
}

PACK_LABELS = {
    "agency_labels": {a.value: label for a, label in AGENCY_LABELS.items()},
    "source_labels": SOURCE_LABELS,
    "category_labels": CATEGORY_LABELS,
}


class DrawForm(forms.Form):
    as_of = DateField(
        label="Date the cohort is found on",
        help_text="The as-of date D, for example 1 11 2026",
        error_messages={"required": "Enter the date the cohort is found on"},
    )
    tracked = forms.TypedChoiceField(
        label="How many children to track",
        choices=[(str(n), str(n)) for n in range(TRACKED_MIN, TRACKED_MAX + 1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how many children to track"},
    )
    sampled = forms.IntegerField(
        label="How many children to sample",
        min_value=0,
        max_value=500,
        error_messages={
            "required": "Enter how many children to sample",
            "invalid": "Enter the number of children to sample as a whole number, like 20",
            "min_value": "The number to sample must be 0 or more",
            "max_value": "The number to sample must be 500 or fewer",
        },
    )
    seed = forms.IntegerField(
        label="Seed",
        help_text="Any whole number. The same seed on the same data gives the same children.",
        min_value=0,
        max_value=2**62,
        error_messages={
            "required": "Enter a seed",
            "invalid": "Enter the seed as a whole number, like 7",
            "min_value": "The seed must be 0 or more",
            "max_value": "The seed is too long",
        },
    )


class SwapForm(forms.Form):
    replacement = forms.ChoiceField(
        label="Child to swap in",
        help_text="Children in the cohort on this date who are not already chosen",
        error_messages={"required": "Select the child to swap in"},
    )
    reason = forms.CharField(
        label="Why you are swapping this child",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why you are swapping this child"},
    )

    def __init__(self, *args: object, choices: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["replacement"].choices = [("", "Choose a child"), *choices]  # type: ignore[attr-defined]


def _selection(area: Area, selection_id: int) -> Selection:
    return get_object_or_404(Selection, pk=selection_id, area=area)


def _log(request: HttpRequest, area: Area, action: str, what: str, **extra: object) -> None:
    record_access(
        actor=request.user,
        area=area,
        action=action,
        what=what,
        via=request.get_full_path(),
        **extra,  # type: ignore[arg-type]
    )


@login_required
def selections(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    found = Selection.objects.filter(area=area).order_by("-created_at", "-pk")
    return render(
        request,
        "sampling/list.html",
        {
            "area": area,
            "selections": found,
            "may_draw": may(request.user, area, Capability.DRAW_SAMPLE),  # type: ignore[arg-type]
        },
    )


@login_required
def draw(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.DRAW_SAMPLE)
    if request.method == "POST":
        form = DrawForm(request.POST)
        if form.is_valid():
            drawn = runs.draw_selection(
                area,
                as_of=form.cleaned_data["as_of"],
                tracked=form.cleaned_data["tracked"],
                sampled=form.cleaned_data["sampled"],
                seed=form.cleaned_data["seed"],
                actor=request.user,
            )
            messages.success(request, f"Drew {drawn.selection.current().count()} children.")
            return redirect("sample-selection", area.code, drawn.selection.pk)
    else:
        form = DrawForm(
            initial={
                "as_of": date.today(),
                "tracked": "6",
                "sampled": 20,
                "seed": secrets.randbelow(1_000_000),
            }
        )
    return render(request, "sampling/draw.html", {"area": area, "form": form})


@login_required
def selection(request: HttpRequest, code: str, selection_id: int) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    chosen = _selection(area, selection_id)
    current = list(chosen.current())
    _log(request, area, "view", f"selection {chosen.pk}", rows=len(current))
    return render(
        request,
        "sampling/selection.html",
        {
            "area": area,
            "selection": chosen,
            "tracked": [c for c in current if c.role == "tracked"],
            "sampled": [c for c in current if c.role == "sampled"],
            "swaps": chosen.swaps.select_related("out_child", "in_child"),
            "may_change": chosen.status == Status.DRAFT
            and may(request.user, area, Capability.DRAW_SAMPLE),  # type: ignore[arg-type]
        },
    )


@login_required
def selection_csv(request: HttpRequest, code: str, selection_id: int) -> HttpResponse:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    chosen = _selection(area, selection_id)
    name = f"selection-{chosen.pk}-{chosen.as_of.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    runs.export_selection(
        chosen, response, actor=request.user, via=request.get_full_path(), what=name
    )
    return response


@login_required
def swap(request: HttpRequest, code: str, selection_id: int, child_key: str) -> HttpResponse:
    area = area_for(request, code, Capability.DRAW_SAMPLE)
    chosen = _selection(area, selection_id)
    out = chosen.current().filter(child_key=child_key).first()
    if out is None or chosen.status != Status.DRAFT:
        raise Http404("No such child to swap in a draft selection")
    candidates = runs.replacement_candidates(chosen)
    labels = {
        c.child_key: f"{c.la_child_id} – {c.legal_status}, "  # noqa: RUF001
        f"{CATEGORY_LABELS.get(c.mh_category, c.mh_category).lower()}, "
        f"{'at risk' if c.at_risk else 'not at risk'}"
        for c in candidates
    }
    _log(request, area, "search", f"swap candidates, selection {chosen.pk}", rows=len(labels))
    form = SwapForm(request.POST or None, choices=list(labels.items()))
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirm") != "yes":
            return render(
                request,
                "sampling/swap_check.html",
                {
                    "area": area,
                    "selection": chosen,
                    "out": out,
                    "form": form,
                    "incoming": labels[form.cleaned_data["replacement"]],
                },
            )
        try:
            runs.swap_child(
                chosen,
                out.child_key,
                form.cleaned_data["replacement"],
                reason=form.cleaned_data["reason"],
                actor=request.user,
            )
        except SelectionError as error:
            form.add_error("replacement", str(error))
        else:
            messages.success(request, "Child swapped. The swap is recorded below.")
            return redirect("sample-selection", area.code, chosen.pk)
    return render(
        request,
        "sampling/swap.html",
        {"area": area, "selection": chosen, "out": out, "form": form},
    )


@require_POST
@login_required
def save(request: HttpRequest, code: str, selection_id: int) -> HttpResponse:
    area = area_for(request, code, Capability.DRAW_SAMPLE)
    chosen = _selection(area, selection_id)
    try:
        runs.save_as_audit_list(chosen, request.user)
    except SelectionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Saved as the audit list.")
    return redirect("sample-selection", area.code, chosen.pk)


def _pack_context(request: HttpRequest, code: str, selection_id: int, child_key: str) -> dict:
    area = area_for(request, code, Capability.SEE_CHILDREN)
    chosen = _selection(area, selection_id)
    if runs.tracked_child(chosen, child_key) is None:
        raise Http404("Not a tracked child of this selection")
    return {
        "area": area,
        "selection": chosen,
        "child_key": child_key,
        "pack": runs.selection_pack(chosen, child_key),
        **PACK_LABELS,
    }


@login_required
def pack(request: HttpRequest, code: str, selection_id: int, child_key: str) -> HttpResponse:
    context = _pack_context(request, code, selection_id, child_key)
    _log(request, context["area"], "view", "case pack", child_key=child_key)
    return render(request, "sampling/pack.html", context)


@login_required
def pack_pdf(request: HttpRequest, code: str, selection_id: int, child_key: str) -> HttpResponse:
    context = _pack_context(request, code, selection_id, child_key)
    pack_ = context["pack"]
    name = f"case-pack-{(pack_.la_child_id if pack_ else '') or child_key}.pdf"
    _log(request, context["area"], "export", name, child_key=child_key, rows=1)
    html = render_to_string("sampling/pack_pdf.html", context)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
