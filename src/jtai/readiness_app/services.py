"""Every write of the readiness app: population, readiness statements, snapshots, draft letters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import transaction

from jtai.areas.models import Area
from jtai.links.models import LinkRun
from jtai.readiness_app.models import (
    DraftLetter,
    MeasureSnapshot,
    PopulationRow,
    ReadinessStatement,
)


@transaction.atomic
def store_population(area: Area, rows: Iterable[tuple[int, str, int]], *, file_name: str) -> int:
    """Replace the area's population with these (age, sex, children) rows; the count stored."""
    PopulationRow.objects.filter(area=area).delete()
    created = PopulationRow.objects.bulk_create(
        PopulationRow(area=area, age=age, sex=sex, population=n, file_name=file_name)
        for age, sex, n in rows
    )
    return len(created)


def area_population(area: Area) -> list[tuple[int, str, int]]:
    return list(PopulationRow.objects.filter(area=area).values_list("age", "sex", "population"))


def confirm_readiness(area: Area, agency: str, text: str, *, user: Any) -> ReadinessStatement:
    """Record an agency lead's confirmation of the agency's readiness statement."""
    return ReadinessStatement.objects.create(
        area=area,
        agency=agency,
        text=text.strip(),
        confirmed_by=user if getattr(user, "pk", None) else None,
        confirmed_by_name=user.get_username() if getattr(user, "pk", None) else str(user),
    )


def latest_statements(area: Area) -> dict[str, ReadinessStatement]:
    found: dict[str, ReadinessStatement] = {}
    for statement in ReadinessStatement.objects.filter(area=area):
        found.setdefault(statement.agency, statement)  # ordered newest first per agency
    return found


def snapshot_measures(
    area: Area, *, link_run: LinkRun | None, version: str, as_of: date, values: Mapping[str, Any]
) -> tuple[MeasureSnapshot, MeasureSnapshot | None]:
    """Keep the measures of this data version (once), and return the previous version's."""
    current, _created = MeasureSnapshot.objects.get_or_create(
        area=area,
        data_version=version,
        as_of=as_of,
        defaults={"link_run": link_run, "values": dict(values)},
    )
    previous = (
        MeasureSnapshot.objects.filter(area=area, taken_at__lte=current.taken_at)
        .exclude(data_version=version)
        .order_by("-taken_at", "-pk")
        .first()
    )
    return current, previous


def draft_letter(area: Area, as_of: date) -> DraftLetter | None:
    return DraftLetter.objects.filter(area=area, as_of=as_of).first()


def save_draft_letter(
    area: Area, as_of: date, texts: Mapping[str, str], *, actor: str
) -> DraftLetter:
    draft, _created = DraftLetter.objects.update_or_create(
        area=area,
        as_of=as_of,
        defaults={"sections": dict(texts), "updated_by_name": actor},
    )
    return draft
