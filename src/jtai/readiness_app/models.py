"""What the readiness pages keep: statements, snapshots of measures, draft letters, population.

Every write goes through `jtai.readiness_app.services`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from jtai.areas.models import Area
from jtai.links.models import LinkRun


class PopulationRow(models.Model):
    """One row of the area's population file (age, sex, children), replaced on each load."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="population_rows")
    age = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=1)
    population = models.PositiveIntegerField()
    file_name = models.CharField(max_length=255)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "age", "sex"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "age", "sex"], name="readiness_one_population_row"
            )
        ]

    def __str__(self) -> str:
        return f"{self.area_id} {self.age} {self.sex}: {self.population}"


class ReadinessStatement(models.Model):
    """An agency's readiness statement as its lead confirmed it. Kept forever; the latest counts."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="readiness_statements")
    agency = models.CharField(max_length=20)
    text = models.TextField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_by_name = models.CharField(max_length=150)
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "agency", "-confirmed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency} readiness, {self.confirmed_by_name}"


class MeasureSnapshot(models.Model):
    """The measures as computed on one version of the area's data (its link run), for trends."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="measure_snapshots")
    link_run = models.ForeignKey(
        LinkRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    data_version = models.CharField(max_length=100)
    as_of = models.DateField()
    values = models.JSONField(help_text="measure code -> value")
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["area", "-taken_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "data_version", "as_of"], name="readiness_one_snapshot_per_version"
            )
        ]

    def __str__(self) -> str:
        return f"Measures of {self.area_id} on {self.as_of} ({self.data_version})"


class DraftLetter(models.Model):
    """A person's wording of the draft findings letter, section by section."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="draft_letters")
    as_of = models.DateField()
    sections = models.JSONField(help_text="section key -> text")
    updated_by_name = models.CharField(max_length=150)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area", "-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["area", "as_of"], name="readiness_one_draft_per_date")
        ]

    def __str__(self) -> str:
        return f"Draft letter for {self.area_id} on {self.as_of}"
