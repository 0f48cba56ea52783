"""Who may see what: the one place the web, the CLI and (later) the API ask.

Issue 10 grows this into the full need-to-know model; every caller already comes through here.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone

from jtai.access.models import Membership, User
from jtai.access.roles import Role
from jtai.areas.models import Area


def current_membership(user: User, now: datetime | None = None) -> Membership | None:
    """The user's membership if they have one that has not expired."""
    membership = Membership.objects.select_related("area").filter(user=user).first()
    if membership is None or not membership.is_current(now):
        return None
    return membership


def visible_areas(user: User, now: datetime | None = None) -> QuerySet[Area]:
    """The areas this user may see: all for a superuser, their own area for everyone else."""
    if not user.is_authenticated or not user.is_active:
        return Area.objects.none()
    if user.is_superuser:
        return Area.objects.all()
    membership = current_membership(user, now or timezone.now())
    if membership is None:
        return Area.objects.none()
    return Area.objects.filter(pk=membership.area_id)


def has_role_in_area(user: User, area: Area, role: Role, now: datetime | None = None) -> bool:
    if user.is_superuser:
        return True
    membership = current_membership(user, now)
    return membership is not None and membership.area_id == area.pk and membership.has_role(role)


class Capability(StrEnum):
    """What a page or command needs. Each maps to the roles that grant it, in one table."""

    LOAD_DATA = "load_data"
    SEE_CHILDREN = "see_children"
    REVIEW_LINKS = "review_links"
    READ_ACCESS_LOG = "read_access_log"
    DRAW_SAMPLE = "draw_sample"
    MANAGE_AUDITS = "manage_audits"
    MODERATE = "moderate"
    SEE_ACTIONS = "see_actions"
    SEE_READINESS = "see_readiness"
    CONFIRM_READINESS = "confirm_readiness"


GRANTS: dict[Capability, frozenset[Role]] = {
    Capability.LOAD_DATA: frozenset({Role.PARTNERSHIP_ADMIN, Role.LA_ANALYST}),
    # Agency auditors see only the children assigned to their audits (case audit, later);
    # executives see aggregates only, never a child.
    Capability.SEE_CHILDREN: frozenset(
        {Role.PARTNERSHIP_ADMIN, Role.LA_ANALYST, Role.MODERATOR, Role.INSPECTOR}
    ),
    Capability.REVIEW_LINKS: frozenset({Role.PARTNERSHIP_ADMIN, Role.LA_ANALYST}),
    Capability.READ_ACCESS_LOG: frozenset({Role.PARTNERSHIP_ADMIN}),
    # Drawing, swapping and saving the audit list; seeing a selection needs SEE_CHILDREN.
    Capability.DRAW_SAMPLE: frozenset({Role.PARTNERSHIP_ADMIN, Role.LA_ANALYST}),
    # Case audit: creating audits and assigning auditors; moderating and signing them off.
    Capability.MANAGE_AUDITS: frozenset({Role.PARTNERSHIP_ADMIN, Role.LA_ANALYST}),
    Capability.MODERATE: frozenset({Role.MODERATOR, Role.PARTNERSHIP_ADMIN}),
    # The action tracker names no child (audit numbers only), so the executive group, which
    # follows actions up, sees it; inspectors do not: it is the partnership's own improvement plan.
    Capability.SEE_ACTIONS: frozenset(
        {
            Role.PARTNERSHIP_ADMIN,
            Role.LA_ANALYST,
            Role.AGENCY_AUDITOR,
            Role.MODERATOR,
            Role.EXECUTIVE,
        }
    ),
    # Readiness: the dashboard, measures, needs analysis, letter and overview are aggregates (no
    # child); the drill-down to the children behind a measure needs SEE_CHILDREN.
    Capability.SEE_READINESS: frozenset(
        {Role.PARTNERSHIP_ADMIN, Role.LA_ANALYST, Role.MODERATOR, Role.EXECUTIVE, Role.INSPECTOR}
    ),
    # An agency's readiness statement is confirmed by that agency's lead: an executive or a
    # partnership administrator whose membership is of that agency (a superuser: any agency).
    Capability.CONFIRM_READINESS: frozenset({Role.PARTNERSHIP_ADMIN, Role.EXECUTIVE}),
}


def may(user: User, area: Area, capability: Capability, now: datetime | None = None) -> bool:
    """True when the user holds, in this area, a role that grants the capability."""
    if user.is_superuser:
        return True
    membership = current_membership(user, now)  # once, not once per role that grants it
    return (
        membership is not None
        and membership.area_id == area.pk
        and any(membership.has_role(role) for role in GRANTS[capability])
    )


def may_see_child(user: User, area: Area, child_key: str, now: datetime | None = None) -> bool:
    """SEE_CHILDREN holders see any child of their area; an agency auditor sees only the children
    of the audits they are assigned to (and of those, the audit and their own agency's records)."""
    if may(user, area, Capability.SEE_CHILDREN, now):
        return True
    from jtai.audits.models import AgencyReview

    return has_role_in_area(user, area, Role.AGENCY_AUDITOR, now) and (
        AgencyReview.objects.filter(
            audit__area=area, audit__child_key=child_key, auditors=user
        ).exists()
    )
