"""A selection (one draw), the children it chose, and every swap: nothing is ever overwritten.

A swapped-out child keeps its row (`active=False`, `replaced_by` the child that took its place),
so the original draw and each swap can always be read back.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jtai.areas.models import Area


class Status(models.TextChoices):
    DRAFT = "draft", "Draft"
    AUDIT_LIST = "audit_list", "The audit list"
    SUPERSEDED = "superseded", "Replaced by a later audit list"


class Role(models.TextChoices):
    TRACKED = "tracked", "Tracked"
    SAMPLED = "sampled", "Sampled"


class Selection(models.Model):
    """One draw of tracked and sampled children from an area's cohort on a date."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="selections")
    as_of = models.DateField()
    definition_name = models.CharField(max_length=100)
    definition_version = models.CharField(max_length=50)
    algorithm = models.CharField(max_length=50)
    seed = models.BigIntegerField()
    tracked_count = models.PositiveSmallIntegerField(help_text="Tracked children asked for")
    sampled_count = models.PositiveIntegerField(help_text="Sampled children asked for")
    cohort_size = models.PositiveIntegerField(default=0)
    gaps = models.JSONField(default=list)
    strata = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by_name = models.CharField(max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    saved_by_name = models.CharField(max_length=150, blank=True, default="")
    saved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Selection {self.pk} for {self.area.code} on {self.as_of}"

    @property
    def is_audit_list(self) -> bool:
        return self.status == Status.AUDIT_LIST

    def current(self) -> models.QuerySet[SelectedChild]:
        """The children chosen now: the draw with every swap applied."""
        return self.children.filter(active=True).order_by("-role", "position")  # tracked first


class SelectedChild(models.Model):
    """One child chosen by a draw or brought in by a swap."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="children")
    child_key = models.CharField(max_length=64)
    la_child_id = models.CharField(max_length=64, blank=True, default="")
    role = models.CharField(max_length=10, choices=Role.choices)
    reason = models.TextField()
    position = models.PositiveIntegerField()
    active = models.BooleanField(default=True)
    from_swap = models.BooleanField(default=False)
    replaced_by = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced"
    )

    class Meta:
        ordering = ["role", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["selection", "child_key"],
                condition=models.Q(active=True),
                name="selections_one_active_row_per_child",
            )
        ]

    def __str__(self) -> str:
        return f"{self.role} {self.position}: {self.la_child_id or self.child_key}"


class Swap(models.Model):
    """A person took one child out and put another in, and said why."""

    selection = models.ForeignKey(Selection, on_delete=models.CASCADE, related_name="swaps")
    out_child = models.OneToOneField(SelectedChild, on_delete=models.PROTECT, related_name="+")
    in_child = models.OneToOneField(SelectedChild, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    by_name = models.CharField(max_length=150)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"Swap {self.pk} in selection {self.selection_id}"
