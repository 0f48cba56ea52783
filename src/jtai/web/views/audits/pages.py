"""The audits of an area, creating them from the audit list, an audit's task list and set-up."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jtai.access.log import record_access
from jtai.access.policy import Capability, has_role_in_area
from jtai.access.roles import Role
from jtai.auditing import FrameworkError, load_framework, parse_local_questions
from jtai.audits import services
from jtai.audits.models import Audit, LocalQuestions, ReviewStatus
from jtai.runs.audits import agency_auditors, area_framework, start_audits
from jtai.runs.cohort import child_view
from jtai.selections.models import Selection, Status
from jtai.web.views.area_access import area_for
from jtai.web.views.audits.common import (
    STATUS_TAGS,
    audit_for,
    can,
    is_assigned,
    log_view,
    may_act,
    user_of,
)
from jtai.web.views.audits.review import topic_statuses


@login_required
def audit_list(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code)
    audits = Audit.objects.filter(area=area).prefetch_related("reviews", "actions")
    sees_all = can(request, area, Capability.SEE_CHILDREN) or can(
        request, area, Capability.MANAGE_AUDITS
    )
    if not sees_all:
        if not has_role_in_area(user_of(request), area, Role.AGENCY_AUDITOR):
            raise PermissionDenied
        audits = audits.filter(reviews__auditors=user_of(request)).distinct()
    found = list(audits)
    record_access(
        actor=request.user,
        area=area,
        action="search",
        what="audits",
        via=request.get_full_path(),
        rows=len(found),
    )
    return render(
        request,
        "audits/list.html",
        {
            "area": area,
            "audits": found,
            "agencies": load_framework().agencies,
            "tags": STATUS_TAGS,
            "may_manage": can(request, area, Capability.MANAGE_AUDITS),
        },
    )


@login_required
def create(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.MANAGE_AUDITS)
    selection = Selection.objects.filter(area=area, status=Status.AUDIT_LIST).first()
    if request.method == "POST" and selection is not None:
        made = start_audits(selection, request.user)
        messages.success(request, f"Created {len(made)} audit{'s' if len(made) != 1 else ''}.")
        return redirect("audit-list", area.code)
    children = list(selection.current()) if selection else []
    done = set(Audit.objects.filter(selection=selection).values_list("child_key", flat=True))
    return render(
        request,
        "audits/create.html",
        {
            "area": area,
            "selection": selection,
            "children": children,
            "waiting": [c for c in children if c.child_key not in done],
            "auditors": agency_auditors(area),
            "agencies": load_framework().agencies,
        },
    )


class LocalQuestionsForm(forms.Form):
    text = forms.CharField(
        label="Your partnership's questions (YAML)",
        help_text="The same shape as the shipped criteria, with your own code prefix",
        widget=forms.Textarea(attrs={"rows": 18, "spellcheck": "false"}),
        error_messages={"required": "Enter your questions"},
    )

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        try:
            parse_local_questions(text, load_framework())
        except FrameworkError as error:
            raise forms.ValidationError(
                "Fix these problems: " + "; ".join(error.problems)
            ) from None
        return text


EXAMPLE = """name: northbrook-local
version: "1"
code_prefix: NB-
criteria:
  - code: NB-01
    title: Transition to adult services is planned
    text: Children approaching 18 have a planned move to adult mental health services.
    agencies: [health, local_authority]
    theme: planning
"""


@login_required
def local_questions(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, Capability.MANAGE_AUDITS)
    current = LocalQuestions.objects.filter(area=area).first()
    form = LocalQuestionsForm(
        request.POST or None, initial={"text": current.text if current else ""}
    )
    if request.method == "POST" and form.is_valid():
        services.save_local_questions(
            area, form.cleaned_data["text"], load_framework(), request.user
        )
        messages.success(request, "Saved. Audits you create from now on include these questions.")
        return redirect("audit-local-questions", area.code)
    return render(
        request,
        "audits/local_questions.html",
        {
            "area": area,
            "form": form,
            "current": current,
            "example": EXAMPLE,
            "framework": area_framework(area) if current else None,
        },
    )


@login_required
def task_list(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    area = area_for(request, code)
    audit = audit_for(request, area, audit_id)
    framework = audit.questions()
    reviews = list(audit.reviews.prefetch_related("auditors", "answers", "voice"))
    mine = [r for r in reviews if is_assigned(request, r)]
    sees_all = can(request, area, Capability.SEE_CHILDREN)
    own_records = None
    if mine and not sees_all:
        as_of = audit.selection.as_of if audit.selection else date.today()
        view = child_view(area, audit.child_key, as_of=as_of, agency=mine[0].agency)
        own_records = view.chronology if view else []
    log_view(request, audit, "task list")
    return render(
        request,
        "audits/task_list.html",
        {
            "area": area,
            "audit": audit,
            "framework": framework,
            "agencies": framework.agencies,
            "reviews": reviews,
            "mine": [(r, topic_statuses(r)) for r in mine],
            "others": [r for r in reviews if r not in mine],
            "sees_all": sees_all,
            "own_records": own_records,
            "actions": audit.actions.all(),
            "events": audit.events.all(),
            "tags": STATUS_TAGS,
            "may_manage": can(request, area, Capability.MANAGE_AUDITS),
            "may_moderate": can(request, area, Capability.MODERATE),
            "may_act": may_act(request, audit) and not audit.is_signed_off,
            "submitted": ReviewStatus.SUBMITTED,
        },
    )


class StoryForm(forms.Form):
    story = forms.CharField(
        label="The child's story so far",
        help_text="Who the child is, why they are in scope, and what has happened, in order",
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": "Enter the child's story so far"},
    )


@login_required
def story(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    area = area_for(request, code)
    if not (
        can(request, area, Capability.MANAGE_AUDITS) or can(request, area, Capability.MODERATE)
    ):
        raise PermissionDenied
    audit = audit_for(request, area, audit_id)
    form = StoryForm(request.POST or None, initial={"story": audit.story})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_story(audit, form.cleaned_data["story"], request.user)
        except services.AuditError as error:
            form.add_error("story", str(error))
        else:
            messages.success(request, "The child's story is saved.")
            return redirect("audit", area.code, audit.pk)
    log_view(request, audit, "story")
    return render(request, "audits/story.html", {"area": area, "audit": audit, "form": form})


@login_required
def assign(request: HttpRequest, code: str, audit_id: int) -> HttpResponse:
    area = area_for(request, code, Capability.MANAGE_AUDITS)
    audit = audit_for(request, area, audit_id)
    framework = audit.questions()
    people = agency_auditors(area)
    current = {r.agency: r for r in audit.reviews.prefetch_related("auditors")}
    form = forms.Form(request.POST or None)
    for agency, name in framework.agencies.items():
        if not framework.for_agency(agency):
            continue
        form.fields[agency] = forms.MultipleChoiceField(
            label=f"{name}: who audits this agency's part",
            choices=[
                (str(u.pk), u.get_full_name() or u.get_username()) for u in people.get(agency, [])
            ],
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text="Choose nobody to leave this agency out"
            if people.get(agency)
            else "This agency has no auditors in the area yet",
            initial=[str(u.pk) for u in current[agency].auditors.all()]
            if agency in current
            else [],
        )
    if request.method == "POST" and form.is_valid():
        try:
            for agency in form.fields:
                chosen = [
                    u for u in people.get(agency, []) if str(u.pk) in form.cleaned_data[agency]
                ]
                if chosen or agency in current:
                    services.assign_auditors(audit, agency, chosen, request.user)
        except services.AuditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Auditors saved.")
            return redirect("audit", area.code, audit.pk)
    log_view(request, audit, "auditors")
    return render(request, "audits/assign.html", {"area": area, "audit": audit, "form": form})
