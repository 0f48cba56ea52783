"""The only writers of selections: record a draw, swap a child, save the audit list.

Each is one transaction. `jtai.runs.sampling` finds the cohort and calls these; views and commands
never write the models directly.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from jtai.areas.models import Area
from jtai.sampling import Draw
from jtai.selections.models import SelectedChild, Selection, Status, Swap


class SelectionError(ValueError):
    """A change the selection cannot take; the message says why, for the person."""


def _who(actor: Any) -> tuple[Any, str]:
    if getattr(actor, "pk", None):
        return actor, actor.get_username()
    return None, str(actor)


@transaction.atomic
def record_selection(
    area: Area,
    draw: Draw,
    *,
    as_of: date,
    definition_name: str,
    definition_version: str,
    actor: Any,
) -> Selection:
    """Store one draw and every child it chose, with their reasons."""
    user, name = _who(actor)
    selection = Selection.objects.create(
        area=area,
        as_of=as_of,
        definition_name=definition_name,
        definition_version=definition_version,
        algorithm=draw.algorithm,
        seed=draw.seed,
        tracked_count=draw.tracked_requested,
        sampled_count=draw.sampled_requested,
        cohort_size=draw.cohort_size,
        gaps=list(draw.gaps),
        strata=[{**asdict(s), "words": s.words} for s in draw.strata],
        created_by=user,
        created_by_name=name,
    )
    SelectedChild.objects.bulk_create(
        SelectedChild(
            selection=selection,
            child_key=c.child_key,
            la_child_id=c.la_child_id or "",
            role=c.role,
            reason=c.reason,
            position=c.position,
        )
        for c in draw.chosen
    )
    return selection


@transaction.atomic
def swap_child(
    selection: Selection, out_key: str, in_key: str, *, in_la_child_id: str, reason: str, actor: Any
) -> Swap:
    """Replace one chosen child with a cohort child not already chosen; the role is kept.

    The caller checks that `in_key` is in the cohort (it has the cohort); this checks the rest.
    """
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.status != Status.DRAFT:
        raise SelectionError("This selection is the audit list or was replaced; draw again")
    if not reason.strip():
        raise SelectionError("Enter why you are swapping this child")
    out = selection.children.filter(child_key=out_key, active=True).first()
    if out is None:
        raise SelectionError("That child is not in this selection")
    if selection.children.filter(child_key=in_key, active=True).exists():
        raise SelectionError("That child is already chosen; choose a child who is not")
    user, name = _who(actor)
    out.active = False
    out.save(update_fields=["active"])
    incoming = SelectedChild.objects.create(
        selection=selection,
        child_key=in_key,
        la_child_id=in_la_child_id or "",
        role=out.role,
        reason=f"{out.role}: swapped in for {out.la_child_id or out.child_key}: {reason.strip()}",
        position=out.position,
        from_swap=True,
    )
    out.replaced_by = incoming
    out.save(update_fields=["replaced_by"])
    return Swap.objects.create(
        selection=selection,
        out_child=out,
        in_child=incoming,
        reason=reason.strip(),
        by=user,
        by_name=name,
    )


@transaction.atomic
def save_as_audit_list(selection: Selection, actor: Any) -> Selection:
    """Make this selection the area's audit list; an earlier audit list is marked replaced."""
    selection = Selection.objects.select_for_update().get(pk=selection.pk)
    if selection.status == Status.SUPERSEDED:
        raise SelectionError("This selection was replaced by a later audit list; draw again")
    if selection.status == Status.AUDIT_LIST:
        return selection
    Selection.objects.filter(area=selection.area, status=Status.AUDIT_LIST).update(
        status=Status.SUPERSEDED
    )
    _, name = _who(actor)
    selection.status = Status.AUDIT_LIST
    selection.saved_by_name = name
    selection.saved_at = timezone.now()
    selection.save(update_fields=["status", "saved_by_name", "saved_at"])
    return selection
