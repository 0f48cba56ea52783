"""Retention: remove an area's child-level data, or the records of loads older than a set age.

Every removal is written down (`RetentionRun`): when, who, what scope and how many rows went.
Load rows (file name, hash, counts) and the access log stay: they hold no child's data and are
the history an auditor asks for.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.apps import apps
from django.db import transaction

from jtai.areas.models import Area
from jtai.records.models import EventRecord, Load, LoadIssue, PersonRecord, RetentionRun

# Child-level tables of other apps, removed with the area's records. Looked up by label so that
# this module needs no import of them; an app that is not installed is simply skipped.
CHILD_LEVEL_MODELS = (
    "links.ChildLink",
    "links.ReviewPair",
    "links.LinkDecision",
    "links.KeyEvent",
    "links.LinkRun",
    "selections.Selection",
    "audits.Audit",
)


def _installed(label: str) -> Any:
    try:
        return apps.get_model(label)
    except LookupError:
        return None


@transaction.atomic
def purge_area(area: Area, *, actor: str) -> RetentionRun:
    """Remove every child-level row the area holds; keep its loads' history and access log."""
    counts: dict[str, int] = {}
    for label in CHILD_LEVEL_MODELS:
        model = _installed(label)
        if model is not None:
            counts[label] = model.objects.filter(area=area).delete()[0]
    counts["records.PersonRecord"] = PersonRecord.objects.filter(area=area).delete()[0]
    counts["records.EventRecord"] = EventRecord.objects.filter(area=area).delete()[0]
    counts["records.LoadIssue"] = LoadIssue.objects.filter(load__area=area).delete()[0]
    return RetentionRun.objects.create(area=area, actor=actor, scope="area", counts=counts)


@transaction.atomic
def purge_loads_before(area: Area, cutoff: datetime, *, actor: str) -> RetentionRun:
    """Remove the records and issues of the area's loads made before `cutoff`."""
    old = Load.objects.filter(area=area, loaded_at__lt=cutoff)
    counts = {
        "records.PersonRecord": PersonRecord.objects.filter(load__in=old).delete()[0],
        "records.EventRecord": EventRecord.objects.filter(load__in=old).delete()[0],
        "records.LoadIssue": LoadIssue.objects.filter(load__in=old).delete()[0],
    }
    return RetentionRun.objects.create(
        area=area, actor=actor, scope=f"loads before {cutoff:%Y-%m-%d %H:%M}", counts=counts
    )
