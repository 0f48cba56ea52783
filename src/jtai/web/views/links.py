"""The review queue: pairs linkage was unsure about, side by side, for a person to decide."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from jtai.access.log import record_access
from jtai.access.policy import Capability
from jtai.areas.models import Area
from jtai.links.models import ReviewPair
from jtai.links.services import record_review_decision
from jtai.records.models import PersonRecord
from jtai.runs import link_area
from jtai.web.views.area_access import area_for
from jtai.web.views.cohort import SOURCE_LABELS

FIELDS = (
    ("forename", "Forename"),
    ("surname", "Surname"),
    ("dob", "Date of birth"),
    ("sex", "Sex"),
    ("postcode", "Postcode"),
    ("nhs_number", "NHS number"),
    ("upn", "UPN"),
)


class DecisionForm(forms.Form):
    same = forms.TypedChoiceField(
        label="Are these the same child?",
        choices=(("yes", "Yes, the same child"), ("no", "No, different children")),
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether these are the same child"},
    )
    reason = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, which record you checked. Do not include names.",
    )


@login_required
def queue(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.REVIEW_LINKS)
    pairs = ReviewPair.objects.filter(area=area)
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    return render(request, "links/queue.html", {"area": area, "page": page})


def _record(area: Area, record_key: str) -> PersonRecord | None:
    source, _, person_id = record_key.partition(":")
    return PersonRecord.objects.filter(area=area, source=source, person_id=person_id).first()


@login_required
@require_http_methods(["GET", "POST"])
def pair(request: HttpRequest, code: str, pair_id: int) -> HttpResponse:
    area = area_for(request, code, Capability.REVIEW_LINKS)
    review = get_object_or_404(ReviewPair, area=area, pk=pair_id)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        record_review_decision(
            area,
            review.record_key_l,
            review.record_key_r,
            same=form.cleaned_data["same"],
            user=request.user,
            reason=form.cleaned_data["reason"],
        )
        link_area(area, actor=request.user.get_username(), trigger="review")
        messages.success(request, "Decision saved. Linkage has been re-run with it.")
        return redirect("link-review", code=area.code)
    left, right = _record(area, review.record_key_l), _record(area, review.record_key_r)
    rows = [
        (label, getattr(left, name, None), getattr(right, name, None)) for name, label in FIELDS
    ]
    record_access(
        actor=request.user, area=area, action="view", what="link review pair", via=request.path
    )
    return render(
        request,
        "links/pair.html",
        {
            "area": area,
            "review": review,
            "left": left,
            "right": right,
            "rows": rows,
            "form": form,
            "source_labels": SOURCE_LABELS,
        },
    )
