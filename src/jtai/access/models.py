"""People who use jtai: a user belongs to one agency of one area and holds roles there."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from jtai.access.roles import ROLE_LABELS, AgencyChoice, Role
from jtai.areas.models import Area


class User(AbstractUser):
    """Django's user, owned by us so that the access model can grow without a painful migration."""

    class Meta:
        db_table = "access_user"


def validate_roles(value: object) -> None:
    if not isinstance(value, list) or not all(role in ROLE_LABELS for role in value):
        raise ValidationError(
            "Roles must be a list drawn from: %(roles)s", params={"roles": ", ".join(ROLE_LABELS)}
        )


class Membership(models.Model):
    """Where a user works: one area, one agency, some roles, and (for inspectors) an end date."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="membership")
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="memberships")
    agency = models.CharField(max_length=20, choices=AgencyChoice.choices)
    roles = models.JSONField(default=list, validators=[validate_roles])
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="After this moment the account sees nothing (inspectors)."
    )

    def __str__(self) -> str:
        return f"{self.user} - {self.get_agency_display()}, {self.area.code}"

    def is_current(self, now: object | None = None) -> bool:
        moment = now or timezone.now()
        return self.expires_at is None or moment < self.expires_at  # type: ignore[operator]

    @property
    def role_labels(self) -> list[str]:
        return [ROLE_LABELS[role] for role in self.roles if role in ROLE_LABELS]

    def has_role(self, role: Role) -> bool:
        return role.value in self.roles
