"""One agency's part of an audit: one criterion per page, the child's voice, check and submit."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from jtai.access.policy import Capability
from jtai.auditing import GRADES, VOICE_ANSWERS
from jtai.audits import services
from jtai.audits.models import AgencyReview, ReviewStatus
from jtai.web.views.area_access import area_for
from jtai.web.views.audits.common import (
    STATUS_TAGS,
    assigned_review,
    audit_for,
    can,
    is_assigned,
    log_view,
)

LATER = "later"


def topic_statuses(review: AgencyReview) -> list[dict[str, Any]]:
    """The review's topics in order, each with its page and whether it is done."""
    framework = review.audit.questions()
    answers = {a.code: a for a in review.answers.all()}
    topics = []
    for criterion in framework.for_agency(review.agency):
        found = answers.get(criterion.code)
        done = bool(found and found.grade and (found.evidence or found.grade == "not_applicable"))
        topics.append(
            {
                "code": criterion.code,
                "hint": criterion.code,
                "title": criterion.title,
                "url": reverse(
                    "audit-question",
                    args=[review.audit.area.code, review.audit_id, review.agency, criterion.code],
                ),
                "status": "done" if done else ("started" if found else "not_started"),
            }
        )
    voiced = {v.code for v in review.voice.all()}
    topics.append(
        {
            "code": "voice",
            "hint": "Seen, heard, and did it change anything",
            "title": "The child's and family's voice",
            "url": reverse(
                "audit-voice", args=[review.audit.area.code, review.audit_id, review.agency]
            ),
            "status": "done"
            if all(v.code in voiced for v in framework.voice)
            else ("started" if voiced else "not_started"),
        }
    )
    return topics


class AnswerForm(forms.Form):
    grade = forms.ChoiceField(
        label="Grade", choices=list(GRADES.items()), widget=forms.RadioSelect, required=False
    )
    evidence = forms.CharField(
        label="Evidence",
        help_text="What in the records shows this: dates, documents, who did what",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    worked_well = forms.CharField(
        label="What worked well", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    should_improve = forms.CharField(
        label="What should improve", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def require_complete(self, title: str) -> bool:
        """'Save and continue' needs a grade, and evidence for any grade but not applicable."""
        grade = self.cleaned_data.get("grade")
        if not grade:
            self.add_error("grade", f"Select a grade for {title[0].lower()}{title[1:]}")
        elif grade != "not_applicable" and not self.cleaned_data.get("evidence", "").strip():
            self.add_error("evidence", "Enter the evidence for your grade")
        return not self.errors


def _next_url(review: AgencyReview, code: str) -> str:
    topics = topic_statuses(review)
    codes = [t["code"] for t in topics]
    index = codes.index(code) if code in codes else -1
    return str(topics[index + 1]["url"]) if index + 1 < len(topics) else _check_url(review)


def _check_url(review: AgencyReview) -> str:
    return reverse(
        "audit-review-check", args=[review.audit.area.code, review.audit_id, review.agency]
    )


def _closed(review: AgencyReview) -> bool:
    return review.status == ReviewStatus.SUBMITTED or review.audit.is_signed_off


@login_required
def question(
    request: HttpRequest, code: str, audit_id: int, agency: str, criterion: str
) -> HttpResponse:
    area = area_for(request, code)
    audit = audit_for(request, area, audit_id)
    review = assigned_review(request, audit, agency)
    framework = audit.questions()
    topic = next((c for c in framework.for_agency(agency) if c.code == criterion), None)
    if topic is None:
        raise Http404("No such question for this agency")
    if _closed(review):
        return redirect(_check_url(review))
    found = review.answers.filter(code=criterion).first()
    initial = (
        {k: getattr(found, k) for k in ("grade", "evidence", "worked_well", "should_improve")}
        if found
        else {}
    )
    form = AnswerForm(request.POST or None, initial=initial, prefix=None)
    if request.method == "POST" and form.is_valid():
        later = request.POST.get("action") == LATER
        if later or form.require_complete(topic.title):
            services.save_answer(review, criterion, actor=request.user, **form.cleaned_data)
            if later:
                messages.success(
                    request, "Your answers are saved. You can come back to them later."
                )
                return redirect("audit", area.code, audit.pk)
            if request.GET.get("next") == "check":
                return redirect(_check_url(review))
            return redirect(_next_url(review, criterion))
    topics = topic_statuses(review)
    log_view(request, audit, f"question {criterion} ({agency})")
    return render(
        request,
        "audits/question.html",
        {
            "area": area,
            "audit": audit,
            "review": review,
            "agency_name": framework.agencies.get(agency, agency),
            "topic": topic,
            "theme": framework.themes.get(topic.theme, topic.theme),
            "number": [t["code"] for t in topics].index(criterion) + 1,
            "count": len(topics),
            "form": form,
        },
    )


def _voice_form(review: AgencyReview, data: Any = None) -> forms.Form:
    framework = review.audit.questions()
    saved = {v.code: v for v in review.voice.all()}
    form = forms.Form(data)
    for question_ in framework.voice:
        form.fields[f"{question_.code}"] = forms.ChoiceField(
            label=question_.question,
            help_text=question_.hint,
            choices=list(VOICE_ANSWERS.items()),
            widget=forms.RadioSelect,
            required=False,
            initial=saved[question_.code].answer if question_.code in saved else None,
        )
        form.fields[f"{question_.code}-detail"] = forms.CharField(
            label="What happened",
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
            initial=saved[question_.code].detail if question_.code in saved else "",
        )
    return form


@login_required
def voice(request: HttpRequest, code: str, audit_id: int, agency: str) -> HttpResponse:
    area = area_for(request, code)
    audit = audit_for(request, area, audit_id)
    review = assigned_review(request, audit, agency)
    if _closed(review):
        return redirect(_check_url(review))
    framework = audit.questions()
    form = _voice_form(review, request.POST or None)
    if request.method == "POST" and form.is_valid():
        later = request.POST.get("action") == LATER
        if not later:
            for q in framework.voice:
                if not form.cleaned_data.get(q.code):
                    form.add_error(q.code, f"Answer: {q.question[0].lower()}{q.question[1:]}")
        if not form.errors:
            answers = {
                q.code: (form.cleaned_data[q.code], form.cleaned_data[f"{q.code}-detail"])
                for q in framework.voice
                if form.cleaned_data.get(q.code)
            }
            services.save_voice(review, answers, actor=request.user)
            if later:
                messages.success(
                    request, "Your answers are saved. You can come back to them later."
                )
                return redirect("audit", area.code, audit.pk)
            return redirect(_check_url(review))
    log_view(request, audit, f"voice ({agency})")
    return render(
        request,
        "audits/voice.html",
        {
            "area": area,
            "audit": audit,
            "review": review,
            "agency_name": framework.agencies.get(agency, agency),
            "form": form,
            "pairs": [(form[q.code], form[f"{q.code}-detail"]) for q in framework.voice],
        },
    )


@login_required
def check(request: HttpRequest, code: str, audit_id: int, agency: str) -> HttpResponse:
    area = area_for(request, code)
    audit = audit_for(request, area, audit_id)
    review = get_object_or_404(AgencyReview, audit=audit, agency=agency)
    mine = is_assigned(request, review)
    if not (mine or can(request, area, Capability.SEE_CHILDREN)):
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        if not mine:
            raise PermissionDenied
        try:
            services.submit_review(review, request.user)
        except services.AuditError as refused:
            error = str(refused)
        else:
            messages.success(request, "Submitted. The moderator can see your answers.")
            return redirect("audit", area.code, audit.pk)
    framework = audit.questions()
    answers = {a.code: a for a in review.answers.all()}
    voiced = {v.code: v for v in review.voice.all()}
    topics = {t["code"]: t["url"] for t in topic_statuses(review)}
    log_view(request, audit, f"answers ({agency})")
    return render(
        request,
        "audits/check.html",
        {
            "area": area,
            "audit": audit,
            "review": review,
            "agency_name": framework.agencies.get(agency, agency),
            "rows": [(c, answers.get(c.code)) for c in framework.for_agency(agency)],
            "voice": [(q, voiced.get(q.code)) for q in framework.voice],
            "grades": GRADES,
            "voice_answers": VOICE_ANSWERS,
            "tags": STATUS_TAGS,
            "missing": [
                (c, topics.get(c, topics["voice"])) for c in services.missing_answers(review)
            ],
            "may_change": mine and not _closed(review),
            "error": error,
        },
    )
