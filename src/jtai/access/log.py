"""The access log: every view, search and export of child-level data, written here and only here.

Entries hold who, when, what (a child key or an export's name and row count), from where (a page
path or a command) - never a name, date of birth or identifier.
"""

from __future__ import annotations

from typing import Any

from jtai.access.models import AccessEvent
from jtai.areas.models import Area


def record_access(
    *,
    actor: Any,
    area: Area | None,
    action: str,
    what: str,
    via: str,
    child_key: str = "",
    rows: int | None = None,
) -> AccessEvent:
    """Append one entry. `actor` is a user, or a string such as `cli:alice` for the command line."""
    user = actor if getattr(actor, "pk", None) else None
    name = actor.get_username() if user is not None else str(actor)
    return AccessEvent.objects.create(
        user=user,
        username=name,
        area=area,
        action=action,
        what=what,
        child_key=child_key,
        rows=rows,
        via=via[:255],
    )
