"""Find the area a page is about, if the signed-in user may see it, and check their role."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from jtai.access.policy import has_role_in_area, visible_areas
from jtai.access.roles import Role
from jtai.areas.models import Area


def area_for(request: HttpRequest, code: str, *roles: Role) -> Area:
    """The visible area with this code; 404 if not visible, 403 if the user lacks every role."""
    area = visible_areas(request.user).filter(code=code.upper()).first()  # type: ignore[arg-type]
    if area is None:
        raise Http404("No such area")
    if roles and not any(has_role_in_area(request.user, area, role) for role in roles):  # type: ignore[arg-type]
        raise PermissionDenied
    return area
