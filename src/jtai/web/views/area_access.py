"""Find the area a page is about, if the signed-in user may see it, and check what they may do."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from jtai.access.policy import Capability, may, visible_areas
from jtai.areas.models import Area


def area_for(request: HttpRequest, code: str, capability: Capability | None = None) -> Area:
    """The visible area with this code; 404 if not visible, 403 without the capability."""
    user = request.user
    area = visible_areas(user).filter(code=code.upper()).first()  # type: ignore[arg-type]
    if area is None:
        raise Http404("No such area")
    if capability is not None and not may(user, area, capability):  # type: ignore[arg-type]
        raise PermissionDenied
    return area
