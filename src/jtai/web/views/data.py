"""Data pages: the history of loads, one load's issues, and loading files from the browser."""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from jtai.access.log import record_access
from jtai.access.policy import Capability
from jtai.core.export_safety import write_safe_csv
from jtai.records.selectors import issue_facets, load_issues, loads_for_area
from jtai.runs import REPORT_COLUMNS, FolderLoad, load_folder
from jtai.web.forms import DateField
from jtai.web.views.area_access import area_for

DATA = Capability.LOAD_DATA
ISSUES_PER_PAGE = 100


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple) and data:
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        if isinstance(data, list | tuple):
            data = None
        return [super().clean(data, initial)]


class LoadFilesForm(forms.Form):
    uploads = MultipleFileField(
        label="Files to load",
        help_text="CIN census XML, SSDA903 CSVs, the Annex A workbook, partner extracts (CSV).",
        error_messages={"required": "Select at least one file to load"},
    )
    as_of = DateField(
        label="Check the files as of",
        help_text="Usually today. Dates after this are queried. For example, 1 11 2026",
    )


@login_required
def loads(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, DATA)
    return render(request, "data/loads.html", {"area": area, "loads": loads_for_area(area)[:200]})


@login_required
def load_detail(request: HttpRequest, code: str, load_id: int) -> HttpResponse:
    area = area_for(request, code, DATA)
    load = get_object_or_404(loads_for_area(area), pk=load_id)
    chosen = {name: request.GET.get(name, "") for name in ("rule", "severity", "column")}
    issues = load_issues(load, **chosen)
    page = Paginator(issues, ISSUES_PER_PAGE).get_page(request.GET.get("page"))
    # Issues quote offending values, which can be identifiers: a look at child-level data.
    record_access(
        actor=request.user, area=area, action="view", what="load issues", via=request.path
    )
    return render(
        request,
        "data/load_detail.html",
        {
            "area": area,
            "load": load,
            # The header of each table read ('' a CSV's, else a sheet's), as a list of pairs:
            # a template looking up `.items` on a dict would take a sheet called "items".
            "tables": sorted((load.columns or {}).items()),
            "page": page,
            "filters": [
                (name, values, chosen[name]) for name, values in issue_facets(load).items()
            ],
            "chosen": chosen,
            "filtered": any(chosen.values()),
        },
    )


@login_required
def load_issues_csv(request: HttpRequest, code: str, load_id: int) -> HttpResponse:
    area = area_for(request, code, DATA)
    load = get_object_or_404(loads_for_area(area), pk=load_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="load-{load.pk}-issues.csv"'
    rows = (
        (load.status, *(getattr(issue, c) for c in REPORT_COLUMNS[1:]))
        for issue in load.issues.all().iterator()
    )
    count = write_safe_csv(response, REPORT_COLUMNS, rows)  # type: ignore[arg-type]
    record_access(
        actor=request.user,
        area=area,
        action="export",
        what=f"load-{load.pk}-issues.csv",
        via=request.path,
        rows=count,
    )
    return response


@login_required
@require_http_methods(["GET", "POST"])
def load_files(request: HttpRequest, code: str) -> HttpResponse:
    area = area_for(request, code, DATA)
    if request.method == "POST":
        form = LoadFilesForm(request.POST, request.FILES)
        if form.is_valid():
            result = _load_uploads(
                request, area.code, form.cleaned_data["uploads"], form.cleaned_data["as_of"]
            )
            return render(request, "data/load_result.html", {"area": area, "result": result})
    else:
        today = date.today()
        form = LoadFilesForm(initial={"as_of": today})
    return render(request, "data/load_files.html", {"area": area, "form": form})


def _load_uploads(request: HttpRequest, area_code: str, files: list, as_of: date) -> FolderLoad:
    uploads = Path(settings.DATA_DIR) / "uploads"
    uploads.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(dir=uploads))
    try:
        for upload in files:
            target = folder / Path(upload.name).name
            with target.open("wb") as handle:
                for chunk in upload.chunks():
                    handle.write(chunk)
        return load_folder(
            folder,
            area_code=area_code,
            as_of=as_of,
            actor=request.user.get_username(),
            user=request.user,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
