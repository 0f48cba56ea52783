"""Writes to accounts: creating people with their agency and roles."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction

from jtai.access.models import Membership, User
from jtai.access.roles import AgencyChoice, Role
from jtai.areas.models import Area


@transaction.atomic
def create_member(
    *,
    username: str,
    password: str,
    area: Area,
    agency: AgencyChoice | str,
    roles: list[Role] | list[str],
    full_name: str = "",
    email: str = "",
    expires_at: datetime | None = None,
) -> User:
    """Create (or reset) a user with one membership; the same username again updates it."""
    first, _, last = full_name.partition(" ")
    user, _created = User.objects.get_or_create(username=username)
    user.first_name, user.last_name, user.email = first, last, email
    user.set_password(password)
    user.save()
    membership = Membership(
        user=user,
        area=area,
        agency=str(agency),
        roles=[str(role) for role in roles],
        expires_at=expires_at,
    )
    existing = Membership.objects.filter(user=user).first()
    if existing is not None:
        membership.pk = existing.pk
    membership.full_clean(validate_unique=False)
    membership.save()
    return user
