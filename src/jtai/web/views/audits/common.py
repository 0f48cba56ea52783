"""What every audit page needs: find the audit the user may see, check their part, log the look."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from jtai.access.log import record_access
from jtai.access.policy import Capability, may, may_see_child
from jtai.areas.models import Area
from jtai.audits.models import AgencyReview, Audit

STATUS_TAGS = {
    "assigned": "govuk-tag--grey",
    "in_progress": "govuk-tag--light-blue",
    "submitted": "govuk-tag--blue",
    "moderated": "govuk-tag--purple",
    "signed_off": "govuk-tag--green",
    "not_started": "govuk-tag--grey",
    "open": "govuk-tag--blue",
    "overdue": "govuk-tag--red",
    "closed": "govuk-tag--green",
}


def user_of(request: HttpRequest) -> Any:
    return request.user


def can(request: HttpRequest, area: Area, capability: Capability) -> bool:
    return may(user_of(request), area, capability)


def audit_for(request: HttpRequest, area: Area, audit_id: int) -> Audit:
    """The audit in this area, if the user may see its child (403 if not, 404 if no such)."""
    audit = get_object_or_404(Audit.objects.select_related("area"), pk=audit_id, area=area)
    if not may_see_child(user_of(request), area, audit.child_key):
        raise PermissionDenied
    return audit


def is_assigned(request: HttpRequest, review: AgencyReview) -> bool:
    return review.auditors.filter(pk=user_of(request).pk).exists()


def assigned_review(request: HttpRequest, audit: Audit, agency: str) -> AgencyReview:
    """The agency's part of the audit, for one of its assigned auditors only."""
    review = get_object_or_404(AgencyReview, audit=audit, agency=agency)
    if not is_assigned(request, review):
        raise PermissionDenied
    return review


def may_act(request: HttpRequest, audit: Audit) -> bool:
    """Managers, moderators and the audit's auditors add and close its actions."""
    return (
        can(request, audit.area, Capability.MANAGE_AUDITS)
        or can(request, audit.area, Capability.MODERATE)
        or audit.reviews.filter(auditors=user_of(request)).exists()
    )


def log_view(request: HttpRequest, audit: Audit, what: str, action: str = "view") -> None:
    record_access(
        actor=request.user,
        area=audit.area,
        action=action,
        what=f"audit {audit.pk}: {what}"[:200],
        child_key=audit.child_key,
        via=request.get_full_path(),
    )
