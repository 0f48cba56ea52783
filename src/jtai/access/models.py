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


class AccessAction(models.TextChoices):
    VIEW = "view", "Viewed"
    SEARCH = "search", "Searched"
    EXPORT = "export", "Exported"


class AppendOnlyError(Exception):
    """Raised on any attempt to change or remove an access log entry."""


class AppendOnlyQuerySet(models.QuerySet["AccessEvent"]):
    """Bulk changes are refused too, not only changes to one entry."""

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("Access log entries cannot be changed.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Access log entries cannot be deleted.")


class AccessEvent(models.Model):
    """One look at child-level data. Append-only: entries are never changed or deleted."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT)
    username = models.CharField(max_length=150)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT)
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    what = models.CharField(max_length=200, help_text="e.g. 'child', 'load issues', 'cohort.csv'")
    child_key = models.CharField(max_length=40, blank=True, db_index=True)
    rows = models.PositiveIntegerField(null=True, blank=True)
    via = models.CharField(max_length=255, help_text="The page path or the command.")

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.username} {self.action} {self.what} at {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Access log entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Access log entries cannot be deleted.")
