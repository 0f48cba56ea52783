"""Reads of loads and their issues, for pages and exports."""

from __future__ import annotations

from django.db.models import QuerySet

from jtai.areas.models import Area
from jtai.records.models import Load, LoadIssue


def loads_for_area(area: Area) -> QuerySet[Load]:
    """Every file ever offered to the area, newest first, rejected and superseded included."""
    return Load.objects.filter(area=area).select_related("loaded_by")


def load_issues(
    load: Load, *, rule: str = "", severity: str = "", column: str = ""
) -> QuerySet[LoadIssue]:
    issues = load.issues.all()
    if rule:
        issues = issues.filter(rule=rule)
    if severity:
        issues = issues.filter(severity=severity)
    if column:
        issues = issues.filter(column=column)
    return issues


def issue_facets(load: Load) -> dict[str, list[str]]:
    """The distinct rules, severities and columns a load's issues have, for the filter form."""
    issues = load.issues.all()
    return {
        name: sorted(v for v in issues.values_list(name, flat=True).distinct() if v)
        for name in ("rule", "severity", "column")
    }
