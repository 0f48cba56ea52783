"""Writes to areas: the one entry point for creating or renaming an area."""

from __future__ import annotations

from django.db import transaction

from jtai.areas.models import Area


@transaction.atomic
def ensure_area(code: str, name: str | None = None) -> tuple[Area, bool]:
    """Return the area with this code, creating it (named `name`, or after its code) if new.

    An existing area keeps its name unless a new one is given.
    """
    code = code.strip().upper()
    area = Area.objects.filter(code=code).first()
    if area is None:
        area = Area(code=code, name=(name or code).strip())
        area.full_clean()
        area.save()
        return area, True
    if name and name.strip() != area.name:
        area.name = name.strip()
        area.full_clean()
        area.save(update_fields=["name"])
    return area, False
